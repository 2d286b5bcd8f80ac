import type { Config } from './config.ts'
import { createApp } from './app.ts'
import { openDatabase } from './platform/db/database.ts'
import { migrateToLatest } from './platform/db/migrate.ts'
import { buildCss } from './platform/views/build-css.ts'
import { demoAccounts, demoAdminEmail, seedDemoIfEmpty } from '../demo/seed.ts'

/** Migrates, seeds the demo on an empty database, serves, and shuts down cleanly on a signal. */
export async function serve(config: Config): Promise<void> {
  buildCss()
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    limits: { statementTimeoutMs: config.statementTimeoutMs, poolSize: config.poolSize, poolWaitMs: config.poolWaitMs },
  })
  await migrateToLatest(database.db)
  const demo = await seedDemoIfEmpty(database.db)
  const app = await createApp(config, { db: database.db, ping: database.ping })

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info(`${signal} received: closing`)
    await app.close()
    await database.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  await app.listen({ host: config.host, port: config.port })
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`
  console.log(`\nThrive is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (database: ${where})`)
  if (demo) {
    console.log('\nThe demo partnership has been created. Sign in with:')
    console.log(`  email:    ${demo.email}`)
    console.log(`  password: ${demo.password}`)
    const others = demoAccounts.filter((account) => account.email !== demo.email).map((account) => `${account.email} (${account.role})`)
    console.log(`The same password signs in ${others.join(', ')}.`)
    console.log('It is shown only once. To set a new one, stop the server and run: npx thrive user set-password ' + demo.email)
  } else {
    console.log(`Forgotten the demo password? Stop the server and run: npx thrive user set-password ${demoAdminEmail}`)
  }
}
