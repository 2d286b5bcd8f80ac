import { compareWithBenchmark, type BenchmarkComparison } from '../../statistics/index.ts'
import type { ComparisonMethod, Polarity, Sex } from '../../platform/db/performance-tables.ts'
import type { ShownFigures } from '../indicator-values/index.ts'

// Which of an indicator's values each chart and table shows: the headline
// breakdown, the periods, the areas and the groups. Pure, so the choices the
// page makes (persons over one sex, the latest period, 99.8% limits when the
// method says so) are tested without a database.

export interface ShownValue {
  areaCode: string
  areaName: string
  periodStartsOn: string
  period: string
  sex: Sex
  age: string
  categoryType: string
  category: string
  categoryRank: number | null
  count: number | null
  denominator: number | null
  shown: ShownFigures
  illustrative: boolean
  note: string
}

export interface HeadlineKey {
  sex: Sex
  age: string
}

/**
 * The breakdown a chart of the whole area shows: no group, persons when the
 * indicator has them, else the sex and age it is published for (under-18
 * conceptions are females under 18). With several ages, the one most published.
 */
export function headlineKey(values: readonly ShownValue[]): HeadlineKey | null {
  const counts = new Map<string, { sex: Sex; age: string; n: number }>()
  for (const v of values) {
    if (v.categoryType !== '') continue
    const id = `${v.sex}|${v.age}`
    const count = counts.get(id) ?? { sex: v.sex, age: v.age, n: 0 }
    count.n += 1
    counts.set(id, count)
  }
  return headlineOf([...counts.values()])
}

/** The same choice from how many whole-area values each sex and age has, as SQL counts them. */
export function headlineOf(counts: readonly { sex: Sex; age: string; n: number }[]): HeadlineKey | null {
  if (!counts.length) return null
  const sexes: Sex[] = ['persons', 'female', 'male']
  const sex = sexes.find((s) => counts.some((c) => c.sex === s))!
  const age = counts.filter((c) => c.sex === sex).sort((a, b) => b.n - a.n || a.age.localeCompare(b.age))[0]!.age
  return { sex, age }
}

export const isHeadline = (v: ShownValue, key: HeadlineKey | null) => key != null && v.categoryType === '' && v.sex === key.sex && v.age === key.age

/** The latest period any of the values has, or null for none. */
export function latestPeriod(values: readonly ShownValue[]): string | null {
  return values.reduce<string | null>((latest, v) => (latest == null || v.periodStartsOn > latest ? v.periodStartsOn : latest), null)
}

/** The limits the indicator's comparison method judges with: 99.8% when it says so, 95% otherwise. */
export function comparisonLimits(method: ComparisonMethod, shown: ShownFigures): { value: number | null; lower: number | null; upper: number | null } {
  return method === 'ci-99.8'
    ? { value: shown.value, lower: shown.lower998, upper: shown.upper998 }
    : { value: shown.value, lower: shown.lower95, upper: shown.upper95 }
}

/** Compared with a reference as the indicator's method and polarity say; an indicator compared by no method is never judged. */
export function compared(method: ComparisonMethod, polarity: Polarity, shown: ShownFigures, reference: number | null): BenchmarkComparison {
  if (method === 'none') return 'not-compared'
  return compareWithBenchmark(comparisonLimits(method, shown), reference, polarity)
}

/** "Worse than England", "Similar to Oldham": the words a bar carries, so its meaning never rests on colour. */
export function comparisonWords(comparison: BenchmarkComparison, referenceName: string): string {
  switch (comparison) {
    case 'better':
      return `Better than ${referenceName}`
    case 'worse':
      return `Worse than ${referenceName}`
    case 'similar':
      return `Similar to ${referenceName}`
    case 'higher':
      return `Higher than ${referenceName}`
    case 'lower':
      return `Lower than ${referenceName}`
    case 'not-compared':
      return 'Not compared'
  }
}

export interface TrendRow {
  periodStartsOn: string
  period: string
  value: ShownValue | null
  benchmark: number | null
  target: number | null
}

/** One row a period: the area's headline value, the benchmark's and the target's, for every period any of them has. */
export function trendRows(
  values: readonly ShownValue[],
  options: {
    areaCode: string
    benchmarkCode: string
    key: HeadlineKey | null
    targets: ReadonlyMap<string, number>
    periodLabel: (startsOn: string) => string
  },
): TrendRow[] {
  const headline = values.filter((v) => isHeadline(v, options.key))
  const own = new Map(headline.filter((v) => v.areaCode === options.areaCode).map((v) => [v.periodStartsOn, v]))
  const benchmark = new Map(headline.filter((v) => v.areaCode === options.benchmarkCode).map((v) => [v.periodStartsOn, v.shown.value]))
  const periods = [...new Set([...own.keys(), ...(own.size ? benchmark.keys() : []), ...options.targets.keys()])].sort()
  return periods.map((p) => ({
    periodStartsOn: p,
    period: options.periodLabel(p),
    value: own.get(p) ?? null,
    benchmark: benchmark.get(p) ?? null,
    target: options.targets.get(p) ?? null,
  }))
}

export interface BreakdownSet {
  /** "Localities", or the breakdown's name such as "Deprivation quintile within the area (IMD)". */
  title: string
  kind: 'locality' | 'group'
  /** Every period the set has values for, oldest first, each with its rows in order. */
  periods: { periodStartsOn: string; rows: ShownValue[] }[]
}

/**
 * The area's breakdowns: its localities (the partnership's own wards and
 * localities) and each group breakdown of its own area, ordered by the
 * groups' rank (most deprived first) then name. Group rows keep to the
 * headline's sex and age where they have it, so like is set beside like.
 */
export function breakdownSets(
  values: readonly ShownValue[],
  options: { areaCode: string; key: HeadlineKey | null; localityCodes: ReadonlySet<string> },
): BreakdownSet[] {
  const sets: BreakdownSet[] = []
  const localities = values.filter((v) => options.localityCodes.has(v.areaCode) && isHeadline(v, options.key))
  if (localities.length) sets.push({ title: 'Localities', kind: 'locality', periods: byPeriod(localities, (a, b) => a.areaName.localeCompare(b.areaName)) })
  const grouped = values.filter((v) => v.areaCode === options.areaCode && v.categoryType !== '')
  for (const type of [...new Set(grouped.map((v) => v.categoryType))].sort()) {
    const ofType = grouped.filter((v) => v.categoryType === type)
    const matching = ofType.filter((v) => options.key && v.sex === options.key.sex && v.age === options.key.age)
    const rows = matching.length ? matching : ofType
    sets.push({
      title: type,
      kind: 'group',
      periods: byPeriod(rows, (a, b) => (a.categoryRank ?? Infinity) - (b.categoryRank ?? Infinity) || a.category.localeCompare(b.category)),
    })
  }
  return sets
}

function byPeriod(rows: readonly ShownValue[], order: (a: ShownValue, b: ShownValue) => number): BreakdownSet['periods'] {
  const periods = [...new Set(rows.map((r) => r.periodStartsOn))].sort()
  return periods.map((p) => ({ periodStartsOn: p, rows: rows.filter((r) => r.periodStartsOn === p).sort(order) }))
}

/** A row's name in a breakdown: the locality's, or the group's. */
export const rowLabel = (v: ShownValue, kind: BreakdownSet['kind']) => (kind === 'locality' ? v.areaName : v.category)
