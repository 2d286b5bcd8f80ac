/** The limits of an interval at one confidence level; null where they cannot be calculated. */
export interface Limits {
  /** As a fraction: 0.95, 0.998. */
  confidence: number
  lower: number | null
  upper: number | null
}

/** A value with its confidence limits. null means "not available" (R's NA), never NaN. */
export interface Estimate {
  value: number | null
  limits: Limits[]
}

/** The limits at `confidence` (fraction or percentage), or null if they were not asked for. */
export function limitsAt(estimate: Estimate, confidence: number): Limits | null {
  const wanted = confidence >= 90 ? confidence / 100 : confidence
  return estimate.limits.find((limits) => Math.abs(limits.confidence - wanted) < 1e-12) ?? null
}

/** Arithmetic can yield NaN or ±Infinity from impossible inputs; results carry null instead. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null
}
