import { sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Db } from '../platform/db/database.ts'
import type { Trx } from '../platform/db/tenancy.ts'
import { migrations } from '../../migrations/index.ts'
import { applicationTables, selfReferenceColumns, type TableInfo } from './schema.ts'
import {
  BackupError,
  appliedMigrations,
  assertMigrationsKnown,
  assertTablesMatch,
  parseEnd,
  parseHeader,
  parseJson,
  parseSection,
  type BackupHeader,
} from './backup-format.ts'
import type { Progress } from './backup.ts'

export interface RestoreOptions {
  /** Replace whatever the database holds; without it a database with any rows is refused. */
  force?: boolean | undefined
  progress?: Progress | undefined
}

export interface RestoreSummary {
  tables: number
  rows: number
}

/** Rows per INSERT: large enough to be quick, small enough to keep each statement modest. */
const batchRows = 1000
const batchBytes = 4 * 1024 * 1024

/** Reads and checks only the first line, so a command can decide what to do before touching the database. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
  try {
    for await (const line of lines) return parseHeader(line)
    return parseHeader(undefined)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupError(`There is no file at ${file}.`)
    throw error
  } finally {
    lines.close()
  }
}

/**
 * Brings a database's schema to the backup's migration: a new database is
 * migrated up to exactly where the backup was made (so its rows fit), and
 * `migrateToLatest` afterwards upgrades them like any other data. A database
 * already past the backup cannot go back, so it is refused.
 */
export async function prepareSchemaFor(db: Db, header: BackupHeader): Promise<void> {
  assertMigrationsKnown(header)
  const applied = await appliedMigrations(db)
  if (applied.length > header.migrations.length || applied.some((name, i) => header.migrations[i] !== name)) {
    throw new BackupError(
      'This database has a newer schema than the backup (it has migrations the backup was made before). Restore the backup into a new, empty database instead; it is brought up to date afterwards.',
    )
  }
  const target = header.migrations[header.migrations.length - 1]
  if (!target || applied.length === header.migrations.length) return
  const result = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(target)
  if (result.error) throw result.error
}

/**
 * Replaces every application table's rows with the backup's, in one
 * transaction: any problem with the file (damaged JSON, a table or column the
 * database lacks, a missing row, a newer schema) rolls everything back.
 */
export async function restoreBackup(db: Db, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const header = await readBackupHeader(file)
  assertMigrationsKnown(header)
  try {
    return await db.transaction().execute(async (trx) => {
      const applied = await appliedMigrations(trx)
      if (applied.join('\n') !== header.migrations.join('\n')) {
        throw new BackupError(`The database’s migrations (${applied.join(', ') || 'none'}) are not the backup’s (${header.migrations.join(', ') || 'none'}).`)
      }
      const tables = await applicationTables(trx)
      assertTablesMatch(header, tables)
      if (!options.force) await assertEmpty(trx, tables)
      if (tables.length > 0) await sql`TRUNCATE ${sql.join(tables.map((t) => sql.table(t.name)))}`.execute(trx)
      options.progress?.start(header.tables.reduce((sum, t) => sum + t.rows, 0))
      const rows = await loadRows(trx, file, header, new Map(tables.map((t) => [t.name, t])), options.progress)
      for (const table of tables) await resetSequences(trx, table)
      return { tables: tables.length, rows }
    })
  } finally {
    options.progress?.stop()
  }
}

/**
 * Whether the database holds anyone's data. Reference rows the migrations
 * themselves insert (the shared register of areas) do not count: every
 * database has them, and the restore replaces them with the backup's own.
 */
async function assertEmpty(trx: Trx, tables: TableInfo[]): Promise<void> {
  for (const table of tables) {
    const shared = table.name === 'areas' ? sql`WHERE partnership_id IS NOT NULL` : sql``
    const found = await sql`SELECT 1 FROM ${sql.table(table.name)} ${shared} LIMIT 1`.execute(trx)
    if (found.rows.length > 0) {
      throw new BackupError(
        `The database is not empty (table ‘${table.name}’ has rows). Restore into a new database, or add --force to replace everything in this one.`,
      )
    }
  }
}

