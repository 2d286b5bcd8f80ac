import { setFlagsFromString } from 'node:v8'
import type { Config } from './config.ts'
import { isNewDataDir, openDatabase, type DatabaseHandle } from './platform/db/database.ts'
import { migrateToLatest } from './platform/db/migrate.ts'
import { buildCss } from './platform/views/build-css.ts'
import { demoAccounts, demoAdminEmail } from '../demo/data/accounts.ts'

/** How long a signal waits for requests and imports under way before the process exits regardless. */
const SHUTDOWN_DEADLINE_MS = 8000

/**
 * Migrates, seeds the demo where asked, serves, and shuts down on a signal.
 * What takes a while (a stale stylesheet, a new embedded database, migrations,
 * the demo) is announced before it starts, so a slow first start never looks hung.
 */
export async function serve(config: Config): Promise<void> {
  buildCss({ onBuild: () => say('Building the stylesheet…') })
  if (!config.databaseUrl && isNewDataDir(config.dataDir)) say(`Creating the embedded database in ${config.dataDir} (first start only)…`)
  // PGlite compiles its WebAssembly asynchronously, and the first turn of the event loop after it has opened then
  // blocks (0.4–1.2 s here, the thread waiting on V8's compiler threads) before the first query can run. Compiled
  // as it is instantiated, that wait goes (and a third of a CPU-second with it). Set before anything opens PGlite.
  setFlagsFromString('--no-wasm-async-compilation')
  // The web app's modules start loading before the database opens rather than before serve() is called, so
  // whatever of PGlite's opening waits off this thread (reading its files) can be spent loading them.
  const appModule = import('./app.ts')
  appModule.catch(() => {}) // awaited below; a failure is reported there, not as an unhandled rejection meanwhile
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    limits: { statementTimeoutMs: config.statementTimeoutMs, poolSize: config.poolSize, poolWaitMs: config.poolWaitMs },
  })
  try {
    await migrateToLatest(database.db, { onPending: (names) => say(`Migrating the database (${names.length} ${names.length === 1 ? 'change' : 'changes'})…`) })
    const demo = await demoOnFirstStart(config, database)
    const { createApp } = await appModule
    const app = await createApp(config, { db: database.db, ping: database.ping, poolFigures: database.poolFigures })
    closeOnSignals(app, database)
    await app.listen({ host: config.host, port: config.port })
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`
    say(`\nThrive is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (database: ${where})`)
    printDemoSignIn(demo)
  } catch (error) {
    await database.close()
    throw error
  }
}

function say(message: string): void {
  console.log(message)
}

type DemoOutcome = { email: string; password: string } | 'exists' | 'not-asked' | 'empty'

/**
 * The demo partnership is created on a database with no partnership only where
 * asked (config.demo: the embedded default, or THRIVE_DEMO=true), never silently
 * into a PostgreSQL server that may be production.
 */
async function demoOnFirstStart(config: Config, database: DatabaseHandle): Promise<DemoOutcome> {
  const { hasPartnerships, seedDemoIfEmpty } = await import('../demo/seed.ts')
  if (!config.demo) return (await hasPartnerships(database.db)) ? 'not-asked' : 'empty'
  const credentials = await seedDemoIfEmpty(database.db, { onBuild: () => say('Creating the demo partnership…') })
  return credentials ?? 'exists'
}

function printDemoSignIn(demo: DemoOutcome): void {
  if (demo === 'not-asked') return
  if (demo === 'empty') {
    say('\nThe database has no partnership yet. Create one with: npx thrive partnership add <slug> --name <name> --area <code> --admin <email>')
    say('(or start with THRIVE_DEMO=true, or run npx thrive seed --demo, for the demo partnership).')
  } else if (demo === 'exists') {
    say(`Forgotten the demo password? Stop the server and run: npx thrive user set-password ${demoAdminEmail}`)
  } else {
    say('\nThe demo partnership has been created. Sign in with:')
    say(`  email:    ${demo.email}`)
    say(`  password: ${demo.password}`)
    const others = demoAccounts.filter((account) => account.email !== demo.email).map((account) => `${account.email} (${account.role})`)
    say(`The same password signs in ${others.join(', ')}.`)
    say('It is shown only once. To set a new one, stop the server and run: npx thrive user set-password ' + demo.email)
  }
}

/**
 * A signal stops new requests and waits for those under way (and imports, which
 * commit or roll back whole) up to a deadline, then exits regardless: an
 * orchestrator's grace period (Docker's is 10 s) ends in SIGKILL anyway, and
 * an import cut off there rolls back as if it had never started. A second
 * signal exits at once.
 */
function closeOnSignals(
  app: { close(): Promise<unknown>; log: { info(message: string): void; error(message: string): void } },
  database: DatabaseHandle,
): void {
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) {
      app.log.error(`${signal} received again: exiting without waiting`)
      process.exit(1)
    }
    closing = true
    app.log.info(`${signal} received: closing (at most ${SHUTDOWN_DEADLINE_MS / 1000} s)`)
    const deadline = setTimeout(() => {
      app.log.error(`Still busy ${SHUTDOWN_DEADLINE_MS / 1000} s after ${signal}: exiting; work not yet committed is rolled back`)
      process.exit(1)
    }, SHUTDOWN_DEADLINE_MS)
    deadline.unref()
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}
