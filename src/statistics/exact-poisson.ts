import { confidenceFraction } from './confidence.ts'
import { chiSquareQuantile } from './distributions.ts'
import { StatisticsInputError } from './errors.ts'

/**
 * Exact Poisson limits of a count x, from the χ² distribution (Garwood's
 * method). Used below 10 events, where Byar's approximation is poor.
 */
export function exactPoissonLimits(x: number, confidence: number): { lower: number; upper: number } {
  if (x < 0) throw new StatisticsInputError(`The count (${x}) cannot be negative`)
  const c = confidenceFraction(confidence)
  // No events: the lower limit is zero (χ² with 0 degrees of freedom is a point mass at 0).
  const lower = x === 0 ? 0 : chiSquareQuantile((1 - c) / 2, 2 * x) / 2
  const upper = chiSquareQuantile(c + (1 - c) / 2, 2 * x + 2) / 2
  return { lower, upper }
}