/** Streams the file after its header, checking its structure line by line while inserting. */
async function loadRows(trx: Trx, file: string, header: BackupHeader, tables: Map<string, TableInfo>, progress?: Progress): Promise<number> {
  const expected = new Map(header.tables.map((t) => [t.name, t.rows]))
  const done = new Set<string>()
  let current: { table: TableInfo; remaining: number; loader: TableLoader } | null = null
  let lineNumber = 0
  let total = 0
  let inserted = 0
  let ended = false

  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
  for await (const line of lines) {
    lineNumber++
    if (lineNumber === 1) continue
    if (ended) {
      if (line.trim() === '') continue
      throw new BackupError(`Line ${lineNumber} comes after the end of the backup: the file has been altered.`)
    }
    if (current) {
      current.loader.add(line, lineNumber)
      current.remaining--
      total++
      // Awaited on its own line: in `progress?.advance(await …)` the work would be skipped when there is no progress bar.
      let batch = 0
      if (current.loader.pendingRows >= batchRows || current.loader.pendingBytes >= batchBytes) batch = await current.loader.flush()
      if (current.remaining === 0) {
        batch += await current.loader.finish()
        current = null
      }
      inserted += batch
      progress?.advance(batch)
      continue
    }
    const end = parseEnd(line, lineNumber)
    if (end) {
      const missing = header.tables.filter((t) => !done.has(t.name)).map((t) => t.name)
      if (missing.length > 0) throw new BackupError(`The backup ends before the rows of: ${missing.join(', ')}.`)
      if (end.rows !== total || end.tables !== done.size)
        throw new BackupError('The backup’s closing line does not match the rows it holds: the file has been altered.')
      ended = true
      continue
    }
    const section = parseSection(line, lineNumber)
    const table = tables.get(section.table)
    if (!table || !expected.has(section.table))
      throw new BackupError(`Line ${lineNumber} starts rows for a table the backup header does not list: ‘${section.table}’.`)
    if (done.has(section.table)) throw new BackupError(`Line ${lineNumber} repeats the rows of ‘${section.table}’.`)
    if (section.rows !== expected.get(section.table))
      throw new BackupError(`Line ${lineNumber}: ‘${section.table}’ has ${section.rows} rows here but ${expected.get(section.table)} in the header.`)
    done.add(section.table)
    if (section.rows > 0) current = { table, remaining: section.rows, loader: new TableLoader(trx, table) }
  }
  if (current) throw new BackupError(`The backup ends part-way through the rows of ‘${current.table.name}’: the file is incomplete.`)
  if (!ended) throw new BackupError('The backup has no closing line: the file is incomplete.')
  if (inserted !== total) throw new Error(`Restore read ${total} rows but inserted ${inserted}`)
  return inserted
}

/**
 * Inserts one table's rows in batches. PostgreSQL turns each row's JSON back
 * into typed values (jsonb_to_recordset), so nothing is re-encoded on the way.
 * Columns referring to the same table are filled in once all its rows exist.
 */
class TableLoader {
  private pending: string[] = []
  pendingBytes = 0
  private readonly deferred: string[]
  private readonly deferredRows: string[] = []
  private readonly columnNames: Set<string>
  private lastLine = 0

  private readonly trx: Trx
  private readonly table: TableInfo

  constructor(trx: Trx, table: TableInfo) {
    this.trx = trx
    this.table = table
    this.deferred = selfReferenceColumns(table)
    this.columnNames = new Set(table.columns.map((c) => c.name))
  }

  get pendingRows(): number {
    return this.pending.length
  }

