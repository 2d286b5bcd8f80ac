import pg from 'pg'
import { randomBytes } from 'node:crypto'
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'

/**
 * A fresh, migrated database for one benchmark: in-memory PGlite, or, when
 * DATABASE_URL is set, a scratch database on that server, dropped on close.
 */
export async function scratchDatabase(databaseUrl = process.env.DATABASE_URL): Promise<DatabaseHandle> {
  if (!databaseUrl) {
    const handle = await openDatabase({ dataDir: 'memory://' })
    await migrateToLatest(handle.db)
    return handle
  }
  const name = `thrive_bench_${randomBytes(6).toString('hex')}`
  await onServer(databaseUrl, (admin) => admin.query(`CREATE DATABASE ${name}`))
  const url = new URL(databaseUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString() })
  try {
    await migrateToLatest(handle.db)
  } catch (error) {
    await dropAfterClosing(databaseUrl, name, handle)
    throw error
  }
  return { ...handle, close: () => dropAfterClosing(databaseUrl, name, handle) }
}

async function onServer<T>(databaseUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  try {
    return await work(admin)
  } finally {
    await admin.end()
  }
}

// The pool's end() resolves before its connections have finished closing; a
// forced drop then kills them mid-close, and the pool's unhandled 'error'
// event would crash the run. So wait for the server to see them gone first.
async function dropAfterClosing(databaseUrl: string, name: string, handle: DatabaseHandle): Promise<void> {
  await handle.close()
  await onServer(databaseUrl, async (admin) => {
    const deadline = Date.now() + 5000
    while (Date.now() < deadline) {
      const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])
      if (rows[0]?.n === 0) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  })
}
