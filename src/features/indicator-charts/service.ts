import type { Db } from '../../platform/db/database.ts'
import { inPartnership } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { findIndicator, type IndicatorRow } from '../indicators/repository.ts'
import { valuesOf } from '../indicator-values/repository.ts'
import { shownFigures } from '../indicator-values/model.ts'
import { storedFigures } from '../indicator-values/service.ts'
import { periodLabel } from '../indicator-values/periods.ts'
import { groupAreas, listGroups, type Area, type ComparatorGroup } from '../comparator-groups/repository.ts'
import type { ShownValue } from './figures.ts'
import { partnershipArea } from '../partnership-settings/repository.ts'
import * as repo from './repository.ts'

/** England's ONS code: the benchmark every Fingertips comparison is made against. */
export const ENGLAND = 'E92000001'

export interface IndicatorFigures {
  indicator: IndicatorRow
  /** The partnership's own area; null until its area is set. */
  area: { code: string; name: string } | null
  benchmark: { code: string; name: string }
  values: ShownValue[]
  groups: ComparatorGroup[]
  /** The comparator group chosen, with its areas; null when the partnership has none. */
  group: (ComparatorGroup & { areas: Area[] }) | null
  localityCodes: Set<string>
  targets: Map<string, number>
  periodLabel: (startsOn: string) => string
}

/** Without a choice, the group the partnership is most often judged against: its regional partnership (Greater Manchester), else the first. */
function defaultGroup(groups: readonly ComparatorGroup[]): ComparatorGroup | undefined {
  return groups.find((g) => g.kind === 'regional-partnership') ?? groups.find((g) => g.kind !== 'england') ?? groups[0]
}

export function indicatorChartService(db: Db) {
  return {
    /** Everything the indicator's charts and gap tables are drawn from, read once in the partnership's own rows. */
    async figures(actor: Actor, indicatorId: string, groupId?: string): Promise<IndicatorFigures> {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await findIndicator(trx, actor.partnershipId, indicatorId)
        if (!indicator) throw new NotFoundError('The indicator')
        const method = { valueType: indicator.value_type, multiplier: indicator.multiplier }
        const label = (startsOn: string) => periodLabel(indicator.period_type, startsOn)
        const values = (await valuesOf(trx, actor.partnershipId, indicatorId)).map(
          (v): ShownValue => ({
            areaCode: v.area_code,
            areaName: v.areaName,
            periodStartsOn: String(v.period_starts_on),
            period: label(String(v.period_starts_on)),
            sex: v.sex,
            age: v.age,
            categoryType: v.category_type,
            category: v.category,
            categoryRank: v.category_rank,
            count: v.count == null ? null : Number(v.count),
            denominator: v.denominator == null ? null : Number(v.denominator),
            shown: shownFigures(method, storedFigures(v)),
            illustrative: v.illustrative,
            note: v.note,
          }),
        )
        const groups = await listGroups(trx, actor.partnershipId, false)
        // An unknown or stale group in the address falls back to the default rather than failing the page.
        const chosen = groups.find((g) => g.id === groupId) ?? defaultGroup(groups)
        return {
          indicator,
          area: await partnershipArea(trx, actor.partnershipId),
          benchmark: { code: ENGLAND, name: (await repo.areaName(trx, ENGLAND)) ?? 'England' },
          values,
          groups,
          group: chosen ? { ...chosen, areas: await groupAreas(trx, actor.partnershipId, chosen.id) } : null,
          localityCodes: await repo.localityCodes(trx, actor.partnershipId),
          targets: await repo.valueTargets(trx, actor.partnershipId, indicatorId),
          periodLabel: label,
        }
      })
    },
  }
}

export type IndicatorChartService = ReturnType<typeof indicatorChartService>
