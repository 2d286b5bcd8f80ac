import { Option, type Command } from 'commander'
import { addUser } from '../../directory/users/service.ts'
import { roles } from '../../platform/auth/model.ts'
import { withDatabase } from '../database.ts'
import { readPassword } from '../password-input.ts'

interface AddOptions {
  name: string
  partnership?: string
  role?: string
  password?: string
}

export function userAddCommand(user: Command): void {
  user
    .command('add')
    .description('create an account, optionally as a member of a partnership (an existing account is invited instead)')
    .argument('<email>', 'their email address, used to sign in')
    .requiredOption('--name <name>', 'their name as others will see it')
    .option('--partnership <slug>', 'make them a member of this partnership')
    .addOption(new Option('--role <role>', 'their role in the partnership (default: viewer)').choices(roles))
    .option('--password <password>', 'their password (otherwise read from standard input, or asked for at a terminal)')
    .action(async (email: string, options: AddOptions) => {
      const password = await readPassword(options.password)
      await withDatabase(async ({ db }) => {
        const added = await addUser(
          db,
          { email, displayName: options.name, password, partnershipSlug: options.partnership, role: options.role },
          'command line',
        )
        const who = `${added.displayName} <${added.email}>`
        if (added.accountCreated) console.log(`Created an account for ${who}.`)
        else console.log(`${who} already had an account; their name and password are unchanged.`)
        if (added.partnership && added.invitation) {
          console.log(
            `Invited them to ${added.partnership.name} (${added.partnership.slug}) as ${added.partnership.role}: they join when they accept, on their partnerships page after signing in,`,
          )
          console.log(`or with this link (after your Thrive address), which expires on ${added.invitation.expiresAt.toISOString().slice(0, 10)}:`)
          console.log(`  /join/${added.invitation.token}`)
        } else if (added.partnership) console.log(`Added them to ${added.partnership.name} (${added.partnership.slug}) as ${added.partnership.role}.`)
      })
    })
}
