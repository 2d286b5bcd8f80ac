import pg from 'pg'
import { randomBytes } from 'node:crypto'

export interface ScratchDatabase {
  /** The connection string of the new database. */
  url: string
  /** Drops it, once every connection to it has gone. */
  drop(): Promise<void>
}

async function onServer<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    return await work(admin)
  } finally {
    await admin.end()
  }
}

/**
 * A database of its own on a PostgreSQL server, so test files (and benchmark
 * runs) never see each other's rows and can run side by side; a copy of
 * `template` when one is named.
 */
export async function createScratchDatabase(serverUrl: string, prefix = 'thrive_test', template?: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  await onServer(serverUrl, (admin) => admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`))
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    // A pool's end() resolves before its connections have finished closing; a
    // forced drop would kill them mid-close. So wait for the server to see them gone.
    drop: () =>
      onServer(serverUrl, async (admin) => {
        const deadline = Date.now() + 5000
        while (Date.now() < deadline) {
          const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])
          if (rows[0]?.n === 0) break
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      }),
  }
}
