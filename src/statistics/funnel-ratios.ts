import { StatisticsInputError } from './errors.ts'
import { axisRange, funnelAxis } from './funnel-axis.ts'
import { observedOverExpectedBound, poissonFunnelMean } from './funnel-poisson.ts'
import type { FunnelLimitsRow, FunnelSignificance } from './funnel-significance.ts'

export interface FunnelRatioPoint {
  observed: number
  expected: number
}

/** One row of a ratio funnel: the limits as ratios, and the expected events at which they are reached. */
export interface FunnelRatioRow extends FunnelLimitsRow {
  expectedAt: { lower95: number; upper95: number; lower998: number; upper998: number }
}

function check(points: readonly FunnelRatioPoint[]): void {
  if (points.length === 0) throw new StatisticsInputError('A funnel needs at least one point')
  for (const { observed, expected } of points) {
    if (observed < 0) throw new StatisticsInputError(`An observed count (${observed}) cannot be negative`)
    if (!(expected > 0)) throw new StatisticsInputError(`An expected count (${expected}) must be greater than zero`)
  }
}

/**
 * Funnel limits for observed/expected ratios (e.g. SMRs) at 100 observed
 * counts, from exact Poisson limits, as PHEindicatormethods'
 * calculate_funnel_limits(statistic = "ratio"). `ratioType` 'count' expresses
 * each limit as a relative excess (ratio − 1); 'isr' as a ratio × 100.
 */
export function ratioFunnelLimits(points: readonly FunnelRatioPoint[], ratioType: 'count' | 'isr'): FunnelRatioRow[] {
  check(points)
  const { minimum, maximum } = axisRange(points.map((p) => p.expected))
  const express = (ratio: number) => (ratioType === 'count' ? ratio - 1 : ratio * 100)
  return funnelAxis(minimum, maximum, 99).map((observed) => {
    const expectedAt = {
      lower95: poissonFunnelMean(observed, 0.025, 'high'),
      upper95: poissonFunnelMean(observed, 0.025, 'low'),
      lower998: poissonFunnelMean(observed, 0.001, 'high'),
      upper998: poissonFunnelMean(observed, 0.001, 'low'),
    }
    return {
      x: observed,
      lower95: express(observed / expectedAt.lower95),
      upper95: express(observed / expectedAt.upper95),
      lower998: express(observed / expectedAt.lower998),
      upper998: express(observed / expectedAt.upper998),
      expectedAt,
    }
  })
}

/** Each ratio against 1: significantly high when 1 is below its lower bound, low when above its upper bound. */
export function ratioFunnelSignificance(points: readonly FunnelRatioPoint[]): FunnelSignificance[] {
  check(points)
  return points.map(({ observed, expected }) => {
    if (1 < observedOverExpectedBound(observed, expected, 0.998, 'low')) return 'high-99.8'
    if (1 < observedOverExpectedBound(observed, expected, 0.95, 'low')) return 'high-95'
    if (1 > observedOverExpectedBound(observed, expected, 0.998, 'high')) return 'low-99.8'
    if (1 > observedOverExpectedBound(observed, expected, 0.95, 'high')) return 'low-95'
    return 'not-significant'
  })
}
