import { Kysely, PostgresDialect, PGliteDialect, type Transaction } from 'kysely'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { mkdirSync } from 'node:fs'
import type { Database } from './tables.ts'
import { lockDataDir } from './data-dir-lock.ts'

export type Db = Kysely<Database>
/** Repositories take either the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>

export interface DatabaseHandle {
  db: Db
  kind: 'postgres' | 'pglite'
  /** The embedded engine, when there is one (backups of PGlite use it). */
  pglite?: PGlite
  close(): Promise<void>
}

// PostgreSQL returns bigint and numeric as strings by default; counts are small
// enough for JavaScript numbers, so read them as such.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
// Calendar dates stay 'YYYY-MM-DD' strings: as JavaScript Dates they would gain a time and a zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  /** A directory for PGlite, or 'memory://' for a throwaway in-memory database. */
  dataDir?: string
  /** A PGlite data directory dumped earlier (dumpDataDir), to start from instead of an empty cluster. */
  loadDataDir?: Blob
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
    // An idle connection the server drops (a restart, an admin ending it) must
    // not crash the process: the pool replaces it on the next query.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, kind: 'postgres', close: () => db.destroy() }
  }
  const dataDir = options.dataDir ?? './data'
  const inMemory = dataDir.startsWith('memory://')
  if (!inMemory) mkdirSync(dataDir, { recursive: true })
  const unlock = inMemory ? () => {} : lockDataDir(dataDir)
  try {
    const parsers = { 20: (v: string) => Number(v), 1082: (v: string) => v }
    const pglite = await PGlite.create(dataDir, options.loadDataDir ? { parsers, loadDataDir: options.loadDataDir } : { parsers })
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
    return {
      db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await db.destroy()
        unlock()
      },
    }
  } catch (error) {
    unlock()
    throw error
  }
}
