import type { DemoModule } from '../context.ts'
import { workstreamForm } from '../../src/strategy/workstreams/schema.ts'
import { changeOutcomeLinks, insertWorkstream } from '../../src/strategy/workstreams/repository.ts'
import { demoWorkstreams } from '../data/workstreams.ts'

/**
 * Seed 001 Appendix 1: the example workstreams of each Delivery Partnership
 * of the 2007–08 Children's Trust approach, under the demo's Delivery
 * Partnership bodies, with the few links to the 2019 outcomes a reader would
 * agree with (see demo/data/workstreams.ts). Input goes through the same form
 * schema a person's would.
 */
export const strategyWorkstreams: DemoModule = {
  name: 'workstreams of the delivery partnerships',
  async seed({ trx, partnershipId, refs, audit }) {
    for (const partnership of demoWorkstreams) {
      const bodyId = refs.get('body', partnership.body)
      for (const workstream of partnership.workstreams) {
        const outcomeIds = (workstream.outcomes ?? []).map((key) => refs.get('outcome', key))
        const input = workstreamForm.parse({ bodyId, title: workstream.title, kind: workstream.kind, description: '', leadId: null, outcomeIds })
        const created = await insertWorkstream(trx, partnershipId, input)
        await changeOutcomeLinks(trx, partnershipId, created.id, { add: input.outcomeIds, remove: [] })
        refs.set('workstream', `${partnership.body}/${created.title}`, created.id)
        await audit({
          action: 'create',
          entityType: 'workstream',
          entityId: created.id,
          summary: `Added workstream ‘${created.title}’`,
          after: { ...created, outcomeIds: input.outcomeIds, objectiveIds: [] },
        })
      }
    }
  },
}
