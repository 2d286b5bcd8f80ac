import { DSR_MINIMUM_COUNT } from './dsr.ts'
import { StatisticsInputError } from './errors.ts'
import { axisRange, funnelAxis } from './funnel-axis.ts'
import { observedOverExpectedBound, poissonFunnelMean } from './funnel-poisson.ts'
import type { FunnelLimitsRow, FunnelSignificance } from './funnel-significance.ts'

export type FunnelRateType = 'dsr' | 'crude'

export interface FunnelRatePoint {
  events: number
  /** The published rate, per `multiplier`; a DSR with no events may have none. */
  rate: number | null
  /** Needed for crude rates with no events, whose population cannot be recovered from the rate. */
  denominator?: number | null
}

export interface FunnelRateOptions {
  rateType: FunnelRateType
  /** The rate's "per": 100,000 for a rate per 100,000. */
  multiplier: number
  /** Years pooled in each value, so populations are shown per year. */
  yearsOfData: number
}

/** One row of a rate funnel: limits per multiplier, and the one-year population at which each is reached. */
export interface FunnelRateRow extends FunnelLimitsRow {
  populationPerYear: { lower95: number; upper95: number; lower998: number; upper998: number }
}

function check(points: readonly FunnelRatePoint[], options: FunnelRateOptions): void {
  if (points.length === 0) throw new StatisticsInputError('A funnel needs at least one point')
  if (!(options.multiplier > 0)) throw new StatisticsInputError(`The multiplier (${options.multiplier}) must be greater than zero`)
  if (!(options.yearsOfData > 0)) throw new StatisticsInputError(`The years of data (${options.yearsOfData}) must be greater than zero`)
  for (const { events, rate, denominator } of points) {
    if (events < 0) throw new StatisticsInputError(`An event count (${events}) cannot be negative`)
    if (events > 0 && !(rate != null && rate > 0)) throw new StatisticsInputError(`A rate from ${events} events must be greater than zero (got ${rate})`)
    if (denominator != null && !(denominator > 0)) throw new StatisticsInputError(`A denominator (${denominator}) must be greater than zero`)
    if (events === 0 && denominator == null && options.rateType === 'crude') {
      throw new StatisticsInputError('A crude rate with no events needs its denominator: it cannot be recovered from the rate')
    }
  }
}

/**
 * The population behind each rate: events ÷ rate × multiplier (a DSR's
 * "equivalent population"), or the denominator given. A DSR with no events has
 * none, and is left out of the average.
 */
function derivedDenominators(points: readonly FunnelRatePoint[], options: FunnelRateOptions): (number | null)[] {
  return points.map(({ events, rate, denominator }) => {
    if (options.rateType === 'dsr') return events === 0 ? null : (options.multiplier * events) / rate!
    // PHEindicatormethods' significance test recomputes it from the rate when there are events; for a
    // crude rate that is the same number (rate = events / denominator × multiplier), so the given one is used.
    if (denominator != null) return denominator
    return (options.multiplier * events) / rate!
  })
}

function average(points: readonly FunnelRatePoint[], denominators: readonly (number | null)[]): number {
  const events = points.reduce((sum, p) => sum + p.events, 0)
  return events / denominators.reduce((sum: number, d) => sum + (d ?? 0), 0)
}

/**
 * Funnel limits for crude or directly standardised rates at 100 event counts,
 * from exact Poisson limits around the average rate, as PHEindicatormethods'
 * calculate_funnel_limits(statistic = "rate").
 */
export function rateFunnelLimits(points: readonly FunnelRatePoint[], options: FunnelRateOptions): { baseline: number; rows: FunnelRateRow[] } {
  check(points, options)
  const denominators = derivedDenominators(points, options)
  const av = average(points, denominators)
  const present = denominators.filter((d): d is number => d != null)
  const range = axisRange(present, options.yearsOfData)
  const events = funnelAxis(Math.floor(range.minimum * av), Math.ceil(range.maximum * av), 100)
  const rows = events.map((x) => {
    const population = {
      lower95: poissonFunnelMean(x, 0.025, 'high') / av,
      upper95: poissonFunnelMean(x, 0.025, 'low') / av,
      lower998: poissonFunnelMean(x, 0.001, 'high') / av,
      upper998: poissonFunnelMean(x, 0.001, 'low') / av,
    }
    const perYear = (p: number) => p / options.yearsOfData
    return {
      x,
      lower95: (x / population.lower95) * options.multiplier,
      upper95: (x / population.upper95) * options.multiplier,
      lower998: (x / population.lower998) * options.multiplier,
      upper998: (x / population.upper998) * options.multiplier,
      populationPerYear: {
        lower95: perYear(population.lower95),
        upper95: perYear(population.upper95),
        lower998: perYear(population.lower998),
        upper998: perYear(population.upper998),
      },
    }
  })
  return { baseline: av * options.multiplier, rows }
}

/**
 * Each rate against the group's weighted average rate. DSRs from fewer than 10
 * events are not assessed, as they are not published.
 */
export function rateFunnelSignificance(points: readonly FunnelRatePoint[], options: FunnelRateOptions): FunnelSignificance[] {
  check(points, options)
  const denominators = derivedDenominators(points, options)
  const av = average(points, denominators)
  return points.map(({ events }, i) => {
    if (options.rateType === 'dsr' && events < DSR_MINIMUM_COUNT) return 'not-applicable'
    const denominator = denominators[i]
    if (denominator == null) return 'not-significant'
    const bound = (p: number, side: 'low' | 'high') => observedOverExpectedBound(events, denominator, p, side)
    if (av < bound(0.998, 'low')) return 'high-99.8'
    if (av < bound(0.95, 'low')) return 'high-95'
    if (av > bound(0.998, 'high')) return 'low-99.8'
    if (av > bound(0.95, 'high')) return 'low-95'
    return 'not-significant'
  })
}

/**
 * Where to plot each rate on the funnel: the rate (none for a DSR below 10
 * events) against its one-year population (PHEindicatormethods'
 * calculate_funnel_points).
 */
export function rateFunnelPoints(points: readonly FunnelRatePoint[], options: FunnelRateOptions): { rate: number | null; populationPerYear: number | null }[] {
  check(points, options)
  return points.map(({ events, rate, denominator }) => {
    if (options.rateType === 'dsr' && events < DSR_MINIMUM_COUNT) return { rate: null, populationPerYear: null }
    const population = options.rateType === 'crude' && events === 0 && denominator != null ? denominator : (options.multiplier * events) / rate!
    return { rate, populationPerYear: population / options.yearsOfData }
  })
}
