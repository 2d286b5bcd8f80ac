import type { DemoModule } from '../context.ts'
import { targetForm } from '../../src/performance/targets/schema.ts'
import { insertTarget } from '../../src/performance/targets/repository.ts'
import { parsePeriod, periodLabel } from '../../src/performance/indicator-values/periods.ts'
import { demoIndicators } from '../data/indicators.ts'
import { demoTargets } from '../data/targets.ts'

/** Targets for the demo KPIs, so the scorecard shows Oldham's RAG beside its comparison with England and its trend. */
export const performanceTargets: DemoModule = {
  name: 'indicator targets',
  async seed({ trx, partnershipId, refs, audit }) {
    for (const t of demoTargets) {
      const indicator = demoIndicators.find((i) => i.key === t.indicator)
      if (!indicator) throw new Error(`Demo target for unknown indicator ${t.indicator}`)
      const parsed = parsePeriod(indicator.periodType, t.period)
      if (!parsed.ok) throw new Error(`Demo target period ${t.period}: ${parsed.message}`)
      const input = targetForm.parse({
        period: t.period,
        kind: t.kind,
        value: t.value == null ? '' : String(t.value),
        groupId: t.group ? refs.get('comparator-group', t.group) : '',
        amberTolerance: String(t.amberTolerance),
      })
      const created = await insertTarget(trx, partnershipId, refs.get('indicator', t.indicator), input, parsed.startsOn)
      await audit({
        action: 'create',
        entityType: 'target',
        entityId: created.id,
        summary: `Set the target of ‘${indicator.title}’ for ${periodLabel(indicator.periodType, parsed.startsOn)}`,
        after: created,
      })
    }
  },
}
