import type { Command } from 'commander'
import { demoAccounts } from '../../../demo/data/accounts.ts'
import { demoPartnership } from '../../../demo/data/partnership.ts'
import { withDatabase } from '../database.ts'
import { CommandError } from '../failure.ts'

const demoSlug = demoPartnership.slug

export function seedCommand(program: Command): void {
  program
    .command('seed')
    .description('add example data')
    .option('--demo', `rebuild the demo partnership (slug ‘${demoSlug}’) from scratch, with a new password for its accounts`)
    .action((options: { demo?: boolean }) => {
      if (!options.demo) throw new CommandError(`Say what to seed: --demo rebuilds the demo partnership (slug ‘${demoSlug}’).`)
      return withDatabase(async ({ db }) => {
        const { seedDemo } = await import('../../../demo/seed.ts')
        const credentials = await seedDemo(db)
        console.log(`Rebuilt the demo partnership ‘${demoSlug}’. Its accounts all use the password below:`)
        for (const account of demoAccounts) console.log(`  ${account.email.padEnd(32)} ${account.role}`)
        console.log(`  password: ${credentials.password}`)
        console.log('This password is shown only once.')
      })
    })
}
