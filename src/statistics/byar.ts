import { zFor } from './confidence.ts'
import { StatisticsInputError } from './errors.ts'
import { finiteOrNull } from './estimate.ts'

// Byar's approximation to the exact Poisson limits of a count (Breslow & Day
// 1987). Accurate from about 10 events, and cheap, so PHE uses it for counts
// of 10 or more and the exact method below that.

function assertCount(x: number): void {
  if (x < 0) throw new StatisticsInputError(`The count (${x}) cannot be negative`)
}

/** Lower limit of the count x; null where the approximation goes negative (tiny x, high confidence). */
export function byarLower(x: number, confidence: number): number | null {
  assertCount(x)
  const z = zFor(confidence)
  const lower = x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3
  return lower < 0 ? null : finiteOrNull(lower)
}

/** Upper limit of the count x. */
export function byarUpper(x: number, confidence: number): number {
  assertCount(x)
  const z = zFor(confidence)
  return (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3
}
