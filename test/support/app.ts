import type { FastifyInstance } from 'fastify'
import { createApp } from '../../src/app.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import { testDatabase } from './database.ts'

export interface TestApp {
  app: FastifyInstance
  database: DatabaseHandle
  config: Config
  close(): Promise<void>
}

export async function testApp(overrides: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await testDatabase()
  const config = loadConfig({ LOG_LEVEL: 'silent', ...overrides })
  const app = await createApp(config, { db: database.db })
  await app.ready()
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}
