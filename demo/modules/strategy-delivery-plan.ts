import { readFile } from 'node:fs/promises'
import { demoActorLabel, type DemoModule } from '../context.ts'
import { readPlanFile } from '../../src/strategy/plan-transfer/read.ts'
import { writeImportedPlan } from '../../src/strategy/plan-transfer/service.ts'
import { importForm } from '../../src/strategy/plan-transfer/schema.ts'

const filename = 'delivery-plan-2007.csv'

/**
 * Seed 001 Appendix 2, the Children's Trust Approach Delivery Plan: six aims
 * with every objective, timescale and outcome, read from a real CSV file in
 * the layout the plan import takes (demo/data/delivery-plan-2007.csv) and
 * imported through the same reading and checking a person's upload gets, so
 * the demo proves the import. The seed's text-extraction debris ("2 Embed
 * Integrated Planning arranger", a stray "1", a row split in two) is cleaned
 * up in the file so the aims are numbered 1 to 6.
 *
 * The seed names no owners, lead bodies per objective or statuses: the owners
 * and lead bodies are assumptions (commissioning under the Integrated
 * Commissioning Group, the rest under the Strategy Group or the Board), and
 * the statuses as of 29 February 2008 are illustrative, as each progress
 * update's commentary says.
 */
export const strategyDeliveryPlan: DemoModule = {
  name: 'the 2007 delivery plan',
  async seed({ trx, partnershipId, refs, audit }) {
    const content = await readFile(new URL(`../data/${filename}`, import.meta.url))
    const read = await readPlanFile(filename, content)
    if (!read.ok) throw new Error(`Demo ${filename}: ${read.message}`)
    const input = importForm.parse({ title: 'Children’s Trust Approach Delivery Plan', strategyId: '', leadBodyId: refs.get('body', 'cfc-board') })
    const imported = await writeImportedPlan({ trx, partnershipId, authorLabel: demoActorLabel, audit }, input, filename, read.rows, {
      commentary: 'Illustrative status as of early 2008: the seed paper gives no statuses. Imported from delivery-plan-2007.csv.',
    })
    if (!imported.ok) throw new Error(`Demo ${filename}: ${imported.problems.map((p) => `row ${p.row ?? '-'} ${p.column ?? ''}: ${p.message}`).join('; ')}`)
    refs.set('plan', 'delivery-plan-2007', imported.plan.id)

    const objectives = await trx
      .selectFrom('plan_objectives as o')
      .innerJoin('plan_aims as a', 'a.id', 'o.aim_id')
      .select(['o.id', 'o.position', 'a.number'])
      .where('a.plan_id', '=', imported.plan.id)
      .where('o.partnership_id', '=', partnershipId)
      .execute()
    for (const o of objectives) refs.set('objective', `${o.number}.${o.position}`, o.id)
  },
}
