import path from 'node:path'
import ts from 'typescript'
import { sql } from 'kysely'
import type { Db } from '../../src/platform/db/database.ts'

/*
 * Compares the Kysely table types (the `Database` interface the app's Kysely
 * instance is typed with) with the schema the migrations make. The types are
 * read with the TypeScript compiler, the schema from pg_catalog, and how each
 * PostgreSQL type reaches JavaScript by asking the app's own connection (so
 * the type parsers database.ts sets are the ones that count).
 */

const root = path.resolve(import.meta.dirname, '../..')
/** Where the app makes its Kysely instance; the `Database` type is whatever `new Kysely<…>` names there. */
const kyselyFile = path.join(root, 'src/platform/db/database.ts')

/** What a value of a column is in JavaScript, coarsely. */
export type Family = 'string' | 'number' | 'boolean' | 'bigint' | 'Date' | 'bytes' | 'array' | 'object'

/** One of a column's three Kysely types (select, insert, update), in the terms the comparison needs. */
export interface TypeShape {
  families: Set<Family>
  /** null is one of its values (or it is unknown/any, which admit null). */
  nullable: boolean
  /** undefined is one of its values: the column may be left out. */
  optional: boolean
  /** It is `never`: no value is accepted (Kysely's GeneratedAlways, or a read-only column). */
  never: boolean
  /** unknown or any: no family can be checked. */
  loose: boolean
  /** The string literals of a literal union ('a' | 'b'), when it is nothing else. */
  literals: string[] | undefined
  text: string
}

export interface TypedColumn {
  name: string
  select: TypeShape
  insert: TypeShape
  update: TypeShape
  /** file:line of the property, for the message. */
  where: string
}

export interface TypedTable {
  name: string
  columns: Map<string, TypedColumn>
  /** file:line of its property in the Database interface. */
  where: string
  /** file:line of the table's own type (its interface), where columns go. */
  typeWhere: string
}

export interface TableTypes {
  /** The interface's name and where it is declared. */
  database: string
  tables: Map<string, TypedTable>
}

function location(node: ts.Node): string {
  const file = node.getSourceFile()
  const { line } = file.getLineAndCharacterOfPosition(node.getStart())
  return `${path.relative(root, file.fileName)}:${line + 1}`
}

function shapeOf(type: ts.Type, checker: ts.TypeChecker): TypeShape {
  const shape: TypeShape = {
    families: new Set(),
    nullable: false,
    optional: false,
    never: false,
    loose: false,
    literals: [],
    text: checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation),
  }
  const parts = type.isUnion() ? type.types : [type]
  for (const part of parts) {
    const flags = part.flags
    if (flags & ts.TypeFlags.Never) {
      shape.never = parts.length === 1
    } else if (flags & ts.TypeFlags.Null) {
      shape.nullable = true
    } else if (flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) {
      shape.optional = true
    } else if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
      shape.loose = true
      shape.nullable = true
      shape.optional = true
    } else if (flags & ts.TypeFlags.StringLike) {
      shape.families.add('string')
      if (part.isStringLiteral()) shape.literals?.push(part.value)
      else shape.literals = undefined
    } else if (flags & ts.TypeFlags.NumberLike) {
      shape.families.add('number')
    } else if (flags & ts.TypeFlags.BooleanLike) {
      shape.families.add('boolean')
    } else if (flags & ts.TypeFlags.BigIntLike) {
      shape.families.add('bigint')
    } else {
      const name = part.getSymbol()?.getName()
      if (name === 'Date') shape.families.add('Date')
      else if (name === 'Buffer' || name === 'Uint8Array') shape.families.add('bytes')
      else if (checker.isArrayType(part) || checker.isTupleType(part)) shape.families.add('array')
      else shape.families.add('object')
    }
  }
  if (shape.families.size !== 1 || !shape.families.has('string') || shape.literals?.length === 0) shape.literals = undefined
  return shape
}

/**
 * The tables and columns of the `Database` type the app's Kysely instance is
 * typed with, as the compiler sees them (interfaces that extend others, type
 * aliases and Kysely's ColumnType/Generated wrappers all resolved).
 */
