import { crudeRate, FINGERTIPS_LEVELS, limitsAt, proportion, StatisticsInputError, type Estimate } from '../../statistics/index.ts'
import type { ValueType } from '../../platform/db/performance-tables.ts'

// What a stored value shows: the published figures where they were given, and
// otherwise what the indicator's method makes of the count and denominator.
// Nothing computed is stored, so it can never disagree with its inputs.

export interface StoredFigures {
  count: number | null
  denominator: number | null
  value: number | null
  lower95: number | null
  upper95: number | null
  lower998: number | null
  upper998: number | null
}

export interface ShownFigures {
  value: number | null
  lower95: number | null
  upper95: number | null
  lower998: number | null
  upper998: number | null
  /** Which figures the method supplied rather than the source. */
  computed: { value: boolean; limits95: boolean; limits998: boolean }
}

export interface Method {
  valueType: ValueType
  multiplier: number
}

/** The count-based estimate for the value types whose limits follow from a count and denominator alone. */
function estimateFor(method: Method, count: number | null, denominator: number | null): Estimate | null {
  if (count == null || denominator == null) return null
  try {
    if (method.valueType === 'proportion') return proportion(count, denominator, { multiplier: method.multiplier, confidence: FINGERTIPS_LEVELS })
    if (method.valueType === 'crude-rate') return crudeRate(count, denominator, { multiplier: method.multiplier, confidence: FINGERTIPS_LEVELS })
  } catch (error) {
    // Impossible counts (more events than people for a proportion) were refused on entry; old data just goes without.
    if (error instanceof StatisticsInputError) return null
    throw error
  }
  // A standardised rate needs its age bands, a mean its spread, a ratio its expected count: none follow from two numbers.
  return null
}

export function shownFigures(method: Method, stored: StoredFigures): ShownFigures {
  const estimate = estimateFor(method, stored.count, stored.denominator)
  const at95 = estimate && limitsAt(estimate, 0.95)
  const at998 = estimate && limitsAt(estimate, 0.998)
  const has95 = stored.lower95 != null && stored.upper95 != null
  const has998 = stored.lower998 != null && stored.upper998 != null
  // Computed limits belong to the computed value; against a published value they would describe another number.
  const estimated = estimate?.value ?? null
  const valueComputed = stored.value == null && estimated != null
  const agrees = estimated != null && (stored.value == null || Math.abs(stored.value - estimated) <= 1e-6 * Math.max(1, Math.abs(stored.value)))
  const limits95 = !has95 && agrees && at95?.lower != null
  const limits998 = !has998 && agrees && at998?.lower != null
  return {
    value: stored.value ?? estimate?.value ?? null,
    lower95: has95 ? stored.lower95 : limits95 ? at95!.lower : null,
    upper95: has95 ? stored.upper95 : limits95 ? at95!.upper : null,
    lower998: has998 ? stored.lower998 : limits998 ? at998!.lower : null,
    upper998: has998 ? stored.upper998 : limits998 ? at998!.upper : null,
    computed: { value: valueComputed, limits95, limits998 },
  }
}

/** A value held back on public pages: from a count below the indicator's threshold (zero counts are shown: nobody can be identified by none). */
export function isSmallNumber(count: number | null, threshold: number): boolean {
  return count != null && count > 0 && count < threshold
}

/** The problems with figures typed or imported for one value, by field. */
export function figureProblems(method: Method, f: StoredFigures): Record<string, string> {
  const problems: Record<string, string> = {}
  if (f.count == null && f.value == null) problems.value = 'Enter the value, or the count and denominator it comes from'
  if (f.count != null && f.count < 0) problems.count = 'The count cannot be negative'
  if (f.denominator != null && f.denominator <= 0) problems.denominator = 'The denominator must be greater than zero'
  if (method.valueType === 'proportion' && f.count != null && f.denominator != null && f.count > f.denominator) {
    problems.count = 'The count cannot be more than the denominator for a proportion'
  }
  if ((f.count == null) !== (f.denominator == null) && f.value == null) problems.denominator = 'Enter both the count and the denominator, or the value'
  for (const [lower, upper, level] of [
    [f.lower95, f.upper95, '95%'],
    [f.lower998, f.upper998, '99.8%'],
  ] as const) {
    if ((lower == null) !== (upper == null)) problems[level === '95%' ? 'lower95' : 'lower998'] = `Enter both ${level} limits, or neither`
    else if (lower != null && upper != null && lower > upper)
      problems[level === '95%' ? 'lower95' : 'lower998'] = `The lower ${level} limit must not be above the upper`
    else if (lower != null && upper != null && f.value != null && (f.value < lower || f.value > upper)) {
      problems[level === '95%' ? 'lower95' : 'lower998'] = `The value must lie within its ${level} limits`
    }
  }
  return problems
}
