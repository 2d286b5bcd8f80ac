/** Where a point falls against a funnel's control limits. */
export type FunnelSignificance = 'high-99.8' | 'high-95' | 'low-99.8' | 'low-95' | 'not-significant' | 'not-applicable'

/** PHEindicatormethods' labels, which name the one-sided tail probability. */
export const FUNNEL_SIGNIFICANCE_LABELS: Record<FunnelSignificance, string> = {
  'high-99.8': 'High (0.001)',
  'high-95': 'High (0.025)',
  'low-99.8': 'Low (0.001)',
  'low-95': 'Low (0.025)',
  'not-significant': 'Not significant',
  'not-applicable': 'Not applicable for events less than 10 for dsrs',
}

/** One row of a funnel's limits table. */
export interface FunnelLimitsRow {
  /** The x position: population, observed events or events, by statistic. */
  x: number
  lower95: number
  upper95: number
  lower998: number
  upper998: number
}
