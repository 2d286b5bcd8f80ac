import { confidenceFraction, zFor } from './confidence.ts'
import { StatisticsInputError } from './errors.ts'

/**
 * Wilson score interval for a proportion x/n (Wilson 1927; Newcombe & Altman
 * 2000), as PHEindicatormethods' wilson_lower/wilson_upper. Unlike the normal
 * approximation it stays inside [0, 1] and behaves for x = 0 and x = n, which
 * is why Fingertips uses it for every proportion. Limits are on the 0–1 scale.
 */
export function wilsonLimits(x: number, n: number, confidence: number): { lower: number; upper: number } {
  if (x < 0) throw new StatisticsInputError(`The count (${x}) cannot be negative`)
  if (n <= 0) throw new StatisticsInputError(`The denominator (${n}) must be greater than zero`)
  if (x > n) throw new StatisticsInputError(`The count (${x}) cannot be greater than the denominator (${n}) for a proportion`)
  // At 100% confidence the only honest interval is everything.
  if (confidenceFraction(confidence) === 1) return { lower: 0, upper: 1 }
  const z = zFor(confidence)
  const spread = z * Math.sqrt(z ** 2 + 4 * x * (1 - x / n))
  const denominator = 2 * (n + z ** 2)
  return { lower: (2 * x + z ** 2 - spread) / denominator, upper: (2 * x + z ** 2 + spread) / denominator }
}
