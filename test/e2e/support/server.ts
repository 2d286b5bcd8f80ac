import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { createApp } from '../../../src/app.ts'
import { loadConfig } from '../../../src/config.ts'
import type { Db } from '../../../src/platform/db/database.ts'
import { buildCss } from '../../../src/platform/views/build-css.ts'
import { seedDemo } from '../../../demo/seed.ts'
import { postgresUrl, testDatabase } from '../../support/database.ts'
import { seededPglite } from '../../support/template-database.ts'

export interface RunningApp {
  /** Where the browser goes, such as http://127.0.0.1:41234 */
  url: string
  db: Db
  app: FastifyInstance
  /** The demo admin's sign-in; the editor@, contributor@ and viewer@ demo users share the password. */
  demo: { email: string; password: string }
  close(): Promise<void>
}

/**
 * A fresh database holding the demo. On PGlite (as CI runs the browser tests)
 * the demo is built once per run of the test runner and copied into each file;
 * on a PostgreSQL server each file builds its own.
 */
async function demoDatabase() {
  if (postgresUrl) {
    const database = await testDatabase()
    try {
      return { database, demo: await seedDemo(database.db) }
    } catch (error) {
      await database.close()
      throw error
    }
  }
  const { handle, seeded } = await seededPglite('demo', process.ppid, (handle) => seedDemo(handle.db))
  return { database: handle, demo: seeded }
}

/**
 * The real app on a random loopback port, over a fresh database holding the
 * demo partnership: the browser sees exactly what a person would. A test may
 * add routes of its own first, such as one that fails, to see the 500 page.
 */
export async function startApp(options: { extraRoutes?: (app: FastifyInstance) => void } = {}): Promise<RunningApp> {
  // A clean clone has no compiled stylesheet, and axe's colour-contrast rule needs the real one.
  buildCss()
  const { database, demo } = await demoDatabase()
  try {
    const app = await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { db: database.db })
    options.extraRoutes?.(app)
    await app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = app.server.address() as AddressInfo
    return {
      url: `http://127.0.0.1:${port}`,
      db: database.db,
      app,
      demo,
      close: async () => {
        await app.close()
        await database.close()
      },
    }
  } catch (error) {
    await database.close()
    throw error
  }
}
