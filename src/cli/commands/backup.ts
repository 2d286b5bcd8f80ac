import type { Command } from 'commander'
import { resolve } from 'node:path'
import { writeBackup } from '../backup.ts'
import { describeDatabase, withDatabase } from '../database.ts'
import { rowProgress } from '../progress.ts'

export function backupCommand(program: Command): void {
  program
    .command('backup')
    .description('write every row of the database to a file (JSON lines), to restore with `thrive restore`')
    .argument('<file>', 'where to write the backup (replaced if it exists)')
    .action((file: string) =>
      withDatabase(async ({ db }, config) => {
        const summary = await writeBackup(db, file, rowProgress('Backing up'))
        console.log(`Backed up ${summary.rows} rows from ${summary.tables} tables of the database (${describeDatabase(config)}) to ${resolve(file)}.`)
        console.log('The file holds password hashes and personal details: keep it as safe as the database itself.')
      }),
    )
}
