import type { Polarity } from './polarity.ts'

/**
 * The outcome of comparing an area with a benchmark. RAG words when the
 * indicator has a good direction; 'higher'/'lower' (Fingertips' blue/orange)
 * when it has none; 'not-compared' when a value or limit is missing.
 */
export type BenchmarkComparison = 'better' | 'similar' | 'worse' | 'higher' | 'lower' | 'not-compared'

export interface ValueWithLimits {
  value: number | null
  lower: number | null
  upper: number | null
}

/**
 * Fingertips' default method ("confidence intervals overlapping reference
 * value", comparator method 1): similar if the benchmark value lies inside the
 * area's interval, bounds included; otherwise the area is above or below it,
 * and polarity says whether that is better or worse. Use the 95% or the 99.8%
 * limits as the indicator's method specifies.
 */
export function compareWithBenchmark(area: ValueWithLimits, benchmark: number | null, polarity: Polarity): BenchmarkComparison {
  if (area.value == null || area.lower == null || area.upper == null || benchmark == null) return 'not-compared'
  if (benchmark >= area.lower && benchmark <= area.upper) return 'similar'
  return judge(area.value < benchmark ? 'lower' : 'higher', polarity)
}

/** Turns a direction into RAG words for the indicator's polarity. */
function judge<D extends 'higher' | 'lower'>(direction: D, polarity: Polarity): D | 'better' | 'worse' {
  if (polarity === 'no-judgement') return direction
  const good = polarity === 'high-is-good' ? 'higher' : 'lower'
  return direction === good ? 'better' : 'worse'
}
