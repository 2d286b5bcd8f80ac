import type { Polarity } from './polarity.ts'

/** Two-level outcomes: the 95% result, strengthened to best/worst (highest/lowest) when also significant at 99.8%. */
export type TwoLevelComparison = 'best' | 'better' | 'similar' | 'worse' | 'worst' | 'highest' | 'higher' | 'lower' | 'lowest' | 'not-compared'

export interface ValueWithTwoLevels {
  value: number | null
  lower95: number | null
  upper95: number | null
  lower998: number | null
  upper998: number | null
}

/**
 * Fingertips' "single overlapping CIs for two CI levels" (comparator method
 * 17): similar when the benchmark is inside the area's 95% interval; better or
 * worse when outside the 95% but inside the 99.8% interval; best or worst when
 * outside the 99.8% interval too. This follows FORMULAS.md and the method's
 * unit tests in fingertips-open, not its 2020 code, which swaps the middle
 * bands (benchmark just below the interval came out "worse" for high-is-good).
 */
export function compareAtTwoLevels(area: ValueWithTwoLevels, benchmark: number | null, polarity: Polarity): TwoLevelComparison {
  const { value, lower95, upper95, lower998, upper998 } = area
  if (value == null || lower95 == null || upper95 == null || lower998 == null || upper998 == null || benchmark == null) return 'not-compared'
  if (benchmark >= lower95 && benchmark <= upper95) return 'similar'
  const above = benchmark < lower95
  const beyond998 = above ? benchmark < lower998 : benchmark > upper998
  if (polarity === 'no-judgement') {
    if (above) return beyond998 ? 'highest' : 'higher'
    return beyond998 ? 'lowest' : 'lower'
  }
  const good = above === (polarity === 'high-is-good')
  if (good) return beyond998 ? 'best' : 'better'
  return beyond998 ? 'worst' : 'worse'
}
