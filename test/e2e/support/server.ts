import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { createApp } from '../../../src/app.ts'
import { loadConfig } from '../../../src/config.ts'
import type { Db } from '../../../src/platform/db/database.ts'
import { buildCss } from '../../../src/platform/views/build-css.ts'
import { seedDemo } from '../../../demo/seed.ts'
import { testDatabase } from '../../support/database.ts'

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
 * The real app on a random loopback port, over a fresh database holding the
 * demo partnership: the browser sees exactly what a person would. A test may
 * add routes of its own first, such as one that fails, to see the 500 page.
 */
export async function startApp(options: { extraRoutes?: (app: FastifyInstance) => void } = {}): Promise<RunningApp> {
  // A clean clone has no compiled stylesheet, and axe's colour-contrast rule needs the real one.
  buildCss()
  const database = await testDatabase()
  try {
    const demo = await seedDemo(database.db)
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
