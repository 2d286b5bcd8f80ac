import type { Command } from 'commander'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import cliProgress, { type SingleBar } from 'cli-progress'
import { layoutNames } from '../../performance/value-transfer/layout.ts'
import { withDatabase } from '../database.ts'
import { CommandError } from '../failure.ts'

interface ImportOptions {
  partnership: string
  as?: string
}

/** A bar on stderr through the file's bytes, for a person at a terminal only: scripts get the summary line alone. */
function byteProgress(totalBytes: number, interactive = Boolean(process.stderr.isTTY)) {
  if (!interactive) return { update: () => {}, stop: () => {} }
  const bar: SingleBar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'Importing [{bar}] {percentage}% | {rows} rows | {eta_formatted} left', hideCursor: true },
    cliProgress.Presets.shades_classic,
  )
  bar.start(totalBytes, 0, { rows: 0 })
  return {
    update: (bytes: number, rows: number) => bar.update(bytes, { rows: rows.toLocaleString('en-GB') }),
    stop: () => bar.stop(),
  }
}

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('import indicator values from a Fingertips export or a file in the Thrive layout (CSV or xlsx, any size), all or nothing')
    .argument('<file>', 'the CSV or xlsx file of values')
    .requiredOption('--partnership <slug>', 'the partnership whose indicators the values are for')
    .option('--as <email>', 'import as this member (their role decides what they may import); without it, as the operator, with an admin’s rights')
    .action((file: string, options: ImportOptions) =>
      withDatabase(async ({ db }) => {
        const size = (await stat(file)).size
        const { valueTransferService } = await import('../../performance/value-transfer/service.ts')
        const { countsText } = await import('../../performance/value-transfer/import.ts')
        const transfer = valueTransferService(db)
        const { actor, partnershipName } = await transfer.commandLineActor(options.partnership, options.as)
        const bar = byteProgress(size)
        let result
        try {
          result = await transfer.importFile(
            actor,
            { filename: basename(file), size, open: () => createReadStream(file) },
            { onProgress: (p) => bar.update(p.bytesRead, p.rowsRead) },
          )
        } finally {
          bar.stop()
        }
        if (result.ok) {
          console.log(
            `Imported ${result.counts.rows.toLocaleString('en-GB')} rows of ${result.filename} (${layoutNames[result.layout]}) into ${partnershipName}: ${countsText(result.counts)}.`,
          )
          return
        }
        console.error(
          `Nothing was imported from ${result.filename}: ${result.total === 1 ? 'it has a problem' : `it has ${result.total.toLocaleString('en-GB')} problems`}.`,
        )
        for (const p of result.problems) console.error(`${p.row == null ? 'The file' : `Row ${p.row}`}${p.column ? `, ${p.column}` : ''}: ${p.message}`)
        if (result.total > result.problems.length) console.error(`…and ${(result.total - result.problems.length).toLocaleString('en-GB')} more not listed.`)
        throw new CommandError('The import was refused; the database is unchanged.')
      }),
    )
}
