import { Command } from 'commander'
import { readFileSync } from 'node:fs'
import { describeFailure } from './failure.ts'
import { serveCommand } from './commands/serve.ts'
import { migrateCommand } from './commands/migrate.ts'
import { seedCommand } from './commands/seed.ts'
import { userAddCommand } from './commands/user-add.ts'
import { userSetPasswordCommand } from './commands/user-set-password.ts'
import { backupCommand } from './commands/backup.ts'
import { restoreCommand } from './commands/restore.ts'
import { importCommand } from './commands/import.ts'
import { partnershipCommand } from './commands/partnership-add.ts'
import { operatorCommand } from './commands/operator.ts'

// `thrive`: one file per command in ./commands. Each loads what it runs only when
// it runs, so a command starts without loading the web app or the demo. Each command opens the
// configured database (DATABASE_URL, or PGlite in THRIVE_DATA_DIR), works, and closes it.
const program = new Command('thrive')
  .description('Thrive: the children and young people’s strategic partnership, in one place')
  .version(packageVersion())
  .showHelpAfterError()

serveCommand(program)
migrateCommand(program)
seedCommand(program)
const user = program.command('user').description('manage accounts')
userAddCommand(user)
userSetPasswordCommand(user)
partnershipCommand(program)
operatorCommand(program)
backupCommand(program)
restoreCommand(program)
importCommand(program)

try {
  await program.parseAsync()
} catch (error) {
  console.error(describeFailure(error))
  process.exitCode = 1
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version
}
