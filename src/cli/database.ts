import { loadConfig, type Config } from '../config.ts'
import { openDatabase, type DatabaseHandle } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrate.ts'
import { CommandError } from './failure.ts'

/** The settings from the environment; a bad setting is the operator's to fix, so it is reported without a stack trace. */
export function commandConfig(): Config {
  try {
    return loadConfig()
  } catch (error) {
    throw new CommandError((error as Error).message)
  }
}

/**
 * Opens the configured database (DATABASE_URL, or PGlite in THRIVE_DATA_DIR),
 * brings it up to date unless told not to, runs one command's work and closes
 * it again, whatever happens.
 */
export async function withDatabase<T>(work: (database: DatabaseHandle, config: Config) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = commandConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    if (options.migrate !== false) await migrateToLatest(database.db)
    return await work(database, config)
  } finally {
    await database.close()
  }
}

/** Says which database a command worked on, without the password a DATABASE_URL may hold. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `PGlite in ${config.dataDir}`
  const url = new URL(config.databaseUrl)
  return `PostgreSQL database ${url.pathname.replace(/^\//, '')} on ${url.hostname}`
}