export function readTableTypes(): TableTypes {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error('tsconfig.json could not be read')
  const program = ts.createProgram({ rootNames: [kyselyFile], options: { ...config.options, noEmit: true } })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(kyselyFile)
  if (!source) throw new Error(`${kyselyFile} is not in the program`)

  // Every `new Kysely<X>(…)` in the file; they must agree on X.
  const named: ts.TypeNode[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Kysely' && node.typeArguments?.[0]) {
      named.push(node.typeArguments[0])
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  const databaseNode = named[0]
  if (!databaseNode) throw new Error(`No new Kysely<…>(…) in ${path.relative(root, kyselyFile)}: the test cannot find the table types`)
  const databaseType = checker.getTypeFromTypeNode(databaseNode)
  for (const other of named.slice(1)) {
    if (checker.getTypeFromTypeNode(other) !== databaseType) {
      throw new Error(
        `${location(other)} types a Kysely instance with ${other.getText()}, ${location(databaseNode)} with ${databaseNode.getText()}: the test checks one`,
      )
    }
  }
  const databaseDeclaration = databaseType.getSymbol()?.getDeclarations()?.[0]

  const tables = new Map<string, TypedTable>()
  for (const tableSymbol of checker.getPropertiesOfType(databaseType)) {
    const tableDeclaration = tableSymbol.getDeclarations()?.[0]
    if (!tableDeclaration) continue
    const tableType = checker.getTypeOfSymbolAtLocation(tableSymbol, tableDeclaration)
    const columns = new Map<string, TypedColumn>()
    for (const columnSymbol of checker.getPropertiesOfType(tableType)) {
      const columnDeclaration = columnSymbol.getDeclarations()?.[0]
      if (!columnDeclaration) continue
      const columnType = checker.getTypeOfSymbolAtLocation(columnSymbol, columnDeclaration)
      // Kysely's ColumnType<S, I, U> (and Generated<S>, GeneratedAlways<S>) is { __select__: S; __insert__: I; __update__: U }.
      const part = (name: string): TypeShape => {
        const symbol = columnType.getProperty(name)
        return shapeOf(symbol ? checker.getTypeOfSymbolAtLocation(symbol, columnDeclaration) : columnType, checker)
      }
      const select = part('__select__')
      const insert = part('__insert__')
      if (columnSymbol.getFlags() & ts.SymbolFlags.Optional) insert.optional = true
      columns.set(columnSymbol.getName(), { name: columnSymbol.getName(), select, insert, update: part('__update__'), where: location(columnDeclaration) })
    }
    const tableTypeDeclaration = tableType.getSymbol()?.getDeclarations()?.[0]
    tables.set(tableSymbol.getName(), {
      name: tableSymbol.getName(),
      columns,
      where: location(tableDeclaration),
      typeWhere: tableTypeDeclaration ? location(tableTypeDeclaration) : location(tableDeclaration),
    })
  }
  return {
    database: `${databaseNode.getText()}${databaseDeclaration ? ` (${location(databaseDeclaration)})` : ''}`,
    tables,
  }
}

export interface SchemaColumn {
  name: string
  nullable: boolean
  hasDefault: boolean
  /** 'a' GENERATED ALWAYS AS IDENTITY, 'd' BY DEFAULT, '' neither. */
  identity: string
  /** 's' for a stored generated column, '' otherwise. */
  generated: string
  /** As PostgreSQL writes it (format_type). */
  type: string
  /** The type name, or a domain's base type's, that decides what the driver returns. */
  baseType: string
  /** 'b' base, 'e' enum, 'c' composite, 'r' range… of the base type. */
  typeKind: string
  /** The values a CHECK (column IN (…)) constraint allows, when there is one. */
  allowed: string[] | undefined
}

export interface SchemaRelation {
  schema: string
  name: string
  kind: 'table' | 'view' | 'materialized view' | 'foreign table'
  columns: Map<string, SchemaColumn>
}

export interface Schema {
  relations: SchemaRelation[]
  /** Functions in the database's own schemas (not an extension's), as name(arguments). */
  functions: string[]
  /** What each base type in use reads as in JavaScript through this connection, or why it could not be told. */
  families: Map<string, Family | 'json' | { unknown: string }>
}

const relationKinds: Record<string, SchemaRelation['kind']> = {
  r: 'table',
  p: 'table',
  v: 'view',
  m: 'materialized view',
  f: 'foreign table',
}

/** A value of each base type the schema may use, to see what the driver turns it into. */
const samples: Record<string, string> = {
  text: `'a'`,
  varchar: `'a'`,
  bpchar: `'a'`,
  name: `'a'`,
  citext: `'a'`,
  uuid: `'00000000-0000-0000-0000-000000000000'`,
  int2: '1',
  int4: '1',
  int8: '1',
  numeric: '1.5',
  float4: '1.5',
  float8: '1.5',
  bool: 'true',
  timestamptz: 'now()',
  timestamp: 'now()',
  date: `'2026-01-01'`,
  time: `'12:00'`,
  timetz: `'12:00+00'`,
  interval: `'1 day'`,
  bytea: `'\\x00'`,
  inet: `'127.0.0.1'`,
}

function familyOfValue(value: unknown): Family {
  if (value instanceof Date) return 'Date'
  if (value instanceof Uint8Array) return 'bytes'
  if (Array.isArray(value)) return 'array'
  const type = typeof value
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint') return type
  return 'object'
}

/**
 * The values a one-column CHECK allows, when it is a plain list: `col IN ('a', 'b')`,
 * which PostgreSQL keeps as `CHECK ((col = ANY (ARRAY['a'::text, 'b'::text])))`,
 * or `col IN ('a')`, kept as `CHECK ((col = 'a'::text))`. Anything else (a
 * length, a pattern) bounds no literal union and gives undefined.
 */
function allowedValues(definition: string, column: string): string[] | undefined {
  const literal = String.raw`'(?:[^']|'')*'(?:::[\w ]+)?`
  const list =
    new RegExp(String.raw`^CHECK \(\("?(\w+)"? = ANY \(ARRAY\[((?:${literal})(?:, ${literal})*)\]\)\)\)$`).exec(definition) ??
    new RegExp(String.raw`^CHECK \(\("?(\w+)"? = (${literal})\)\)$`).exec(definition)
  if (!list || list[1] !== column || !list[2]) return undefined
  return [...list[2].matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? '').replaceAll("''", "'"))
}

