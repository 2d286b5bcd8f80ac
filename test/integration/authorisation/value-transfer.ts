import { importJobs } from '../../../src/performance/value-transfer/jobs.ts'
import type { Fixtures, Rule } from './rules.ts'

// Importing and exporting values. Everyone in the partnership reads the
// imports and exports the values; admins, editors and contributors who lead
// an indicator import. The walking contributor leads none, so is refused as
// directory.edit would refuse them. The upload itself is multipart, which the
// walker does not send: only the empty form is walked here, and the import
// tests upload files.

/** A finished import in the fixtures' partnership, as the import page would have started it. */
async function job(f: Fixtures): Promise<string> {
  const started = importJobs.start(f.admin, 'walked.csv', 10, async () => ({
    ok: false,
    filename: 'walked.csv',
    problems: [{ row: 2, column: 'Value', message: 'Walked problem' }],
    total: 1,
  }))
  await importJobs.settled()
  return started.id
}
const jobId = { name: 'job', value: job }

export const valueTransferRules: Record<string, Rule> = {
  'GET /indicator-values/import': { access: 'directory.edit' },
  'POST /indicator-values/import': { access: 'directory.edit' },
  'GET /indicator-values/imports': { access: 'partnership.read' },
  'GET /indicator-values/imports.csv': { access: 'partnership.read' },
  'GET /indicator-values/imports.xlsx': { access: 'partnership.read' },
  'GET /indicator-values/imports/:job': { access: 'partnership.read', param: jobId },
  'GET /indicator-values/imports/:job/problems.csv': { access: 'partnership.read', param: jobId },
  'GET /indicator-values/imports/:job/problems.xlsx': { access: 'partnership.read', param: jobId },
  'GET /indicator-values/export.csv': { access: 'partnership.read' },
  'GET /indicator-values/export.xlsx': { access: 'partnership.read' },
}
