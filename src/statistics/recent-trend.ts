import { finiteOrNull } from './estimate.ts'
import type { Polarity } from './polarity.ts'

/** Fingertips' recent-trend outcomes (FingertipsNext's Trend enum). */
export type RecentTrend =
  | 'increasing-and-getting-better'
  | 'increasing-and-getting-worse'
  | 'decreasing-and-getting-better'
  | 'decreasing-and-getting-worse'
  | 'increasing'
  | 'decreasing'
  | 'no-significant-change'
  | 'cannot-be-calculated'

/** The words Fingertips shows for each outcome. */
export const RECENT_TREND_LABELS: Record<RecentTrend, string> = {
  'increasing-and-getting-better': 'Increasing and getting better',
  'increasing-and-getting-worse': 'Increasing and getting worse',
  'decreasing-and-getting-better': 'Decreasing and getting better',
  'decreasing-and-getting-worse': 'Decreasing and getting worse',
  increasing: 'Increasing',
  decreasing: 'Decreasing',
  'no-significant-change': 'No significant change',
  'cannot-be-calculated': 'Cannot be calculated',
}

/** Fingertips only tests trends in these value types (FingertipsNext adds DSRs to the original two). */
export type TrendValueType = 'proportion' | 'crude-rate' | 'directly-standardised-rate' | 'other'

export interface TrendPoint {
  value: number | null
  count: number | null
  denominator: number | null
  lower95: number | null
  upper95: number | null
}

export interface RecentTrendOptions {
  polarity: Polarity
  valueType: TrendValueType
  /** Years each period spans; Fingertips only tests single-year periods. Default 1. */
  yearRange?: number
}

export interface RecentTrendResult {
  trend: RecentTrend
  /** The test statistic for the five points; null when not calculated. */
  chiSquare: number | null
  slope: number | null
}

export const TREND_POINTS = 5
/** χ² with 1 degree of freedom at 99.8%: the bar Fingertips sets, so one trend in 500 is noise. */
export const TREND_CHI_SQUARE_THRESHOLD = 9.54953570608324

/**
 * Fingertips' recent trend (fingertips-open TrendMarkerCalculator, as run by
 * FingertipsNext): a weighted regression of the five most recent values on
 * time, weights 1/SE² with SE from the 95% interval. The trend is significant
 * when χ² = (slope/SE)² exceeds 9.5495 and the slope keeps its sign whichever
 * single point is left out, so one odd year cannot make a trend.
 *
 * `points` must be in time order, oldest first. A point counts only with a
 * value, count and denominator; fewer than five such points cannot be
 * calculated. As in Fingertips, points without 95% limits are left out of the
 * regression: with fewer than five limited points the test is not run and the
 * answer is no significant change (FingertipsNext's own test expects that).
 */
export function recentTrend(points: readonly TrendPoint[], options: RecentTrendOptions): RecentTrendResult {
  const cannot: RecentTrendResult = { trend: 'cannot-be-calculated', chiSquare: null, slope: null }
  if (options.valueType === 'other' || (options.yearRange ?? 1) !== 1) return cannot
  const valid = points.filter((p) => p.value != null && p.count != null && p.denominator != null)
  if (valid.length < TREND_POINTS) return cannot
  // Fingertips' SPC-for-proportions variant would divide by zero here, so it refuses every such series.
  if (valid.some((p) => p.count === p.denominator)) return cannot
  const recent = valid.filter((p) => p.lower95 != null && p.upper95 != null).slice(-TREND_POINTS)
  if (recent.length < TREND_POINTS) return { trend: 'no-significant-change', chiSquare: null, slope: null }

  const weighted = recent.map((p, i) => ({ t: i + 1, y: p.value!, w: 1 / ((p.upper95! - p.lower95!) / 3.92) ** 2 }))
  const all = fit(weighted)
  const leaveOneOut = weighted.map((_, left) => fit(weighted.filter((__, i) => i !== left)))
  const direction = (slope: number) => (slope < 0 ? -1 : 1)
  const consistent = leaveOneOut.every((f) => direction(f.slope) === direction(all.slope))
  const significant = consistent && all.chiSquare > TREND_CHI_SQUARE_THRESHOLD
  const result = { chiSquare: finiteOrNull(all.chiSquare), slope: finiteOrNull(all.slope) }
  if (!significant || all.slope === 0) return { trend: 'no-significant-change', ...result }
  return { trend: withPolarity(all.slope > 0 ? 'increasing' : 'decreasing', options.polarity), ...result }
}

/** Weighted least squares of y on t, and the slope's χ² = (slope / its standard error)². */
function fit(points: readonly { t: number; y: number; w: number }[]): { slope: number; chiSquare: number } {
  let s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0,
    s5 = 0
  for (const { t, y, w } of points) {
    s1 += w
    s2 += w * t * y
    s3 += w * t
    s4 += w * y
    s5 += w * t * t
  }
  const determinant = s1 * s5 - s3 ** 2
  const slope = (s1 * s2 - s3 * s4) / determinant
  const standardError = Math.sqrt(s1 / determinant)
  return { slope, chiSquare: (slope / standardError) ** 2 }
}

function withPolarity(direction: 'increasing' | 'decreasing', polarity: Polarity): RecentTrend {
  if (polarity === 'no-judgement') return direction
  const better = (direction === 'increasing') === (polarity === 'high-is-good')
  return `${direction}-and-getting-${better ? 'better' : 'worse'}`
}