/** The schema as the migrations left it, read from pg_catalog through the app's own connection. */
export async function readSchema(db: Db): Promise<Schema> {
  const { rows } = await sql<{
    schema: string
    relation: string
    relkind: string
    column: string
    not_null: boolean
    has_default: boolean
    identity: string
    generated: string
    type: string
    base_type: string
    type_kind: string
  }>`
    SELECT n.nspname AS schema, c.relname AS relation, c.relkind::text AS relkind,
           a.attname AS column, a.attnotnull AS not_null, a.atthasdef AS has_default,
           a.attidentity::text AS identity, a.attgenerated::text AS generated,
           format_type(a.atttypid, a.atttypmod) AS type,
           coalesce(b.typname, t.typname) AS base_type, coalesce(b.typtype, t.typtype)::text AS type_kind
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_type b ON t.typtype = 'd' AND b.oid = t.typbasetype
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY n.nspname, c.relname, a.attnum
  `.execute(db)
  const checks = await sql<{ schema: string; relation: string; column: string; definition: string }>`
    SELECT n.nspname AS schema, c.relname AS relation, a.attname AS column, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.conkey[1]
    WHERE k.contype = 'c' AND cardinality(k.conkey) = 1
  `.execute(db)
  const functions = await sql<{ signature: string }>`
    SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    ORDER BY 1
  `.execute(db)

  const allowed = new Map<string, string[]>()
  for (const check of checks.rows) {
    const values = allowedValues(check.definition, check.column)
    if (values) allowed.set(`${check.schema}.${check.relation}.${check.column}`, values)
  }

  const relations = new Map<string, SchemaRelation>()
  const families: Schema['families'] = new Map()
  for (const row of rows) {
    const key = `${row.schema}.${row.relation}`
    let relation = relations.get(key)
    if (!relation) {
      relation = { schema: row.schema, name: row.relation, kind: relationKinds[row.relkind] ?? 'table', columns: new Map() }
      relations.set(key, relation)
    }
    relation.columns.set(row.column, {
      name: row.column,
      nullable: !row.not_null,
      hasDefault: row.has_default,
      identity: row.identity,
      generated: row.generated,
      type: row.type,
      baseType: row.base_type,
      typeKind: row.type_kind,
      allowed: allowed.get(`${key}.${row.column}`),
    })
    if (families.has(row.base_type)) continue
    if (row.base_type === 'json' || row.base_type === 'jsonb') families.set(row.base_type, 'json')
    else if (row.type_kind === 'e') families.set(row.base_type, 'string')
    else if (row.base_type.startsWith('_')) families.set(row.base_type, 'array')
    else {
      const sample = samples[row.base_type]
      if (sample === undefined) {
        families.set(row.base_type, { unknown: `the test has no sample value of ${row.base_type}: add one to samples in test/support/table-types.ts` })
        continue
      }
      const { rows: read } = await sql<{ value: unknown }>`SELECT ${sql.raw(sample)}::${sql.raw(row.base_type)} AS value`.execute(db)
      families.set(row.base_type, familyOfValue(read[0]?.value))
    }
  }
  return { relations: [...relations.values()], functions: functions.rows.map((f) => f.signature), families }
}

