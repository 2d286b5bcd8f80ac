import { Kysely, PostgresDialect, PGliteDialect, type DatabaseConnection, type Transaction } from 'kysely'
import { setImmediate } from 'node:timers/promises'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from './tables.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { copyingPool } from './copy-in.ts'
import { readClusterTemplate } from './cluster-template.ts'

export type Db = Kysely<Database>
/** Repositories take either the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>

export interface DatabaseHandle {
  db: Db
  kind: 'postgres' | 'pglite'
  /** The embedded engine, when there is one (backups of PGlite use it). */
  pglite?: PGlite
  /**
   * Whether the database answers, for the health check: on PostgreSQL over a
   * connection of its own (so a busy pool never makes a healthy service look
   * dead), on PGlite whether the engine in this process is open.
   */
  ping(): Promise<void>
  /** PostgreSQL's pool right now, for /metrics (PGlite has no pool: one engine in this process answers in turn). */
  poolFigures?: () => { max: number; total: number; idle: number; waiting: number }
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
  dataDir?: string | undefined
  /** A PGlite data directory dumped earlier (dumpDataDir), to start from instead of an empty cluster. */
  loadDataDir?: Blob
  /**
   * The service's bounds on PostgreSQL (the command line sets none, so a long
   * import or restore is never cut off). PGlite runs in this process and has
   * no timers to cancel a statement with; there the pages themselves are kept cheap.
   */
  limits?: DatabaseLimits
}

export interface DatabaseLimits {
  /** statement_timeout: the longest one statement runs before the server cancels it. */
  statementTimeoutMs: number
  /** Connections in the pool; requests beyond them queue. */
  poolSize: number
  /** How long a request queues for a connection before it is refused (and gets the busy page). */
  poolWaitMs: number
}

/**
 * Where a database handle's Kysely instance came from, for what needs the database other than through
 * Kysely: the job queue (src/platform/jobs) gives pg-boss a pool of its own on PostgreSQL, and PGlite's
 * engine itself (whose exec() runs the several statements pg-boss sends at once, which Kysely cannot).
 */
export type DatabaseOrigin = { kind: 'postgres'; url: string } | { kind: 'pglite'; pglite: PGlite }
const origins = new WeakMap<Db, DatabaseOrigin>()

/** The database behind a Kysely instance that openDatabase made. */
export function databaseOrigin(db: Db): DatabaseOrigin | undefined {
  return origins.get(db)
}

/** The health check's own connection gives up quickly: a database this slow to answer is not healthy. */
const PING_TIMEOUT_MS = 2000

/**
 * PGlite runs each query on this thread, and queued queries follow one
 * another as promise callbacks, which never let the event loop reach new
 * connections: under load the whole queue ran before /health was even read.
 * A turn of the event loop before each query lets requests in between them.
 */
function yieldBeforeEachQuery(connection: DatabaseConnection): void {
  const execute = connection.executeQuery.bind(connection)
  connection.executeQuery = async (query) => {
    await setImmediate()
    return execute(query)
  }
}

/** Whether PGlite has yet to create its cluster in this directory (initdb: the slow part of a first start). */
export function isNewDataDir(dataDir: string): boolean {
  return !dataDir.startsWith('memory://') && !existsSync(join(dataDir, 'PG_VERSION'))
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const limits = options.limits
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: limits?.poolSize ?? 10,
      ...(limits && {
        connectionTimeoutMillis: limits.poolWaitMs,
        statement_timeout: limits.statementTimeoutMs,
        // A transaction left open between statements (a request that stalled) holds its locks
        // and its connection; the server ends it rather than let it sit "idle in transaction".
        idle_in_transaction_session_timeout: limits.statementTimeoutMs * 2,
      }),
    })
    // An idle connection the server drops (a restart, an admin ending it) must
    // not crash the process: the pool replaces it on the next query.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: copyingPool(pool) }) })
    origins.set(db, { kind: 'postgres', url: options.databaseUrl })
    let pinger: pg.Pool | undefined
    const ping = async () => {
      if (!pinger) {
        pinger = new pg.Pool({
          connectionString: options.databaseUrl,
          max: 1,
          connectionTimeoutMillis: PING_TIMEOUT_MS,
          statement_timeout: PING_TIMEOUT_MS,
          idleTimeoutMillis: 60_000,
        })
        // A dropped connection is the next ping's failure to report, not the process's.
        pinger.on('error', () => {})
      }
      await pinger.query('SELECT 1')
    }
    return {
      db,
      kind: 'postgres',
      ping,
      poolFigures: () => ({ max: pool.options.max ?? 10, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: async () => {
        await pinger?.end()
        await db.destroy()
      },
    }
  }
  const dataDir = options.dataDir ?? './data'
  const inMemory = dataDir.startsWith('memory://')
  // A new directory starts from the empty cluster `npm run build` dumped, when there is one, rather than running initdb.
  const loadDataDir = options.loadDataDir ?? (inMemory || !isNewDataDir(dataDir) ? undefined : readClusterTemplate())
  if (!inMemory) mkdirSync(dataDir, { recursive: true })
  const unlock = inMemory ? () => {} : lockDataDir(dataDir)
  try {
    const parsers = { 20: (v: string) => Number(v), 1082: (v: string) => v }
    // A data directory that needs recovery at start (a dump, or one left by a killed process) arms PostgreSQL's
    // startup-progress timer, which PGlite keeps re-arming every ten seconds, even after close: a command or a test
    // would then never exit. The progress it would log goes nowhere here anyway. (A start parameter, since PGlite's
    // postgresqlconf option would replace the data directory's postgresql.conf.)
    const startParams = [...PGlite.defaultStartParams, '-c', 'log_startup_progress_interval=0']
    // A database in memory (the tests' and the browser tests' own) has every page in memory already, so PostgreSQL's
    // 128 MB of shared buffers only double it, and zeroing them was a fifth of opening one (1.6 to 1.2 CPU-seconds).
    if (inMemory) startParams.push('-c', 'shared_buffers=16MB')
    const pglite = await PGlite.create(dataDir, { parsers, startParams, ...(loadDataDir && { loadDataDir }) })
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite, onCreateConnection: async (connection) => yieldBeforeEachQuery(connection) }) })
    origins.set(db, { kind: 'pglite', pglite })
    return {
      db,
      kind: 'pglite',
      pglite,
      // One engine in this process serves every query in turn: a query here would wait behind
      // every page ahead of it, so the check is that the engine is open, which it is while the process serves.
      ping: async () => {
        if (pglite.closed) throw new Error('The embedded database is closed')
      },
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
