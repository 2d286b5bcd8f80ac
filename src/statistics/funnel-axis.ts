import { roundHalfEven } from './r-arithmetic.ts'

/** Points along a funnel's x axis: PHEindicatormethods always draws 100. */
export const FUNNEL_POINTS = 100

// Round down/up to one or two significant figures, a little beyond the data,
// so the axis ends on a tidy number (PHEindicatormethods' signif.floor/ceiling).
// R counts digits with nchar(), which sees 1e+05 for 100000; that only happens
// for numbers already round, where the result is the same, so plain digits do.
const digits = (wholeNumber: number) => String(wholeNumber).length

export function tidyFloor(x: number): number {
  if (x === 0) return 0
  const n = digits(Math.floor(x * 0.95)) - 1
  return Math.floor((x * 0.95) / 10 ** n) * 10 ** n
}

export function tidyCeiling(x: number): number {
  if (x === 0) return 0
  const n = digits(Math.ceil(x * 1.05)) - 2
  return Math.ceil((x * 1.05) / 10 ** n) * 10 ** n
}

/**
 * 100 whole-number x positions from `minimum` (at least 1) to about `maximum`,
 * spaced geometrically so the narrow end of the funnel gets as many points as
 * the wide end. `stepsBefore` is 100 for proportions and rates and 99 for
 * ratios, reproducing PHEindicatormethods' spacing exactly.
 */
export function funnelAxis(minimum: number, maximum: number, stepsBefore: 100 | 99): number[] {
  const axis = [Math.max(1, minimum)]
  for (let j = 2; j <= FUNNEL_POINTS; j++) {
    const previous = axis[j - 2]!
    const offset = stepsBefore === 100 ? j : j - 1
    axis.push(Math.max(roundHalfEven((maximum / previous) ** (1 / (101 - offset)) * previous), previous + 1))
  }
  return axis
}

/** Axis ends from the smallest and largest denominators: start at zero when they differ more than twofold. */
export function axisRange(denominators: readonly number[], per = 1): { minimum: number; maximum: number } {
  const min = Math.min(...denominators)
  const max = Math.max(...denominators)
  const minimum = max > 2 * min ? 0 : tidyFloor(min / per) * per
  return { minimum, maximum: tidyCeiling(max / per) * per }
}
