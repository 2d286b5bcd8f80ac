import normalQuantileOf from '@stdlib/stats-base-dists-normal-quantile'
import chiSquareQuantileOf from '@stdlib/stats-base-dists-chisquare-quantile'
import studentTQuantileOf from '@stdlib/stats-base-dists-t-quantile'

// Inverse distribution functions come from stdlib, a maintained library that
// agrees with R's qnorm/qchisq/qt to ~1e-15: the reference figures were made in R.

/** Standard normal quantile: the z with P(Z ≤ z) = p. */
export function normalQuantile(p: number): number {
  return normalQuantileOf(p, 0, 1)
}

/** χ² quantile with `degreesOfFreedom` (> 0): the x with P(X ≤ x) = p. */
export function chiSquareQuantile(p: number, degreesOfFreedom: number): number {
  return chiSquareQuantileOf(p, degreesOfFreedom)
}

/** Student's t quantile with `degreesOfFreedom` (> 0): the t with P(T ≤ t) = p. */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  return studentTQuantileOf(p, degreesOfFreedom)
}