  add(line: string, lineNumber: number): void {
    this.lastLine = lineNumber
    const row = parseJson(line, lineNumber)
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw new BackupError(`Line ${lineNumber} should be a row of ‘${this.table.name}’ but is not a JSON object.`)
    const keys = Object.keys(row)
    const unknown = keys.filter((k) => !this.columnNames.has(k))
    if (unknown.length > 0) throw new BackupError(`Line ${lineNumber}: ‘${this.table.name}’ has no column ${unknown.map((k) => `‘${k}’`).join(', ')}.`)
    if (keys.length !== this.columnNames.size) throw new BackupError(`Line ${lineNumber}: a row of ‘${this.table.name}’ is missing columns.`)
    this.pending.push(line)
    this.pendingBytes += line.length
    if (this.deferred.length > 0) this.deferredRows.push(line)
  }

  async flush(): Promise<number> {
    const count = this.pending.length
    if (count === 0) return 0
    const rows = `[${this.pending.join(',')}]`
    this.pending = []
    this.pendingBytes = 0
    const columns = this.table.columns
    const overriding = columns.some((c) => c.identity) ? sql`OVERRIDING SYSTEM VALUE` : sql``
    const values = sql.join(columns.map((c) => (this.deferred.includes(c.name) ? sql`NULL` : valueOf(c))))
    const result = await this.refuseBadRows(
      sql`
        INSERT INTO ${sql.table(this.table.name)} (${sql.join(columns.map((c) => sql.ref(c.name)))}) ${overriding}
        SELECT ${values} FROM jsonb_to_recordset(${rows}::jsonb) AS _row(${recordDefinition(columns)})
      `.execute(this.trx),
    )
    if (Number(result.numAffectedRows) !== count) throw new Error(`${count} rows of ${this.table.name} were sent but ${result.numAffectedRows} inserted`)
    return count
  }

  /** A value PostgreSQL will not take (wrong type, broken link, failed check) is a damaged file, reported as such. */
  private async refuseBadRows<T>(work: Promise<T>): Promise<T> {
    try {
      return await work
    } catch (error) {
      throw new BackupError(`The rows of ‘${this.table.name}’ up to line ${this.lastLine} cannot be restored: ${(error as Error).message}.`)
    }
  }

  async finish(): Promise<number> {
    const count = await this.flush()
    if (this.deferred.length === 0) return count
    const key = this.table.primaryKey
    const columns = this.table.columns.filter((c) => key.includes(c.name) || this.deferred.includes(c.name))
    for (let i = 0; i < this.deferredRows.length; i += batchRows) {
      const rows = `[${this.deferredRows.slice(i, i + batchRows).join(',')}]`
      await this.refuseBadRows(
        sql`
        UPDATE ${sql.table(this.table.name)} AS _target
        SET ${sql.join(this.deferred.map((name) => sql`${sql.ref(name)} = ${valueOf(columns.find((c) => c.name === name)!)}`))}
        FROM jsonb_to_recordset(${rows}::jsonb) AS _row(${recordDefinition(columns)})
        WHERE ${sql.join(
          key.map((name) => sql`${sql.ref(`_target.${name}`)} = ${sql.ref(`_row.${name}`)}`),
          sql` AND `,
        )}
      `.execute(this.trx),
      )
    }
    return count
  }
}

/** json columns travel as text (see backup.ts) and are parsed back here. */
function valueOf(column: TableInfo['columns'][number]) {
  return column.json ? sql`${sql.ref(`_row.${column.name}`)}::${sql.raw(column.type)}` : sql.ref(`_row.${column.name}`)
}

function recordDefinition(columns: TableInfo['columns']) {
  return sql.join(columns.map((c) => sql`${sql.ref(c.name)} ${sql.raw(c.json ? 'text' : c.type)}`))
}

/** Identity and serial columns carry on after the largest restored value, not from 1. */
async function resetSequences(trx: Trx, table: TableInfo): Promise<void> {
  for (const column of table.columns) {
    if (!column.sequence) continue
    await sql`
      SELECT setval(${column.sequence}::regclass, coalesce(max(${sql.ref(column.name)}), 0) + 1, false) FROM ${sql.table(table.name)}
    `.execute(trx)
  }
}
