import type { DemoModule } from '../context.ts'
import { personForm } from '../../src/directory/people/schema.ts'
import { personLabel } from '../../src/directory/people/model.ts'
import { insertPerson } from '../../src/directory/people/repository.ts'
import { indicatorForm } from '../../src/performance/indicators/schema.ts'
import { insertIndicator, replaceOutcomes } from '../../src/performance/indicators/repository.ts'
import { demoIndicators } from '../data/indicators.ts'

/**
 * The indicator library: the partnership's KPIs with their target leads (seed
 * 001 Appendix 2 aim 6: "key performance indicators … with allocated target
 * leads"), owning bodies and the outcomes they measure. Public health
 * indicators are led by the Director of Public Health, who joins the directory here.
 */
export const performanceIndicators: DemoModule = {
  name: 'indicator library',
  async seed({ trx, partnershipId, refs, audit }) {
    const dph = await insertPerson(
      trx,
      partnershipId,
      personForm.parse({ roleTitle: 'Director of Public Health', organisationId: refs.get('organisation', 'council') }),
    )
    refs.set('person', 'dph', dph.id)
    await audit({ action: 'create', entityType: 'person', entityId: dph.id, summary: `Added person ‘${personLabel(dph)}’`, after: dph })

    for (const { key, outcomes, targetLead, owningBody, ...definition } of demoIndicators) {
      const input = indicatorForm.parse({
        ...definition,
        targetLeadId: refs.get('person', targetLead),
        owningBodyId: refs.get('body', owningBody),
        outcomeIds: outcomes.map((o) => refs.get('outcome', o)),
      })
      const created = await insertIndicator(trx, partnershipId, input)
      await replaceOutcomes(trx, partnershipId, created.id, input.outcomeIds)
      refs.set('indicator', key, created.id)
      await audit({
        action: 'create',
        entityType: 'indicator',
        entityId: created.id,
        summary: `Added the indicator ‘${created.title}’`,
        after: { ...created, outcomeIds: input.outcomeIds },
      })
    }
  },
}
