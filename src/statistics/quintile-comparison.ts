import type { Polarity } from './polarity.ts'

export type QuintileComparison = 'best' | 'better' | 'middle' | 'worse' | 'worst' | 'highest' | 'high' | 'low' | 'lowest' | 'not-compared'

/** Fingertips needs at least five values before it will cut them into fifths. */
export const QUINTILE_MINIMUM_VALUES = 5

/**
 * The boundaries Fingertips (fingertips-open QuintilesCalculator) cuts a group
 * at: minimum, 20th, 40th, 60th, 80th percentiles and maximum, with Excel's
 * PERCENTILE.INC interpolation, rounded to 10 decimals as Fingertips does to
 * hide floating-point noise. null for fewer than five values.
 */
export function quintileBounds(values: readonly number[]): number[] | null {
  if (values.length < QUINTILE_MINIMUM_VALUES) return null
  const sorted = [...values].sort((a, b) => a - b)
  const percentile = (fraction: number): number => {
    const position = (sorted.length - 1) * fraction + 1
    const k = Math.floor(position)
    if (k >= sorted.length) return sorted[sorted.length - 1]!
    const interpolated = sorted[k - 1]! + (position - k) * (sorted[k]! - sorted[k - 1]!)
    return Number(interpolated.toFixed(10))
  }
  // step × i, not literal 0.6, so the floating-point positions match Fingertips' exactly.
  const step = 1 / 5
  return [sorted[0]!, ...[1, 2, 3, 4].map((i) => percentile(step * i)), sorted[sorted.length - 1]!]
}

const RAG_BY_QUINTILE = ['worst', 'worse', 'middle', 'better', 'best'] as const
const BLUE_BY_QUINTILE = ['lowest', 'low', 'middle', 'high', 'highest'] as const

/**
 * Places an area's value among its comparator group (e.g. all English
 * authorities) by quintile, as Fingertips' "Quintiles" benchmarking method:
 * quintile 1 holds the lowest values; the first band whose upper bound is at
 * least the value wins, so ties at a boundary go to the lower quintile.
 * Polarity turns the quintile into best…worst (high-is-good: 5 is best), or
 * lowest…highest when there is no judgement. The group should include the area.
 */
export function compareByQuintile(
  value: number | null,
  group: readonly number[],
  polarity: Polarity,
): { quintile: number | null; comparison: QuintileComparison } {
  const bounds = quintileBounds(group)
  if (value == null || bounds == null) return { quintile: null, comparison: 'not-compared' }
  const index = bounds.slice(1).findIndex((bound) => value <= bound)
  if (index < 0) return { quintile: null, comparison: 'not-compared' }
  const quintile = index + 1
  if (polarity === 'no-judgement') return { quintile, comparison: BLUE_BY_QUINTILE[index]! }
  const goodIndex = polarity === 'high-is-good' ? index : 4 - index
  return { quintile, comparison: RAG_BY_QUINTILE[goodIndex]! }
}
