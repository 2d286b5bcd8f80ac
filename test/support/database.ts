import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { createScratchDatabase } from './scratch-database.ts'

/** The PostgreSQL server to test against, when there is one; otherwise tests use in-memory PGlite. */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL

/**
 * A fresh database for one test file (migrated unless told not to): an
 * in-memory PGlite, or a new database on the PostgreSQL server, dropped again
 * on close, so test files can run in parallel without seeing each other's rows.
 */
export async function testDatabase({ migrate = true, serverUrl = postgresUrl, prefix = 'thrive_test' } = {}): Promise<DatabaseHandle> {
  if (!serverUrl) {
    const handle = await openDatabase({ dataDir: 'memory://' })
    if (migrate) await migrateToLatest(handle.db)
    return handle
  }
  const scratch = await createScratchDatabase(serverUrl, prefix)
  const handle = await openDatabase({ databaseUrl: scratch.url })
  const close = async () => {
    await handle.close()
    await scratch.drop()
  }
  try {
    if (migrate) await migrateToLatest(handle.db)
  } catch (error) {
    await close()
    throw error
  }
  return { ...handle, close }
}
