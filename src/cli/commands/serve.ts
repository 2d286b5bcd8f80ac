import type { Command } from 'commander'
import { commandConfig } from '../database.ts'

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('start the web service (migrates the database and, on an empty embedded database or with THRIVE_DEMO=true, creates the demo partnership)')
    .action(async () => {
      const { serve } = await import('../../server.ts')
      await serve(commandConfig())
    })
}
