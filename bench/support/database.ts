import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import { testDatabase } from '../../test/support/database.ts'

/**
 * A fresh, migrated database for one benchmark: in-memory PGlite, or, when
 * DATABASE_URL is set, a scratch database on that server, dropped on close.
 */
export function scratchDatabase(databaseUrl = process.env.DATABASE_URL): Promise<DatabaseHandle> {
  return testDatabase({ serverUrl: databaseUrl, prefix: 'thrive_bench' })
}
