import { normalQuantile } from './distributions.ts'
import { StatisticsInputError } from './errors.ts'
import { axisRange, funnelAxis } from './funnel-axis.ts'
import type { FunnelLimitsRow, FunnelSignificance } from './funnel-significance.ts'

export interface FunnelProportionPoint {
  numerator: number
  denominator: number
}

/**
 * The control limit at `population` for a funnel around `average` (Σnum/Σden),
 * with one-sided probability p (0.975 for 2σ, 0.999 for 3σ): the Wilson score
 * limits around the average, solved for the observed proportion, as
 * PHEindicatormethods' sigma_adjustment.
 */
export function proportionFunnelLimit(p: number, population: number, average: number, side: 'low' | 'high', multiplier = 100): number {
  const z2 = normalQuantile(p) ** 2
  const first = average * (population / z2 + 1)
  const adjustment = Math.sqrt(
    (-8 * average * (population / z2 + 1)) ** 2 -
      64 * (1 / z2 + 1 / population) * average * (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1)),
  )
  const last = 1 / z2 + 1 / population
  const limit = side === 'low' ? (first - adjustment / 8) / last : (first + adjustment / 8) / last
  return (limit / population) * multiplier
}

function checkPoints(points: readonly FunnelProportionPoint[]): void {
  if (points.length === 0) throw new StatisticsInputError('A funnel needs at least one point')
  for (const { numerator, denominator } of points) {
    if (numerator < 0) throw new StatisticsInputError(`A numerator (${numerator}) cannot be negative`)
    if (!(denominator > 0)) throw new StatisticsInputError(`A denominator (${denominator}) must be greater than zero`)
    if (numerator > denominator)
      throw new StatisticsInputError(`A numerator (${numerator}) cannot be greater than its denominator (${denominator}) for a proportion`)
  }
}

function averageOf(points: readonly FunnelProportionPoint[]): number {
  return points.reduce((sum, p) => sum + p.numerator, 0) / points.reduce((sum, p) => sum + p.denominator, 0)
}

/**
 * The 95% (2σ) and 99.8% (3σ) funnel limits for proportions at 100 populations
 * spanning the data, as PHEindicatormethods' calculate_funnel_limits. Limits
 * are clipped to 0 and, as in the original, to 100 whatever the multiplier.
 */
export function proportionFunnelLimits(
  points: readonly FunnelProportionPoint[],
  options: { multiplier?: number } = {},
): { baseline: number; rows: FunnelLimitsRow[] } {
  checkPoints(points)
  const multiplier = options.multiplier ?? 100
  const average = averageOf(points)
  const { minimum, maximum } = axisRange(points.map((p) => p.denominator))
  const rows = funnelAxis(minimum, maximum, 100).map((x) => ({
    x,
    lower95: Math.max(0, proportionFunnelLimit(0.975, x, average, 'low', multiplier)),
    upper95: Math.min(100, proportionFunnelLimit(0.975, x, average, 'high', multiplier)),
    lower998: Math.max(0, proportionFunnelLimit(0.999, x, average, 'low', multiplier)),
    upper998: Math.min(100, proportionFunnelLimit(0.999, x, average, 'high', multiplier)),
  }))
  return { baseline: average * multiplier, rows }
}

/** Each point against the funnel around the group's average, strongest finding first. */
export function proportionFunnelSignificance(points: readonly FunnelProportionPoint[]): FunnelSignificance[] {
  checkPoints(points)
  const average = averageOf(points)
  return points.map(({ numerator, denominator }) => {
    const observed = numerator / denominator
    const limit = (p: number, side: 'low' | 'high') => proportionFunnelLimit(p, denominator, average, side, 1)
    if (observed < limit(0.999, 'low')) return 'low-99.8'
    if (observed < limit(0.975, 'low')) return 'low-95'
    if (observed > limit(0.999, 'high')) return 'high-99.8'
    if (observed > limit(0.975, 'high')) return 'high-95'
    return 'not-significant'
  })
}
