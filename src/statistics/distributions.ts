import { createRequire } from 'node:module'
import type normalQuantileOf from '@stdlib/stats-base-dists-normal-quantile'
import type chiSquareQuantileOf from '@stdlib/stats-base-dists-chisquare-quantile'
import type studentTQuantileOf from '@stdlib/stats-base-dists-t-quantile'

// Inverse distribution functions come from stdlib, a maintained library that
// agrees with R's qnorm/qchisq/qt to ~1e-15: the reference figures were made in R.
// Each is a hundred or so small modules (a third of a second for the three), so
// each is required at its first use rather than when the service starts.

const require = createRequire(import.meta.url)
let normal: typeof normalQuantileOf | undefined
let chiSquare: typeof chiSquareQuantileOf | undefined
let studentT: typeof studentTQuantileOf | undefined

/** Standard normal quantile: the z with P(Z ≤ z) = p. */
export function normalQuantile(p: number): number {
  normal ??= require('@stdlib/stats-base-dists-normal-quantile') as typeof normalQuantileOf
  return normal(p, 0, 1)
}

/** χ² quantile with `degreesOfFreedom` (> 0): the x with P(X ≤ x) = p. */
export function chiSquareQuantile(p: number, degreesOfFreedom: number): number {
  chiSquare ??= require('@stdlib/stats-base-dists-chisquare-quantile') as typeof chiSquareQuantileOf
  return chiSquare(p, degreesOfFreedom)
}

/** Student's t quantile with `degreesOfFreedom` (> 0): the t with P(T ≤ t) = p. */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  studentT ??= require('@stdlib/stats-base-dists-t-quantile') as typeof studentTQuantileOf
  return studentT(p, degreesOfFreedom)
}
