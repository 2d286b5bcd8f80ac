import type { DemoModule } from '../context.ts'
import { groupForm } from '../../src/performance/comparator-groups/schema.ts'
import { insertGroup, replaceAreas } from '../../src/performance/comparator-groups/repository.ts'
import { demoComparatorGroups } from '../data/comparator-groups.ts'

/** The comparator groups the demo's scorecards benchmark Oldham against. */
export const performanceComparators: DemoModule = {
  name: 'comparator groups',
  async seed({ trx, partnershipId, refs, audit }) {
    for (const { key, areaCodes, ...group } of demoComparatorGroups) {
      const input = groupForm.parse({ ...group, areaCodes: areaCodes.join(' ') })
      const created = await insertGroup(trx, partnershipId, input)
      await replaceAreas(trx, partnershipId, created.id, input.areaCodes)
      refs.set('comparator-group', key, created.id)
      await audit({
        action: 'create',
        entityType: 'comparator-group',
        entityId: created.id,
        summary: `Added the comparator group ‘${created.name}’`,
        after: { ...created, areaCodes: input.areaCodes },
      })
    }
  },
}
