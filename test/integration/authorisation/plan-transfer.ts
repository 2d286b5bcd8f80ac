import { inPartnership } from '../../../src/platform/db/tenancy.ts'
import { recordAudit } from '../../../src/platform/audit/audit.ts'
import { writeImportedPlan } from '../../../src/strategy/plan-transfer/service.ts'
import { importForm } from '../../../src/strategy/plan-transfer/schema.ts'
import type { Fixtures, Rule } from './rules.ts'

const plans = new Map<string, Promise<string>>()

/** One small imported plan per partnership: downloading it changes nothing, so every visit can share it. */
function planOf(f: Fixtures): Promise<string> {
  let plan = plans.get(f.partnershipId)
  if (!plan) {
    const rows = [
      ['Number', 'Aim', 'Objective', 'Timescale', 'Outcome', 'Status'],
      ['1', 'Walked aim', 'Walked objective', 'Q2 2008', 'Walked outcome', 'On track'],
    ].map((cells, i) => ({ row: i + 1, cells }))
    plan = inPartnership(f.db, f.partnershipId, async (trx) => {
      const writer = {
        trx,
        partnershipId: f.partnershipId,
        authorLabel: f.admin.label,
        audit: (entry: Parameters<typeof recordAudit>[2]) => recordAudit(trx, f.admin, entry),
      }
      const imported = await writeImportedPlan(writer, importForm.parse({ title: 'Walked plan' }), 'walked.csv', rows)
      if (!imported.ok) throw new Error(`The walked plan was refused: ${JSON.stringify(imported.problems)}`)
      return imported.plan.id
    })
    plans.set(f.partnershipId, plan)
  }
  return plan
}

const planId = { name: 'id', value: planOf }

export const planTransferRules: Record<string, Rule> = {
  'GET /plans/import': { access: 'directory.edit' },
  // The walker's client sends urlencoded forms, which carry no file, so only the
  // refusals and the empty form (400) are walked here; a good upload, its 303
  // and its audit row are proved in test/integration/plan-transfer.test.ts.
  'POST /plans/import': { access: 'directory.edit' },
  'GET /plans/:id/export.csv': { access: 'partnership.read', param: planId },
  'GET /plans/:id/export.xlsx': { access: 'partnership.read', param: planId },
}
