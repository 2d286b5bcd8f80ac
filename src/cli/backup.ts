import { sql, type RawBuilder } from 'kysely'
import { open, rename, rm, stat } from 'node:fs/promises'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import type { WriteStream } from 'node:fs'
import type { Db } from '../platform/db/database.ts'
import type { Trx } from '../platform/db/tenancy.ts'
import { applicationTables, type TableInfo } from './schema.ts'
import { BackupError, appliedMigrations, backupFormat, backupFormatVersion, describeTables, type BackupHeader } from './backup-format.ts'

/** Reports rows copied so far; the command line draws it as a progress bar. */
export interface Progress {
  start(totalRows: number): void
  advance(rows: number): void
  stop(): void
}

export interface BackupSummary {
  tables: number
  rows: number
}

const pageSize = 1000

/**
 * Writes every row of every application table to `file` as one consistent
 * snapshot. Runs as the owner role, outside any partnership, so row-level
 * security hides nothing. The file appears only once complete (written
 * beside it, then renamed), and is readable by its owner only: it holds
 * password hashes.
 */
export async function writeBackup(db: Db, file: string, progress?: Progress): Promise<BackupSummary> {
  // The finished file is renamed into place, which would replace a device or a directory entry wholesale.
  const existing = await stat(file).catch(() => null)
  if (existing && !existing.isFile()) throw new BackupError(`${file} exists and is not a regular file: give a file name for the backup.`)
  const partial = `${file}.partial`
  // Opened before any work, so a bad path fails at once; readable by the owner only.
  const out = new LineWriter((await open(partial, 'w', 0o600)).createWriteStream())
  try {
    const summary = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx)
        const tables = await applicationTables(trx)
        const counts = new Map<string, number>()
        for (const table of tables) counts.set(table.name, await countRows(trx, table.name))
        const header: BackupHeader = {
          format: backupFormat,
          formatVersion: backupFormatVersion,
          createdAt: new Date().toISOString(),
          migrations: await appliedMigrations(trx),
          tables: describeTables(tables, counts),
        }
        const total = [...counts.values()].reduce((a, b) => a + b, 0)
        await out.write(JSON.stringify(header))
        progress?.start(total)
        for (const table of tables) {
          await out.write(JSON.stringify({ table: table.name, rows: counts.get(table.name) ?? 0 }))
          const written = await copyRows(
            trx,
            table,
            (line) => out.write(line),
            (n) => progress?.advance(n),
          )
          if (written !== counts.get(table.name)) throw new Error(`${table.name} had ${counts.get(table.name)} rows but ${written} were read`)
        }
        await out.write(JSON.stringify({ end: backupFormat, tables: tables.length, rows: total }))
        return { tables: tables.length, rows: total }
      })
    await out.close()
    await rename(partial, file)
    return summary
  } catch (error) {
    out.destroy()
    await rm(partial, { force: true })
    throw error
  } finally {
    progress?.stop()
  }
}

async function countRows(trx: Trx, table: string): Promise<number> {
  const result = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(trx)
  return Number(result.rows[0]?.n ?? 0)
}

/** Lines to a file, waiting when the disk falls behind; a write error (a full disk) fails the backup instead of crashing. */
class LineWriter {
  private failure: Error | undefined

  private readonly stream: WriteStream

  constructor(stream: WriteStream) {
    this.stream = stream
    stream.on('error', (error) => (this.failure ??= error))
  }

  async write(line: string): Promise<void> {
    if (this.failure) throw this.failure
    if (!this.stream.write(line + '\n')) await once(this.stream, 'drain')
  }

  async close(): Promise<void> {
    this.stream.end()
    await finished(this.stream)
    if (this.failure) throw this.failure
  }

  destroy(): void {
    this.stream.destroy()
  }
}

/** One row as JSON text, built by PostgreSQL; json columns as their text, so a JSON null is not read back as SQL NULL. */
function rowJson(table: TableInfo): RawBuilder<unknown> {
  const jsonColumns = table.columns.filter((c) => c.json)
  if (jsonColumns.length === 0) return sql`to_jsonb(_row)::text`
  const asText = sql.join(jsonColumns.map((c) => sql`${sql.lit(c.name)}, ${sql.ref(`_row.${c.name}`)}::text`))
  return sql`(to_jsonb(_row) || jsonb_build_object(${asText}))::text`
}

/** Pages through a table by primary key (keyset), so memory stays flat however large it is. */
async function copyRows(trx: Trx, table: TableInfo, write: (line: string) => Promise<void>, advance: (rows: number) => void): Promise<number> {
  const row = rowJson(table)
  const from = sql`${sql.table(table.name)} AS _row`
  if (table.primaryKey.length === 0) {
    const result = await sql<{ row: string }>`SELECT ${row} AS row FROM ${from}`.execute(trx)
    for (const r of result.rows) await write(r.row)
    advance(result.rows.length)
    return result.rows.length
  }
  const keyColumns = table.primaryKey.map((name) => table.columns.find((c) => c.name === name)!)
  const keyRefs = sql.join(keyColumns.map((c) => sql.ref(`_row.${c.name}`)))
  const keyTexts = sql.join(keyColumns.map((c, i) => sql`${sql.ref(`_row.${c.name}`)}::text AS ${sql.ref(`k${i}`)}`))
  let after: string[] | null = null
  let copied = 0
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`WHERE (${keyRefs}) > (${sql.join(keyColumns.map((c, i) => sql`${after![i]}::${sql.raw(c.type)}`))})` : sql``
    const result = await sql<Record<string, string>>`
      SELECT ${row} AS row, ${keyTexts} FROM ${from} ${where} ORDER BY ${keyRefs} LIMIT ${pageSize}
    `.execute(trx)
    for (const r of result.rows) await write(r.row!)
    advance(result.rows.length)
    copied += result.rows.length
    if (result.rows.length < pageSize) return copied
    const last = result.rows[result.rows.length - 1]!
    after = keyColumns.map((_, i) => last[`k${i}`]!)
  }
}
