import { sql } from 'kysely'
import type { Executor } from '../platform/db/database.ts'

// Read from the catalogue rather than listed by hand, so backups, restores and
// the demo rebuild cover every table a later migration adds without anyone
// remembering to register it.

export interface ColumnInfo {
  name: string
  /** As PostgreSQL spells it (format_type), usable in a cast or a column definition. */
  type: string
  nullable: boolean
  identity: boolean
  /** json and jsonb values are carried as text so a JSON null stays distinct from SQL NULL. */
  json: boolean
  /** The sequence behind an identity or serial column, reset after a restore. */
  sequence: string | null
}

export interface ForeignKeyInfo {
  columns: string[]
  references: string
}

export interface TableInfo {
  name: string
  /** Stored columns only: generated columns are recomputed, never copied. */
  columns: ColumnInfo[]
  primaryKey: string[]
  foreignKeys: ForeignKeyInfo[]
}

/**
 * Not data, never copied: Kysely's own bookkeeping (described by the migration
 * list), the page cache's data versions (which move on by themselves as a
 * restore writes) and the throttles' windows (minutes long).
 */
const notData = ['kysely_migration', 'kysely_migration_lock', 'data_versions', 'data_version_changes', 'rate_limit_windows']

/** Every application table in the current schema, referenced tables before the tables that refer to them. */
export async function applicationTables(db: Executor): Promise<TableInfo[]> {
  const columns = await sql<{ table: string; name: string; type: string; nullable: boolean; identity: boolean; sequence: string | null }>`
    SELECT c.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
      NOT a.attnotnull AS nullable, a.attidentity <> '' AS identity,
      pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) AS sequence
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      AND c.relname NOT IN (${sql.join(notData)})
    ORDER BY c.relname, a.attnum
  `.execute(db)

  const constraints = await sql<{ table: string; kind: 'p' | 'f'; references: string | null; columns: string[] }>`
    SELECT c.relname AS "table", con.contype AS kind, r.relname AS "references",
      (SELECT array_agg(a.attname::text ORDER BY k.ord)
         FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class r ON r.oid = con.confrelid
    WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f') AND NOT c.relispartition
    ORDER BY c.relname, con.conname
  `.execute(db)

  const tables = new Map<string, TableInfo>()
  for (const column of columns.rows) {
    let table = tables.get(column.table)
    if (!table) tables.set(column.table, (table = { name: column.table, columns: [], primaryKey: [], foreignKeys: [] }))
    table.columns.push({
      name: column.name,
      type: column.type,
      nullable: column.nullable,
      identity: column.identity,
      json: column.type === 'json' || column.type === 'jsonb',
      sequence: column.sequence,
    })
  }
  for (const constraint of constraints.rows) {
    const table = tables.get(constraint.table)
    if (!table) continue
    const columnNames = constraint.columns
    if (constraint.kind === 'p') table.primaryKey = columnNames
    else if (constraint.references && tables.has(constraint.references)) table.foreignKeys.push({ columns: columnNames, references: constraint.references })
  }
  return dependencyOrder([...tables.values()])
}

/**
 * Orders tables so each comes after every table it refers to (alphabetical
 * among equals, so the order is stable). A table referring to itself is fine:
 * restore fills those columns in a second pass.
 */
export function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const remaining = new Map(tables.map((t) => [t.name, t]))
  const ordered: TableInfo[] = []
  while (remaining.size > 0) {
    const ready = [...remaining.values()]
      .filter((t) => t.foreignKeys.every((fk) => fk.references === t.name || !remaining.has(fk.references)))
      .sort((a, b) => a.name.localeCompare(b.name))
    if (ready.length === 0) throw new Error(`Tables refer to each other in a cycle: ${[...remaining.keys()].sort().join(', ')}`)
    for (const table of ready) {
      ordered.push(table)
      remaining.delete(table.name)
    }
  }
  return ordered
}

/** Columns of a foreign key from a table to itself that can be left empty on insert and filled in afterwards. */
export function selfReferenceColumns(table: TableInfo): string[] {
  const deferred = new Set<string>()
  for (const fk of table.foreignKeys) {
    if (fk.references !== table.name) continue
    for (const name of fk.columns) {
      const column = table.columns.find((c) => c.name === name)
      if (column?.nullable && !table.primaryKey.includes(name)) deferred.add(name)
    }
  }
  return [...deferred]
}
