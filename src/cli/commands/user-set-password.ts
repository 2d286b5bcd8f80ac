import type { Command } from 'commander'
import { setPassword } from '../../directory/users/service.ts'
import { withDatabase } from '../database.ts'
import { readPassword } from '../password-input.ts'

export function userSetPasswordCommand(user: Command): void {
  user
    .command('set-password')
    .description('set a new password (lifts any sign-in lock and signs them out everywhere)')
    .argument('<email>', 'the account’s email address')
    .option('--password <password>', 'the new password (otherwise read from standard input, or asked for at a terminal)')
    .action(async (email: string, options: { password?: string }) => {
      const password = await readPassword(options.password)
      await withDatabase(async ({ db }) => {
        await setPassword(db, email, password, 'command line')
        console.log(`Set a new password for ${email.trim().toLowerCase()}. They have been signed out everywhere.`)
      })
    })
}
