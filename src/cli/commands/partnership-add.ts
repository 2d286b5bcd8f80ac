import type { Command } from 'commander'
import { createPartnership } from '../../directory/partnerships/service.ts'
import { withDatabase } from '../database.ts'
import { CommandError } from '../failure.ts'

interface AddOptions {
  name: string
  area: string
  admin?: string
  adminName?: string
}

export function partnershipCommand(program: Command): void {
  const partnership = program.command('partnership').description('manage partnerships')
  partnership
    .command('add')
    .description('create a partnership, optionally inviting its first admin')
    .argument('<slug>', 'its short name, used in its public address /p/<slug>')
    .requiredOption('--name <name>', 'its full name')
    .requiredOption('--area <code>', 'the ONS code of the local authority it serves, like E08000004')
    .option('--admin <email>', 'invite this person to be its first admin')
    .option('--admin-name <name>', 'the first admin’s name (offered to them if they have no account yet)')
    .action((slug: string, options: AddOptions) => {
      if (options.adminName && !options.admin) throw new CommandError('--admin-name goes with --admin <email>.')
      return withDatabase(async ({ db }) => {
        const adminName = options.admin ? (options.adminName ?? options.admin.split('@')[0]) : undefined
        const { partnership: created, firstAdmin } = await createPartnership(
          db,
          { slug, name: options.name, areaCode: options.area, adminEmail: options.admin, adminName },
          { userId: null, label: 'command line' },
        )
        console.log(`Created ${created.name} (${created.slug}) for ${created.area_code}.`)
        if (firstAdmin) {
          console.log(
            `Invited ${firstAdmin.email} to be its first admin. Send them this link (after your Thrive address); it works once and expires on ${firstAdmin.expiresAt.toISOString().slice(0, 10)}:`,
          )
          console.log(`  /join/${firstAdmin.token}`)
        } else {
          console.log(`Invite its first admin with: thrive user add <email> --name <name> --partnership ${created.slug} --role admin`)
        }
      })
    })
}
