import type { Command } from 'commander'
import { resolve } from 'node:path'
import { migrateToLatest } from '../../platform/db/migrate.ts'
import { prepareSchemaFor, readBackupHeader, restoreBackup } from '../restore.ts'
import { describeDatabase, withDatabase } from '../database.ts'
import { rowProgress } from '../progress.ts'

export function restoreCommand(program: Command): void {
  program
    .command('restore')
    .description('replace the database’s rows with a backup’s, all or nothing')
    .argument('<file>', 'a file written by `thrive backup`')
    .option('--force', 'replace the rows of a database that is not empty')
    .action(async (file: string, options: { force?: boolean }) => {
      // Checked before the database is opened, so a mistyped name creates nothing.
      const header = await readBackupHeader(file)
      // Not migrated to the latest first: the rows are restored into the schema
      // they were backed up from, and upgraded with it afterwards.
      await withDatabase(
        async ({ db }, config) => {
          await prepareSchemaFor(db, header)
          const summary = await restoreBackup(db, file, { force: options.force, progress: rowProgress('Restoring') })
          const { results = [] } = await migrateToLatest(db)
          console.log(
            `Restored ${summary.rows} rows into ${summary.tables} tables of the database (${describeDatabase(config)}) from ${resolve(file)} (made ${header.createdAt}).`,
          )
          if (results.length > 0) console.log(`Brought the restored data up to date with ${results.length} later migration${results.length === 1 ? '' : 's'}.`)
        },
        { migrate: false },
      )
    })
}