/** Objects in the database the table types leave out on purpose, each with why. */
export interface Untyped {
  /** 'schema.table' for a relation, 'schema.name(arguments)' for a function. */
  name: string
  reason: string
}

const sameSet = (a: Iterable<string>, b: Iterable<string>): boolean => {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every((x) => right.has(x))
}

const list = (values: Iterable<string>): string => [...values].sort().join(' | ')

/**
 * Every disagreement between the table types and the schema, one line each,
 * saying what differs and which side to change. Migrations are frozen once
 * landed, so it is the types that follow the schema, unless the types describe
 * something no migration has made yet.
 */
export function compareTableTypes(types: TableTypes, schema: Schema, untyped: Untyped[]): string[] {
  const problems: string[] = []
  const allowList = 'ALLOWED_UNTYPED in test/integration/table-types.test.ts'
  const untypedNames = new Map(untyped.map((u) => [u.name, u]))
  const seenUntyped = new Set<string>()

  for (const relation of schema.relations) {
    const qualified = `${relation.schema}.${relation.name}`
    const typed = relation.schema === 'public' ? types.tables.get(relation.name) : undefined
    if (untypedNames.has(qualified)) {
      seenUntyped.add(qualified)
      if (!typed) continue
      problems.push(`${qualified}: typed in ${typed.where}, yet listed in ${allowList} as untyped: take it off that list`)
    }
    if (!typed) {
      problems.push(
        relation.schema === 'public'
          ? `${qualified}: a ${relation.kind} the migrations make is missing from ${types.database}: add its table type (or, if the app never queries it, add it to ${allowList} with the reason)`
          : `${qualified}: a ${relation.kind} outside the public schema, which ${types.database} cannot name: add it to ${allowList} with the reason`,
      )
      continue
    }
    const isView = relation.kind !== 'table'
    for (const column of relation.columns.values()) {
      const name = `${relation.name}.${column.name}`
      const typedColumn = typed.columns.get(column.name)
      if (!typedColumn) {
        problems.push(
          `${name}: a column (${column.type}${column.nullable ? '' : ' NOT NULL'}) the migrations make is missing from the type at ${typed.typeWhere}: add it to the type`,
        )
        continue
      }
      const { select, insert, update, where } = typedColumn
      const fix = `fix the type at ${where}`

      // Nullability. PostgreSQL calls every column of a view nullable, so there only a nullable type is checked.
      if (column.nullable && !select.nullable && !isView) {
        problems.push(`${name}: the database allows NULL (${column.type}) but the type (${select.text}) does not: ${fix} (add | null)`)
      }
      if (!column.nullable && select.nullable && !select.loose) {
        problems.push(`${name}: the database has NOT NULL (${column.type}) but the type (${select.text}) allows null: ${fix} (drop | null)`)
      }
      if (!column.nullable && !select.nullable && !isView) {
        for (const [what, shape] of [
          ['insert', insert],
          ['update', update],
        ] as const) {
          if (shape.nullable && !shape.loose) problems.push(`${name}: the database has NOT NULL but the ${what} type (${shape.text}) accepts null: ${fix}`)
        }
      }

      // Defaults and generated columns.
      const always = column.identity === 'a' || column.generated === 's'
      const made = always ? (column.generated === 's' ? 'a generated column' : 'GENERATED ALWAYS AS IDENTITY') : undefined
      if (made && !isView) {
        if (!insert.never || !update.never) {
          problems.push(
            `${name}: ${made}, which takes no value on insert or update, but the types accept ${insert.text} and ${update.text}: ${fix} (GeneratedAlways<…>)`,
          )
        }
      } else if (!isView) {
        const defaulted = column.hasDefault || column.identity === 'd'
        if (insert.optional && !insert.loose && !defaulted && !column.nullable) {
          problems.push(
            `${name}: NOT NULL with no default, but the type lets an insert leave it out (insert type ${insert.text}): ${fix} (no Generated<…>, no undefined)`,
          )
        }
        if (defaulted && !insert.optional && !insert.never) {
          problems.push(`${name}: the database has a default, but the type makes every insert give a value (insert type ${insert.text}): ${fix} (Generated<…>)`)
        }
      }

      // What the value is in JavaScript.
      const family = schema.families.get(column.baseType)
      if (family === undefined || typeof family === 'object') {
        problems.push(`${name}: ${family?.unknown ?? `no family for ${column.baseType}`}`)
      } else if (family === 'json') {
        // JSON can be any value; whatever the type says is a narrowing the database cannot check.
      } else if (select.loose) {
        problems.push(`${name}: ${column.type} reads as ${family} through the app's connection, but the type is ${select.text}: ${fix} (${family})`)
      } else if (!sameSet(select.families, [family])) {
        problems.push(`${name}: ${column.type} reads as ${family} through the app's connection, but the type reads it as ${list(select.families)}: ${fix}`)
      }

      // A literal union against the CHECK (column IN (…)) that bounds it.
      if (column.allowed && select.literals && !sameSet(select.literals, column.allowed)) {
        const extra = select.literals.filter((v) => !column.allowed?.includes(v))
        const missing = column.allowed.filter((v) => !select.literals?.includes(v))
        problems.push(
          `${name}: the type's values differ from the CHECK constraint's` +
            `${extra.length ? `; the database refuses ${extra.map((v) => `'${v}'`).join(', ')}` : ''}` +
            `${missing.length ? `; the type lacks ${missing.map((v) => `'${v}'`).join(', ')}` : ''}: ${fix}`,
        )
      }
    }
    for (const typedColumn of typed.columns.values()) {
      if (!relation.columns.has(typedColumn.name)) {
        problems.push(
          `${relation.name}.${typedColumn.name}: in the type at ${typedColumn.where} but no migration makes the column: remove it from the type (or add a migration)`,
        )
      }
    }
  }

  const inSchema = new Set(schema.relations.filter((r) => r.schema === 'public').map((r) => r.name))
  for (const table of types.tables.values()) {
    if (!inSchema.has(table.name)) {
      problems.push(`${table.name}: a table in the types (${table.where}) that no migration makes: remove it from the types (or add a migration)`)
    }
  }

  for (const fn of schema.functions) {
    if (untypedNames.has(fn)) seenUntyped.add(fn)
    else problems.push(`${fn}: a function the migrations make, which the table types cannot describe: add it to ${allowList} with the reason`)
  }
  for (const entry of untyped) {
    if (!entry.reason.trim()) problems.push(`${entry.name}: listed in ${allowList} without a reason: give one`)
    if (!seenUntyped.has(entry.name)) problems.push(`${entry.name}: listed in ${allowList}, but the migrated database has no such object: take it off the list`)
  }
  return problems
}
