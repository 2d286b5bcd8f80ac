import { once } from 'node:events'
import { sql } from 'kysely'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { createScratchDatabase } from '../../test/support/scratch-database.ts'
import { largeIndicator } from '../../test/support/large-indicator.ts'
import { listenOnLoopback } from './servers.ts'

/**
 * The service as it runs in production, in a process of its own: a scratch
 * database (PGlite in memory, or a new database on DATABASE_URL's server)
 * opened with the service's pool and timeouts, holding one indicator with
 * about 200,000 values. Prints one JSON line saying where it listens, then
 * serves until its standard input closes.
 */
async function main(): Promise<void> {
  // The probe is about a heavy page's cost to everything else: served again from the page cache it would have none.
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PAGE_CACHE_MB: '0' })
  const scratch = config.databaseUrl ? await createScratchDatabase(config.databaseUrl, 'thrive_bench') : null
  const database: DatabaseHandle = await openDatabase(
    scratch
      ? { databaseUrl: scratch.url, limits: { statementTimeoutMs: config.statementTimeoutMs, poolSize: config.poolSize, poolWaitMs: config.poolWaitMs } }
      : { dataDir: 'memory://' },
  )
  try {
    await migrateToLatest(database.db)
    const big = await largeIndicator(database.db, 'bench-load')
    const app = await createApp(config, { db: database.db, ping: database.ping })
    const origin = await listenOnLoopback(app)
    process.stdout.write(`${JSON.stringify({ origin, email: big.viewerEmail, indicatorId: big.indicatorId, values: big.values, kind: database.kind })}\n`)
    process.stdin.resume()
    await once(process.stdin, 'end')
    await app.close()
    // Pages whose clients have gone still finish their work: a query queued behind them returns once
    // they have, so the database is not closed under them.
    await sql`SELECT 1`.execute(database.db)
    await new Promise((resolve) => setTimeout(resolve, 2000))
    await sql`SELECT 1`.execute(database.db)
  } finally {
    await database.close()
    await scratch?.drop()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exitCode = 1
})
