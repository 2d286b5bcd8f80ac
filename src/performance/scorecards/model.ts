import type { ComparisonMethod, PeriodType, Polarity, Sex, TargetKind, ValueType } from '../../platform/db/performance-tables.ts'
import { isSmallNumber, shownFigures, type ShownFigures, type StoredFigures, periodLabel } from '../indicator-values/index.ts'
import { groupBenchmark, ragFor, type RagResult, compareFigures, directionOf, trendOf, type Comparison, type Direction, type Trend } from '../targets/index.ts'

// One scorecard row per indicator, built in memory from rows loaded in bulk:
// the area's latest value in the headline breakdown, its RAG against that
// period's target, its comparison with the benchmark, its recent trend and the
// direction of its last change. Pure: the service loads, this decides.

export interface ScorecardIndicator {
  id: string
  title: string
  polarity: Polarity
  value_type: ValueType
  multiplier: number
  decimal_places: number
  comparison_method: ComparisonMethod
  period_type: PeriodType
  small_number_threshold: number
}

export interface ScorecardValue {
  area_code: string
  period_starts_on: string
  sex: Sex
  age: string
  count: string | null
  denominator: string | null
  value: string | null
  lower_95: string | null
  upper_95: string | null
  lower_998: string | null
  upper_998: string | null
  illustrative: boolean
  updated_at: Date
}

export interface ScorecardTarget {
  id: string
  period_starts_on: string
  kind: TargetKind
  value: string | null
  group_id: string | null
  amber_tolerance: string
  version: number
}

export interface Group {
  id: string
  name: string
  areaCodes: readonly string[]
}

export interface Context {
  areaCode: string
  /** What the value is compared with: England by default. */
  benchmark: Group | null
  /** Every comparator group a target may name, by id. */
  groups: ReadonlyMap<string, Group>
}

const num = (v: string | null) => (v == null ? null : Number(v))
const stored = (v: ScorecardValue): StoredFigures => ({
  count: num(v.count),
  denominator: num(v.denominator),
  value: num(v.value),
  lower95: num(v.lower_95),
  upper95: num(v.upper_95),
  lower998: num(v.lower_998),
  upper998: num(v.upper_998),
})

/**
 * The breakdown a scorecard shows: no category; persons where the indicator
 * publishes persons, otherwise the one sex and age it does (teenage
 * conceptions: female, under 18). Among several, the most published wins.
 */
export function headlineBreakdown(values: readonly Pick<ScorecardValue, 'sex' | 'age'>[]): { sex: Sex; age: string } | null {
  const counts = new Map<string, { sex: Sex; age: string; n: number }>()
  for (const v of values) {
    const key = `${v.sex}|${v.age}`
    const entry = counts.get(key) ?? { sex: v.sex, age: v.age, n: 0 }
    entry.n++
    counts.set(key, entry)
  }
  const ranked = [...counts.values()].sort(
    (a, b) =>
      Number(b.sex === 'persons') - Number(a.sex === 'persons') || Number(b.age === '') - Number(a.age === '') || b.n - a.n || a.age.localeCompare(b.age),
  )
  return ranked[0] ? { sex: ranked[0].sex, age: ranked[0].age } : null
}

export interface Assessment {
  startsOn: string
  period: string
  count: number | null
  shown: ShownFigures | null
  illustrative: boolean
  /** The count is below the indicator's small-number threshold: public pages hold the value back. */
  smallNumber: boolean
  /** The previous period's count is below the threshold, so the direction of the last change would hint at it. */
  previousSmallNumber: boolean
  /** Held back on a public page (see withholdSmallNumbers): the value and everything worked out from it. */
  withheld: boolean
  /** Held back on a public page: the direction of the last change, as it compares with a withheld value. */
  directionWithheld: boolean
  target: ScorecardTarget | null
  targetGroup: Group | null
  rag: RagResult
  comparison: Comparison
  trend: Trend
  direction: Direction
  previousPeriod: string | null
}

/** Values of one indicator, no category, indexed for assessing any period. */
export class Series {
  readonly own: ScorecardValue[]
  private readonly byPeriod = new Map<string, Map<string, number>>()

  readonly indicator: ScorecardIndicator
  readonly context: Context

  constructor(indicator: ScorecardIndicator, values: readonly ScorecardValue[], context: Context) {
    this.indicator = indicator
    this.context = context
    const headline = headlineBreakdown(values)
    const chosen = headline ? values.filter((v) => v.sex === headline.sex && v.age === headline.age) : []
    this.breakdown = headline
    this.own = chosen.filter((v) => v.area_code === context.areaCode).sort((a, b) => a.period_starts_on.localeCompare(b.period_starts_on))
    this.all = chosen
  }

  readonly breakdown: { sex: Sex; age: string } | null
  private readonly all: ScorecardValue[]

  private method() {
    return { valueType: this.indicator.value_type, multiplier: this.indicator.multiplier }
  }

  /** Every area's shown value in a period, computed once per period asked for. */
  valuesIn(startsOn: string): Map<string, number> {
    let map = this.byPeriod.get(startsOn)
    if (!map) {
      map = new Map()
      for (const v of this.all) {
        if (v.period_starts_on !== startsOn) continue
        const value = shownFigures(this.method(), stored(v)).value
        if (value != null) map.set(v.area_code, value)
      }
      this.byPeriod.set(startsOn, map)
    }
    return map
  }

