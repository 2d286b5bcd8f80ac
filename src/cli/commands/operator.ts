import type { Command } from 'commander'
import { setOperator } from '../../directory/users/service.ts'
import { withDatabase } from '../database.ts'

export function operatorCommand(program: Command): void {
  const operator = program.command('operator').description('who runs the service: operators create partnerships at /operator/partnerships')
  operator
    .command('grant')
    .description('make an existing account an operator')
    .argument('<email>', 'the account’s email address')
    .action((email: string) =>
      withDatabase(async ({ db }) => {
        const { changed, displayName } = await setOperator(db, email, true, 'command line')
        console.log(
          changed ? `${displayName} is now an operator: they can create partnerships at /operator/partnerships.` : `${displayName} was already an operator.`,
        )
      }),
    )
  operator
    .command('revoke')
    .description('stop an account being an operator')
    .argument('<email>', 'the account’s email address')
    .action((email: string) =>
      withDatabase(async ({ db }) => {
        const { changed, displayName } = await setOperator(db, email, false, 'command line')
        console.log(changed ? `${displayName} is no longer an operator.` : `${displayName} was not an operator.`)
      }),
    )
}
