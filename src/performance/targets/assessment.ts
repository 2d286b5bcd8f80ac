import {
  compareAtTwoLevels,
  compareByQuintile,
  compareWithBenchmark,
  recentTrend,
  RECENT_TREND_LABELS,
  type RecentTrend,
  type TrendValueType,
} from '../../statistics/index.ts'
import type { ComparisonMethod, PeriodType, Polarity, ValueType } from '../../platform/db/performance-tables.ts'
import { type ShownFigures, nextPeriodStart } from '../indicator-values/index.ts'

// What sits beside every RAG so nobody mistakes noise for change: the
// statistical comparison with the benchmark by the indicator's own method, the
// recent trend (Fingertips' test), and the plain direction of the last change.

/** Comparison outcomes folded for filtering: the words Fingertips colours by. */
export type ComparisonGroup = 'better' | 'similar' | 'worse' | 'higher-or-lower' | 'not-compared'

export interface Comparison {
  group: ComparisonGroup
  text: string
}

const fold: Record<string, ComparisonGroup> = {
  best: 'better',
  better: 'better',
  similar: 'similar',
  middle: 'similar',
  worse: 'worse',
  worst: 'worse',
  highest: 'higher-or-lower',
  higher: 'higher-or-lower',
  high: 'higher-or-lower',
  low: 'higher-or-lower',
  lower: 'higher-or-lower',
  lowest: 'higher-or-lower',
  'not-compared': 'not-compared',
}

export const comparisonGroupLabels: Record<ComparisonGroup, string> = {
  better: 'Better',
  similar: 'Similar',
  worse: 'Worse',
  'higher-or-lower': 'Higher or lower (no judgement)',
  'not-compared': 'Not compared',
}

const quintileWords: Record<string, string> = {
  best: 'Best fifth',
  better: 'Second best fifth',
  middle: 'Middle fifth',
  worse: 'Second worst fifth',
  worst: 'Worst fifth',
  highest: 'Highest fifth',
  high: 'Second highest fifth',
  low: 'Second lowest fifth',
  lowest: 'Lowest fifth',
}

/**
 * The area's value against the benchmark by the indicator's comparison method:
 * the benchmark inside the 95% or 99.8% interval (similar) or outside it
 * (better/worse with polarity, higher/lower without); two levels; or its
 * fifth among the group's values (which should include the area's own).
 */
export function compareFigures(
  method: ComparisonMethod,
  polarity: Polarity,
  shown: Pick<ShownFigures, 'value' | 'lower95' | 'upper95' | 'lower998' | 'upper998'>,
  benchmark: { name: string; value: number | null; groupValues: readonly number[] },
): Comparison {
  const name = benchmark.name
  const words = (result: string, level: string): string => {
    if (result === 'similar') return `Similar to ${name}`
    if (result === 'better' || result === 'worse' || result === 'higher' || result === 'lower')
      return `${result[0]!.toUpperCase()}${result.slice(1)} than ${name} (${level})`
    return ''
  }
  const notCompared = (why: string): Comparison => ({ group: 'not-compared', text: `Not compared: ${why}` })
  if (method === 'none') return notCompared('the indicator is not benchmarked')
  if (method === 'quintiles') {
    const { comparison } = compareByQuintile(shown.value, benchmark.groupValues, polarity)
    if (comparison === 'not-compared') return notCompared(`fewer than 5 values in ${name}`)
    return { group: fold[comparison]!, text: `${quintileWords[comparison]} of ${name}` }
  }
  if (method === 'two-level') {
    const result = compareAtTwoLevels(shown, benchmark.value, polarity)
    if (result === 'not-compared') return notCompared(benchmark.value == null ? `no value for ${name}` : 'the value has no 95% and 99.8% intervals')
    if (result === 'best' || result === 'worst') return { group: fold[result]!, text: `${result === 'best' ? 'Better' : 'Worse'} than ${name} (99.8%)` }
    if (result === 'highest' || result === 'lowest') return { group: fold[result]!, text: `${result === 'highest' ? 'Higher' : 'Lower'} than ${name} (99.8%)` }
    return { group: fold[result]!, text: words(result, '95%') }
  }
  const at95 = method === 'ci-95'
  const limits = { value: shown.value, lower: at95 ? shown.lower95 : shown.lower998, upper: at95 ? shown.upper95 : shown.upper998 }
  const result = compareWithBenchmark(limits, benchmark.value, polarity)
  if (result === 'not-compared') return notCompared(benchmark.value == null ? `no value for ${name}` : `the value has no ${at95 ? '95%' : '99.8%'} interval`)
  return { group: fold[result]!, text: words(result, at95 ? '95%' : '99.8%') }
}

export interface SeriesPoint {
  startsOn: string
  count: number | null
  denominator: number | null
  value: number | null
  lower95: number | null
  upper95: number | null
}

const trendValueType = (valueType: ValueType): TrendValueType =>
  valueType === 'proportion' || valueType === 'crude-rate' || valueType === 'directly-standardised-rate' ? valueType : 'other'

export interface Trend {
  trend: RecentTrend
  text: string
}

/**
 * Fingertips' recent trend over the five periods up to `upTo` (the latest when
 * not given). The five must follow one another with no gap: a trend across a
 * missing year would claim more than the data shows.
 */
export function trendOf(points: readonly SeriesPoint[], options: { periodType: PeriodType; valueType: ValueType; polarity: Polarity; upTo?: string }): Trend {
  const cannot = (): Trend => ({
    trend: 'cannot-be-calculated',
    text: `${RECENT_TREND_LABELS['cannot-be-calculated']}: needs 5 periods in a row with counts and denominators`,
  })
  const upTo = options.upTo
  const recent = [...points]
    .filter((p) => (upTo ? p.startsOn <= upTo : true))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
    .slice(-5)
  if (recent.length < 5) return cannot()
  for (let i = 1; i < recent.length; i++) if (nextPeriodStart(options.periodType, recent[i - 1]!.startsOn) !== recent[i]!.startsOn) return cannot()
  const yearRange = options.periodType === 'rolling-3-years' ? 3 : 1
  const { trend } = recentTrend(recent, { polarity: options.polarity, valueType: trendValueType(options.valueType), yearRange })
  return { trend, text: trend === 'cannot-be-calculated' ? cannot().text : RECENT_TREND_LABELS[trend] }
}

export type Direction = 'better' | 'worse' | 'no-change' | 'higher' | 'lower' | 'no-earlier-value'

export const directionLabels: Record<Direction, string> = {
  better: 'Better',
  worse: 'Worse',
  'no-change': 'No change',
  higher: 'Higher',
  lower: 'Lower',
  'no-earlier-value': 'No earlier value',
}

/** The last change in plain words, at the decimal places the indicator is published to: a direction, not a test of significance. */
export function directionOf(latest: number | null, previous: number | null, polarity: Polarity, places: number): Direction {
  if (latest == null || previous == null) return 'no-earlier-value'
  const change = Number(latest.toFixed(places)) - Number(previous.toFixed(places))
  if (change === 0) return 'no-change'
  if (polarity === 'no-judgement') return change > 0 ? 'higher' : 'lower'
  return change > 0 === (polarity === 'high-is-good') ? 'better' : 'worse'
}