  latestPeriod(): string | null {
    return this.own.at(-1)?.period_starts_on ?? null
  }

  lastUpdated(): Date | null {
    return this.own.reduce<Date | null>((latest, v) => (!latest || v.updated_at > latest ? v.updated_at : latest), null)
  }

  /** The area's value in a period with its RAG, comparison, trend and direction. */
  assess(startsOn: string, targets: readonly ScorecardTarget[]): Assessment {
    const { indicator, context } = this
    const index = this.own.findIndex((v) => v.period_starts_on === startsOn)
    const mine = index >= 0 ? this.own[index]! : null
    const shown = mine ? shownFigures(this.method(), stored(mine)) : null
    const inPeriod = this.valuesIn(startsOn)
    const target = targets.find((t) => t.period_starts_on === startsOn) ?? null
    const targetGroup = target?.group_id ? (context.groups.get(target.group_id) ?? null) : null
    const rag = ragFor(
      target && { kind: target.kind, value: num(target.value), tolerance: Number(target.amber_tolerance) },
      shown?.value ?? null,
      indicator.polarity,
      targetGroup && { areaCode: context.areaCode, areas: targetGroup.areaCodes, values: inPeriod },
    )
    const benchmark = context.benchmark
    const comparison = compareFigures(
      indicator.comparison_method,
      indicator.polarity,
      shown ?? { value: null, lower95: null, upper95: null, lower998: null, upper998: null },
      {
        name: benchmark?.name ?? 'the benchmark',
        value: benchmark ? groupBenchmark(context.areaCode, benchmark.areaCodes, inPeriod) : null,
        groupValues: benchmark
          ? [...new Set([...benchmark.areaCodes, context.areaCode])].flatMap((code) => (inPeriod.has(code) ? [inPeriod.get(code)!] : []))
          : [],
      },
    )
    const points = this.own.map((v) => {
      const figures = shownFigures(this.method(), stored(v))
      return {
        startsOn: v.period_starts_on,
        count: num(v.count),
        denominator: num(v.denominator),
        value: figures.value,
        lower95: figures.lower95,
        upper95: figures.upper95,
      }
    })
    const trend = trendOf(points, { periodType: indicator.period_type, valueType: indicator.value_type, polarity: indicator.polarity, upTo: startsOn })
    const previous = index > 0 ? this.own[index - 1]! : null
    const previousValue = previous ? shownFigures(this.method(), stored(previous)).value : null
    return {
      startsOn,
      period: periodLabel(indicator.period_type, startsOn),
      count: mine ? num(mine.count) : null,
      shown,
      illustrative: mine?.illustrative ?? false,
      smallNumber: mine ? isSmallNumber(num(mine.count), indicator.small_number_threshold) : false,
      previousSmallNumber: previous ? isSmallNumber(num(previous.count), indicator.small_number_threshold) : false,
      withheld: false,
      directionWithheld: false,
      target,
      targetGroup,
      rag,
      comparison,
      trend,
      direction: directionOf(shown?.value ?? null, previousValue, indicator.polarity, indicator.decimal_places),
      previousPeriod: previous ? periodLabel(indicator.period_type, previous.period_starts_on) : null,
    }
  }
}

export interface ScorecardRow<I extends ScorecardIndicator = ScorecardIndicator> {
  indicator: I
  breakdown: { sex: Sex; age: string } | null
  latest: Assessment | null
  lastUpdated: Date | null
}

/** The scorecard row of one indicator: its latest period for the area, or none when the area has no value yet. */
export function scorecardRow<I extends ScorecardIndicator>(
  indicator: I,
  values: readonly ScorecardValue[],
  targets: readonly ScorecardTarget[],
  context: Context,
): ScorecardRow<I> {
  const series = new Series(indicator, values, context)
  const latest = series.latestPeriod()
  return { indicator, breakdown: series.breakdown, latest: latest ? series.assess(latest, targets) : null, lastUpdated: series.lastUpdated() }
}

const withheldRag: RagResult = { rag: null, why: 'no-value', against: null, place: null, of: null }

/**
 * What a public page may show of an assessment. A value from a small number is
 * withheld with everything a reader could work it back from: its interval, its
 * RAG and place against the target (and the benchmark it was held against),
 * its comparison with the benchmark, its recent trend and the direction of its
 * last change. A direction measured from a withheld previous value is withheld
 * too, as "better than last year" bounds last year's figure.
 */
export function withholdSmallNumbers(a: Assessment): Assessment {
  if (a.smallNumber) {
    return {
      ...a,
      count: null,
      shown: null,
      withheld: true,
      rag: withheldRag,
      comparison: { group: 'not-compared', text: '' },
      trend: { trend: 'cannot-be-calculated', text: '' },
      direction: 'no-earlier-value',
      directionWithheld: true,
      previousPeriod: null,
    }
  }
  if (a.previousSmallNumber) return { ...a, direction: 'no-earlier-value', directionWithheld: true, previousPeriod: null }
  return a
}

/** The scorecard row as the public sees it: applied before filtering, so a filter cannot tell a withheld RAG either. */
export function publicRow<R extends ScorecardRow>(row: R): R {
  return row.latest ? { ...row, latest: withholdSmallNumbers(row.latest) } : row
}
