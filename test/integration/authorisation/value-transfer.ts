import { finishJob, insertJob } from '../../../src/platform/jobs/repository.ts'
import type { Fixtures, Rule } from './rules.ts'

// Importing and exporting values. Everyone in the partnership reads the
// imports and exports the values; admins, editors and contributors who lead
// an indicator import. The walking contributor leads none, so is refused as
// directory.edit would refuse them. The upload itself is multipart, which the
// walker does not send: only the empty form is walked here, and the import
// tests upload files.

/** A finished import in the fixtures' partnership, as its background job would have left it. */
async function job(f: Fixtures): Promise<string> {
  const id = await insertJob(f.db, {
    partnershipId: f.partnershipId,
    kind: 'value-import',
    title: 'walked.csv',
    requestedBy: f.admin.userId,
    requestedByLabel: f.admin.label,
    fileId: null,
    totalBytes: 10,
  })
  await finishJob(f.db, id, 'refused', { ok: false, filename: 'walked.csv', problems: [{ row: 2, column: 'Value', message: 'Walked problem' }], total: 1 })
  return id
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
