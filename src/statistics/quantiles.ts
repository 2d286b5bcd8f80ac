import { StatisticsInputError } from './errors.ts'

export interface QuantileOptions {
  /** How many groups: 10 for deciles, 5 for quintiles. Default 10. */
  quantiles?: number
  /** True (the default, as phe_quantile) puts the highest values in quantile 1. */
  highestFirst?: boolean
}

/**
 * Assigns each value to a quantile within its group exactly as
 * PHEindicatormethods' phe_quantile: ties share the lowest rank, so equal
 * values always share a quantile, and groups are as even as the ties allow.
 * Missing values get null; so does every value when the group has fewer
 * values than quantiles (the quantiles would be meaningless).
 */
export function assignQuantiles(values: readonly (number | null)[], options: QuantileOptions = {}): (number | null)[] {
  const q = options.quantiles ?? 10
  const highestFirst = options.highestFirst ?? true
  if (!Number.isInteger(q) || q < 1) throw new StatisticsInputError(`The number of quantiles (${q}) must be a whole number of at least 1`)
  const present = values.filter((v): v is number => v != null)
  const n = present.length
  if (n < q) return values.map(() => null)
  // phe_quantile ranks max − value when inverted; the same arithmetic keeps its tie-breaking.
  const max = Math.max(...present)
  const adjusted = (v: number) => (highestFirst ? max - v : v)
  const sorted = present.map(adjusted).sort((a, b) => a - b)
  const minRank = (a: number) => lowerBound(sorted, a) + 1
  return values.map((v) => {
    if (v == null) return null
    const quantile = Math.floor(q + 1 - Math.ceil((n + 1 - minRank(adjusted(v))) / (n / q)))
    return quantile === 0 ? 1 : quantile
  })
}

/** Index of the first element ≥ target in an ascending array. */
function lowerBound(sorted: readonly number[], target: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (sorted[mid]! < target) low = mid + 1
    else high = mid
  }
  return low
}
