import { confidenceLevels, type Confidence } from './confidence.ts'
import { StatisticsInputError } from './errors.ts'
import type { Estimate } from './estimate.ts'
import { wilsonLimits } from './wilson.ts'

export interface ProportionOptions {
  /** 1 for a proportion, 100 for a percentage. Default 1, as phe_proportion. */
  multiplier?: number
  confidence?: Confidence
}

/**
 * x/n × multiplier with Wilson limits, as PHEindicatormethods' phe_proportion.
 * A missing count or denominator gives a missing value and limits; impossible
 * ones (x < 0, n ≤ 0, x > n) are refused rather than published.
 */
export function proportion(x: number | null, n: number | null, options: ProportionOptions = {}): Estimate {
  const multiplier = options.multiplier ?? 1
  const levels = confidenceLevels(options.confidence)
  // Checked before the missing-value case so that a bad half-row is never silently dropped.
  if (x != null && x < 0) throw new StatisticsInputError(`The count (${x}) cannot be negative`)
  if (n != null && n <= 0) throw new StatisticsInputError(`The denominator (${n}) must be greater than zero`)
  if (x == null || n == null) {
    return { value: null, limits: levels.map((confidence) => ({ confidence, lower: null, upper: null })) }
  }
  const limits = levels.map((confidence) => {
    const { lower, upper } = wilsonLimits(x, n, confidence)
    return { confidence, lower: lower * multiplier, upper: upper * multiplier }
  })
  return { value: (x / n) * multiplier, limits }
}
