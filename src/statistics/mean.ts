import { confidenceLevels, type Confidence } from './confidence.ts'
import { studentTQuantile } from './distributions.ts'
import { StatisticsInputError } from './errors.ts'
import type { Estimate } from './estimate.ts'

export interface MeanEstimate extends Estimate {
  sum: number
  count: number
  /** Sample standard deviation (n − 1); null for fewer than two values. */
  standardDeviation: number | null
}

/**
 * Mean of individual values with Student's t limits, as PHEindicatormethods'
 * phe_mean: value ± t(N−1)·sd/√N. t, not z, because the spread is estimated
 * from the same small sample.
 */
export function mean(values: readonly number[], options: { confidence?: Confidence } = {}): MeanEstimate {
  const levels = confidenceLevels(options.confidence)
  for (const v of values) {
    if (!Number.isFinite(v)) throw new StatisticsInputError(`Every value must be a number (got ${v})`)
  }
  const count = values.length
  const sum = values.reduce((total, v) => total + v, 0)
  const value = count === 0 ? null : sum / count
  if (value == null || count < 2) {
    return { sum, count, standardDeviation: null, value, limits: levels.map((confidence) => ({ confidence, lower: null, upper: null })) }
  }
  const standardDeviation = Math.sqrt(values.reduce((total, v) => total + (v - value) ** 2, 0) / (count - 1))
  const standardError = standardDeviation / Math.sqrt(count)
  const limits = levels.map((confidence) => {
    const t = Math.abs(studentTQuantile((1 - confidence) / 2, count - 1))
    return { confidence, lower: value - t * standardError, upper: value + t * standardError }
  })
  return { sum, count, standardDeviation, value, limits }
}
