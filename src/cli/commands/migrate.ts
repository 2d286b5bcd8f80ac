import type { Command } from 'commander'
import { migrateToLatest } from '../../platform/db/migrate.ts'
import { describeDatabase, withDatabase } from '../database.ts'

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (safe to run again)')
    .action(() =>
      withDatabase(
        async ({ db }, config) => {
          const { results = [] } = await migrateToLatest(db)
          const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
          if (applied.length === 0) console.log(`The database (${describeDatabase(config)}) is already up to date.`)
          else
            console.log(
              `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to the database (${describeDatabase(config)}):\n${applied.map((n) => `  ${n}`).join('\n')}`,
            )
        },
        { migrate: false },
      ),
    )
}
