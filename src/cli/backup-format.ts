import { sql } from 'kysely'
import { z } from 'zod'
import type { Executor } from '../platform/db/database.ts'
import { migrations } from '../../migrations/index.ts'
import type { TableInfo } from './schema.ts'

// A backup is JSON lines, so a large database streams through in constant memory:
//   line 1              the header: format, migrations, every table with its columns and row count
//   {"table":…,"rows":n} then exactly n lines, one JSON object per row
//   {"end":"thrive-backup",…} last, so a truncated file is recognised as one
// Row lines are copied to and from PostgreSQL as text and never re-encoded in
// JavaScript, so numbers, timestamps (to the microsecond) and JSON survive exactly.

export const backupFormat = 'thrive-backup'
export const backupFormatVersion = 1

/** Refusal of a backup file or a target database; nothing has been changed when it is thrown. */
export class BackupError extends Error {}

const columnSchema = z.object({ name: z.string().min(1), type: z.string().min(1) })
const headerSchema = z.object({
  format: z.literal(backupFormat),
  formatVersion: z.literal(backupFormatVersion),
  createdAt: z.string(),
  migrations: z.array(z.string().min(1)),
  tables: z.array(z.object({ name: z.string().min(1), columns: z.array(columnSchema).min(1), rows: z.number().int().min(0) })),
})
export type BackupHeader = z.infer<typeof headerSchema>

const sectionSchema = z.object({ table: z.string().min(1), rows: z.number().int().min(0) }).strict()
const endSchema = z.object({ end: z.literal(backupFormat), tables: z.number().int().min(0), rows: z.number().int().min(0) }).strict()
export type SectionLine = z.infer<typeof sectionSchema>
export type EndLine = z.infer<typeof endSchema>

export function describeTables(tables: TableInfo[], counts: Map<string, number>): BackupHeader['tables'] {
  return tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })), rows: counts.get(t.name) ?? 0 }))
}

export function parseHeader(line: string | undefined): BackupHeader {
  if (line === undefined || line.trim() === '') throw new BackupError('The backup file is empty.')
  const json = parseJson(line, 1)
  if (typeof json === 'object' && json !== null && (json as { format?: unknown }).format !== backupFormat) {
    throw new BackupError('This is not a Thrive backup: the first line does not say "format": "thrive-backup".')
  }
  const parsed = headerSchema.safeParse(json)
  if (!parsed.success)
    throw new BackupError(
      `The backup header (line 1) is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'header'} ${i.message}`).join('; ')}.`,
    )
  return parsed.data
}

export function parseSection(line: string, lineNumber: number): SectionLine {
  const parsed = sectionSchema.safeParse(parseJson(line, lineNumber))
  if (!parsed.success) throw new BackupError(`Line ${lineNumber} should start a table’s rows ({"table": …, "rows": …}) but does not.`)
  return parsed.data
}

export function parseEnd(line: string, lineNumber: number): EndLine | null {
  const parsed = endSchema.safeParse(parseJson(line, lineNumber))
  return parsed.success ? parsed.data : null
}

export function parseJson(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line)
  } catch {
    throw new BackupError(`Line ${lineNumber} of the backup is not valid JSON: the file is damaged.`)
  }
}

/** Migration names this version of Thrive knows, in the order they run. */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort()
}

/** Migrations already applied to a database (none when it has never been migrated). */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  const exists = await sql<{ found: string | null }>`SELECT to_regclass('kysely_migration')::text AS found`.execute(db)
  if (!exists.rows[0]?.found) return []
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)
  return rows.rows.map((r) => r.name)
}

/** Refuses a backup whose schema this version of Thrive cannot recreate. */
export function assertMigrationsKnown(header: BackupHeader): void {
  const known = knownMigrations()
  const unknown = header.migrations.filter((name) => !known.includes(name))
  if (unknown.length > 0) {
    throw new BackupError(
      `This backup was made by a newer version of Thrive (it has migrations this version does not know: ${unknown.join(', ')}). Upgrade Thrive, then restore it.`,
    )
  }
  if (header.migrations.some((name, i) => known[i] !== name)) {
    throw new BackupError('The backup’s migration list does not match this version of Thrive’s migrations in order: the file has been altered.')
  }
}

/** The table descriptions must match the database exactly: a backup is restored into the same schema it came from. */
export function assertTablesMatch(header: BackupHeader, tables: TableInfo[]): void {
  const byName = new Map(tables.map((t) => [t.name, t]))
  const seen = new Set<string>()
  for (const described of header.tables) {
    const table = byName.get(described.name)
    if (!table) throw new BackupError(`The backup has a table this database does not: ‘${described.name}’.`)
    if (seen.has(described.name)) throw new BackupError(`The backup lists table ‘${described.name}’ twice.`)
    seen.add(described.name)
    const expected = table.columns.map((c) => `${c.name} ${c.type}`).join(', ')
    const actual = described.columns.map((c) => `${c.name} ${c.type}`).join(', ')
    if (expected !== actual) throw new BackupError(`Table ‘${described.name}’ in the backup has columns (${actual}) but the database has (${expected}).`)
  }
  const missing = tables.filter((t) => !seen.has(t.name)).map((t) => t.name)
  if (missing.length > 0) throw new BackupError(`The backup is missing tables the database has: ${missing.join(', ')}.`)
}
