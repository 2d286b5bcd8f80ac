import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts'
import { createScratchDatabase } from './scratch-database.ts'
import { migratedPglite, migratedTemplate } from './template-database.ts'

/** The PostgreSQL server to test against, when there is one; otherwise tests use in-memory PGlite. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL

/**
 * A fresh database for one test file (migrated unless told not to): an
 * in-memory PGlite, or a new database on the PostgreSQL server, dropped again
 * on close, so test files can run in parallel without seeing each other's rows.
 * Migrated ones are copies of a template migrated once (template-database.ts).
 */
export async function testDatabase({ migrate = true, serverUrl = postgresUrl, prefix = 'thrive_test' } = {}): Promise<DatabaseHandle> {
  if (!serverUrl) return migrate ? migratedPglite() : openDatabase({ dataDir: 'memory://' })
  const scratch = await createScratchDatabase(serverUrl, prefix, migrate ? await migratedTemplate(serverUrl) : undefined)
  const handle = await openDatabase({ databaseUrl: scratch.url })
  return {
    ...handle,
    close: async () => {
      await handle.close()
      await scratch.drop()
    },
  }
}
