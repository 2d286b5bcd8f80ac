import { chiSquareQuantile, normalQuantile } from './distributions.ts'

/**
 * P(a ≤ X ≤ b) for X ~ Poisson(mean), summing terms until they vanish and
 * rescaling to avoid overflow: PHEindicatormethods' poisson_cis, taken from
 * the APHO funnel-plot spreadsheet macro that Fingertips charts follow.
 */
export function poissonProbabilityBetween(mean: number, a: number, b: number): number {
  let term = 1
  let total = 0
  let within = 0
  for (let k = 0; k <= mean || term > total * 1e-10;) {
    total += term
    if (k >= a && k <= b) within += term
    if (total > 1e30) {
      within /= 1e30
      total /= 1e30
      term /= 1e30
    }
    k++
    term *= mean / k
  }
  return within / total
}

/**
 * The Poisson mean at which `observed` events sit exactly on a funnel limit
 * with one-sided tail probability p (0.025 or 0.001), by bisection to 1e-7:
 * 'high' finds the mean with P(X ≤ observed) = p, 'low' the mean with
 * P(X ≥ observed) = p (PHEindicatormethods' poisson_funnel).
 */
export function poissonFunnelMean(observed: number, p: number, side: 'low' | 'high'): number {
  let v = 0.5
  let dv = 0.5
  const mean = (x: number) => ((1 + observed) * x) / (1 - x)
  while (dv > 1e-7) {
    dv /= 2
    const tail = side === 'low' ? poissonProbabilityBetween(mean(v), observed, 1e10) : poissonProbabilityBetween(mean(v), 0, observed)
    const tooHigh = side === 'low' ? tail > p : tail < p
    v = tooHigh ? v - dv : v + dv
  }
  return mean(v)
}

/**
 * The confidence bound on observed ÷ expected at two-sided confidence p (0.95
 * or 0.998): exact χ² below 10 events, Byar's approximation from 10
 * (PHEindicatormethods' funnel_ratio_significance). A point is significantly
 * high when the reference (1 for ratios, the average for rates) is below its
 * lower bound, and low when it is above its upper bound.
 */
export function observedOverExpectedBound(observed: number, expected: number, p: number, side: 'low' | 'high'): number {
  const tail = 0.5 + p / 2
  let bound: number
  if (observed === 0 && side === 'low') {
    bound = 0
  } else if (observed < 10) {
    bound = side === 'low' ? chiSquareQuantile(1 - tail, 2 * observed) / 2 : chiSquareQuantile(tail, 2 * observed + 2) / 2
  } else {
    const z = normalQuantile(tail)
    const o = side === 'low' ? observed : observed + 1
    bound = o * (1 - 1 / (9 * o) + (side === 'low' ? -1 : 1) * (z / 3 / Math.sqrt(o))) ** 3
  }
  return bound / expected
}
