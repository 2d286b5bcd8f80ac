import type { Polarity } from '../../platform/db/performance-tables.ts'
import type { ShownValue } from '../indicator-charts/index.ts'

// "Narrowing the gap": the distance between the best and the worst of an
// area's localities or groups, each period, and which way it is moving. Which
// end is best follows the indicator's polarity; with no judgement the gap is
// simply between the highest and the lowest.

export interface Gap {
  /** The best-off row (the highest when there is no judgement). */
  best: ShownValue
  worst: ShownValue
  /** Always positive: how far apart the two ends are. */
  size: number
  /** Whether "best" and "worst" mean anything for this indicator. */
  judged: boolean
  /** The ends' 95% intervals overlap, so the gap itself may be chance. */
  overlapping: boolean | null
}

/** The gap between the best and the worst rows with a value; null with fewer than two. */
export function gapOf(rows: readonly ShownValue[], polarity: Polarity): Gap | null {
  const valued = rows.filter((r) => r.shown.value != null)
  if (valued.length < 2) return null
  const byValue = [...valued].sort((a, b) => a.shown.value! - b.shown.value!)
  const lowest = byValue[0]!
  const highest = byValue.at(-1)!
  const [best, worst] = polarity === 'low-is-good' ? [lowest, highest] : [highest, lowest]
  const lower = lowest.shown
  const upper = highest.shown
  const overlapping = lower.upper95 == null || upper.lower95 == null ? null : lower.upper95 >= upper.lower95
  return { best, worst, size: highest.shown.value! - lowest.shown.value!, judged: polarity !== 'no-judgement', overlapping }
}

export type GapDirection = 'narrowing' | 'widening' | 'unchanged' | 'mixed' | 'too-few'

export interface GapTrend {
  direction: GapDirection
  /** The periods the direction was read over, oldest first. */
  from: string | null
  to: string | null
  periods: number
}

/**
 * Which way the gap moved over the last periods (at most `span`): narrowing
 * when it fell every period, widening when it grew every period, mixed when
 * it went both ways. Like the recent-trend test it looks only at the latest
 * run, so an old change does not colour the present.
 */
export function gapTrend(gaps: readonly { period: string; size: number | null }[], span = 3): GapTrend {
  // Only an unbroken run of periods with a gap counts: a missing period ends it.
  const run: { period: string; size: number }[] = []
  for (let i = gaps.length - 1; i >= 0 && run.length < span; i--) {
    const g = gaps[i]!
    if (g.size == null) break
    run.unshift({ period: g.period, size: g.size })
  }
  if (run.length < 2) return { direction: 'too-few', from: null, to: null, periods: run.length }
  const steps = run.slice(1).map((g, i) => Math.sign(round(g.size - run[i]!.size)))
  const direction: GapDirection = steps.every((s) => s < 0)
    ? 'narrowing'
    : steps.every((s) => s > 0)
      ? 'widening'
      : steps.every((s) => s === 0)
        ? 'unchanged'
        : 'mixed'
  return { direction, from: run[0]!.period, to: run.at(-1)!.period, periods: run.length }
}

/** Differences below a millionth are the arithmetic's, not the data's. */
const round = (n: number) => Math.round(n * 1e6) / 1e6

/** The gap's movement in words a board member reads at a glance. */
export function gapTrendWords(trend: GapTrend): string {
  switch (trend.direction) {
    case 'narrowing':
      return `The gap narrowed ${trend.periods > 2 ? 'in each period ' : ''}from ${trend.from} to ${trend.to}.`
    case 'widening':
      return `The gap widened ${trend.periods > 2 ? 'in each period ' : ''}from ${trend.from} to ${trend.to}.`
    case 'unchanged':
      return `The gap was the same from ${trend.from} to ${trend.to}.`
    case 'mixed':
      return `The gap went both ways from ${trend.from} to ${trend.to}: no steady narrowing or widening.`
    case 'too-few':
      return 'There are not yet two periods in a row to tell whether the gap is narrowing or widening.'
  }
}
