import { sql } from 'kysely'
import { DEFAULT_MIGRATION_TABLE, Migrator, type MigrationResultSet } from 'kysely/migration'
import { migrations } from '../../../migrations/index.ts'
import type { Db } from './database.ts'

export interface MigrateOptions {
  /** Called with the names of the migrations about to run, only when there are some (so a start can say "migrating…"). */
  onPending?: (names: string[]) => void
}

/**
 * Brings the schema up to date. Kysely's Migrator takes a lock and reads its
 * tables in several statements even when there is nothing to do (1–1.25 s of a
 * restart on PGlite), so the usual case, an up-to-date database, is settled
 * with one query first.
 */
export async function migrateToLatest(db: Db, options: MigrateOptions = {}): Promise<MigrationResultSet> {
  const executed = await executedMigrations(db)
  const pending = Object.keys(migrations).filter((name) => !executed.has(name))
  // Only an exact match skips the Migrator: a database that has run a migration this code does not know
  // (a newer version ran against it) goes on to the Migrator, which refuses it with a clear error.
  if (pending.length === 0 && executed.size === Object.keys(migrations).length) return { results: [] }
  if (pending.length > 0) options.onPending?.(pending)
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  })
  const result = await migrator.migrateToLatest()
  if (result.error) throw result.error
  return result
}

/** The migrations the database has run, in one query; none on a new database, which has no migration table yet. */
async function executedMigrations(db: Db): Promise<Set<string>> {
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db)
    return new Set(rows.map((row) => row.name))
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return new Set() // undefined_table
    throw error
  }
}
