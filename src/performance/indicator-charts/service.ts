import { LRUCache } from 'lru-cache'
import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { findIndicator, type IndicatorRow } from '../indicators/index.ts'
import { type ValueRow, shownFigures, storedFigures, periodLabel } from '../indicator-values/index.ts'
import { groupAreas, listGroups, type Area, type ComparatorGroup } from '../comparator-groups/index.ts'
import { headlineOf, type HeadlineKey, type ShownValue } from './figures.ts'
import { partnershipArea } from '../../directory/partnership-settings/index.ts'
import * as repo from './repository.ts'

/** England's ONS code: the benchmark every Fingertips comparison is made against. */
export const ENGLAND = 'E92000001'

export interface IndicatorFigures {
  indicator: IndicatorRow
  /** The partnership's own area; null until its area is set. */
  area: { code: string; name: string } | null
  benchmark: { code: string; name: string }
  /** The breakdown the whole-area charts show, chosen from every value the indicator has. */
  key: HeadlineKey | null
  /** Only the values the pages draw (see figures()), not every value the indicator has. */
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

/** What a page draws: the latest periods of the trend and of each breakdown, and how many breakdowns. */
export interface FigureOptions {
  groupId?: string | undefined
  /** The latest periods of each breakdown: the indicator page draws only the latest, the gap page a run of them. */
  breakdownPeriods?: number
}

/** Twenty periods are as many as a trend chart shows legibly (PER_PERIOD wide each); older values stay in the values list. */
export const TREND_PERIODS = 20
/** Group breakdowns drawn besides the localities; more than this is not a page anyone reads. */
export const MAX_BREAKDOWNS = 12
/** Groups in one breakdown: as many as the slope index of inequality takes. */
export const MAX_GROUPS = 100

/** Values held by the figures kept in memory (a few hundred bytes each): a few tens of megabytes at most. */
const KEPT_VALUES = 50_000

export function indicatorChartService(db: Db) {
  // Figures already worked out, by partnership, data version, indicator and choices. Everything they are read
  // from is partnership or platform data, so they hold until either's version moves on: the next request after a
  // change reads the new version and works them out again. Shared between requests, so never changed once kept.
  const kept = new LRUCache<string, IndicatorFigures>({ maxSize: KEPT_VALUES, sizeCalculation: (figures) => figures.values.length + 1 })

  return {
    /**
     * What the indicator's charts and gap tables are drawn from, chosen in SQL
     * so the cost of a page follows what it draws, not how many values the
     * indicator has; read in one transaction that ends before anything renders,
     * and kept until the partnership's or the platform's data changes.
     */
    async figures(actor: Actor, indicatorId: string, options: FigureOptions = {}): Promise<IndicatorFigures> {
      assertCan(actor, 'partnership.read')
      const pid = actor.partnershipId
      // Read before the figures (and as the owner role: the versions are no partnership's rows), so the figures
      // are at least as new as the version they are kept under.
      const key = JSON.stringify([pid, await repo.dataVersion(db, pid), indicatorId, options.groupId ?? null, options.breakdownPeriods ?? 1])
      const known = kept.get(key)
      if (known) return known
      const figures = await inPartnership(db, pid, (trx) => readFigures(trx, pid, indicatorId, options))
      kept.set(key, figures)
      return figures
    },
  }
}

async function readFigures(trx: Trx, pid: string, indicatorId: string, options: FigureOptions): Promise<IndicatorFigures> {
  const indicator = await findIndicator(trx, pid, indicatorId)
  if (!indicator) throw new NotFoundError('The indicator')
  const method = { valueType: indicator.value_type, multiplier: indicator.multiplier }
  const label = (startsOn: string) => periodLabel(indicator.period_type, startsOn)
  const groups = await listGroups(trx, pid, false)
  // An unknown or stale group in the address falls back to the default rather than failing the page.
  const chosen = groups.find((g) => g.id === options.groupId) ?? defaultGroup(groups)
  const group = chosen ? { ...chosen, areas: await groupAreas(trx, pid, chosen.id) } : null
  const area = await partnershipArea(trx, pid)
  const localityCodes = await repo.localityCodes(trx, pid)
  const drawn = [...new Set([...(area ? [area.code] : []), ENGLAND, ...(group?.areas.map((a) => a.code) ?? []), ...localityCodes])]
  const key = headlineOf(await repo.headlineCounts(trx, pid, indicatorId, drawn))

  const rows: ValueRow[] = []
  // One period more than the chart draws, so the page can say there are earlier ones.
  if (key && area) rows.push(...(await repo.latestHeadlines(trx, pid, indicatorId, key, [area.code, ENGLAND], TREND_PERIODS + 1)))
  if (key) {
    const codes = [...new Set([...(area ? [area.code] : []), ...(group?.areas.map((a) => a.code) ?? [])])]
    const inGroup = await repo.latestHeadlines(trx, pid, indicatorId, key, codes, 1)
    rows.push(...inGroup, ...(await repo.headlinesIn(trx, pid, indicatorId, key, [ENGLAND], [...new Set(inGroup.map((r) => String(r.period_starts_on)))])))
  }
  if (area) {
    const breakdowns = await repo.breakdownRows(trx, pid, indicatorId, area.code, key, {
      periods: options.breakdownPeriods ?? 1,
      breakdowns: MAX_BREAKDOWNS,
      rows: MAX_GROUPS,
    })
    rows.push(...breakdowns)
    // Each breakdown is set against the area as a whole in the same period.
    if (key) rows.push(...(await repo.headlinesIn(trx, pid, indicatorId, key, [area.code], [...new Set(breakdowns.map((r) => String(r.period_starts_on)))])))
  }
  const seen = new Set<string>()
  const values = rows
    .filter((v) => !seen.has(v.id) && Boolean(seen.add(v.id)))
    .map((v): ShownValue => ({
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
    }))
  return {
    indicator,
    area,
    benchmark: { code: ENGLAND, name: (await repo.areaName(trx, ENGLAND)) ?? 'England' },
    key,
    values,
    groups,
    group,
    localityCodes,
    targets: await repo.valueTargets(trx, pid, indicatorId),
    periodLabel: label,
  }
}

export type IndicatorChartService = ReturnType<typeof indicatorChartService>
