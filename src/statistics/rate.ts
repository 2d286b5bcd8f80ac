import { confidenceLevels, type Confidence } from './confidence.ts'
import { countLimits, countMethod, type CountMethod } from './count-limits.ts'
import { StatisticsInputError } from './errors.ts'
import type { Estimate } from './estimate.ts'

export interface RateOptions {
  /** Rate per how many: default 100,000, as phe_rate. */
  multiplier?: number
  confidence?: Confidence
}

export interface RateEstimate extends Estimate {
  /** How the limits were found; null when there is no count. */
  method: CountMethod | null
}

/**
 * Crude rate x/n × multiplier, as PHEindicatormethods' phe_rate: the count is
 * treated as Poisson, so its limits are exact below 10 events and Byar's from
 * 10, then scaled by the same n and multiplier. Unlike a proportion, x may
 * exceed n (more admissions than residents).
 */
export function crudeRate(x: number | null, n: number | null, options: RateOptions = {}): RateEstimate {
  const multiplier = options.multiplier ?? 100000
  const levels = confidenceLevels(options.confidence)
  if (x != null && x < 0) throw new StatisticsInputError(`The count (${x}) cannot be negative`)
  if (n != null && n <= 0) throw new StatisticsInputError(`The denominator (${n}) must be greater than zero`)
  const method = x == null ? null : countMethod(x)
  if (x == null || n == null) {
    return { value: null, limits: levels.map((confidence) => ({ confidence, lower: null, upper: null })), method }
  }
  const scale = (limit: number | null) => (limit == null ? null : (limit / n) * multiplier)
  const limits = levels.map((confidence) => {
    const { lower, upper } = countLimits(x, confidence)
    return { confidence, lower: scale(lower), upper: scale(upper) }
  })
  return { value: (x / n) * multiplier, limits, method }
}
