import type { ComparisonMethod, Frequency, PeriodType, Polarity, ValueType } from '../../platform/db/performance-tables.ts'

// The indicator library's words and the rules that keep a definition coherent:
// a rate needs its "per N", a quarterly indicator counts in quarters, and so on.

export const valueTypes = ['proportion', 'crude-rate', 'directly-standardised-rate', 'count', 'mean', 'score', 'ratio'] as const satisfies readonly ValueType[]
export const polarities = ['high-is-good', 'low-is-good', 'no-judgement'] as const satisfies readonly Polarity[]
export const frequencies = ['annual', 'quarterly', 'monthly'] as const satisfies readonly Frequency[]
export const periodTypes = ['financial-year', 'academic-year', 'calendar-year', 'rolling-3-years', 'quarter', 'month'] as const satisfies readonly PeriodType[]
export const comparisonMethods = ['ci-95', 'ci-99.8', 'two-level', 'quintiles', 'none'] as const satisfies readonly ComparisonMethod[]
export const multipliers = [1, 100, 1000, 10000, 100000] as const

export const valueTypeLabels: Record<ValueType, string> = {
  proportion: 'Proportion or percentage',
  'crude-rate': 'Crude rate',
  'directly-standardised-rate': 'Directly standardised rate',
  count: 'Count',
  mean: 'Mean',
  score: 'Score',
  ratio: 'Ratio (such as an indirectly standardised ratio)',
}

export const polarityLabels: Record<Polarity, string> = {
  'high-is-good': 'High is good',
  'low-is-good': 'Low is good',
  'no-judgement': 'No judgement (neither higher nor lower is better)',
}

export const frequencyLabels: Record<Frequency, string> = { annual: 'Annual', quarterly: 'Quarterly', monthly: 'Monthly' }

export const periodTypeLabels: Record<PeriodType, string> = {
  'financial-year': 'Financial year (April to March)',
  'academic-year': 'Academic year (September to August)',
  'calendar-year': 'Calendar year',
  'rolling-3-years': 'Rolling three calendar years',
  quarter: 'Quarter',
  month: 'Month',
}

export const comparisonMethodLabels: Record<ComparisonMethod, string> = {
  'ci-95': 'Benchmark against the 95% confidence interval',
  'ci-99.8': 'Benchmark against the 99.8% confidence interval',
  'two-level': 'Two levels: 95% and 99.8% confidence intervals',
  quintiles: 'Quintiles of the comparator areas',
  none: 'Not compared',
}

/** How a value reads with its multiplier: "per 100,000", "%" or nothing. */
export function perText(valueType: ValueType, multiplier: number): string {
  if (valueType === 'proportion' && multiplier === 100) return '%'
  if (multiplier === 1) return ''
  return `per ${multiplier.toLocaleString('en-GB')}`
}

/** The multipliers that make sense for a value type: rates are per 1,000 or more; counts, means and scores are as they are. */
export function allowedMultipliers(valueType: ValueType): readonly number[] {
  switch (valueType) {
    case 'proportion':
    case 'ratio':
      return [1, 100]
    case 'crude-rate':
    case 'directly-standardised-rate':
      return [1000, 10000, 100000]
    default:
      return [1]
  }
}

/** The frequency each period type is counted in. */
export function frequencyOf(periodType: PeriodType): Frequency {
  if (periodType === 'quarter') return 'quarterly'
  if (periodType === 'month') return 'monthly'
  return 'annual'
}

export interface DefinitionChoices {
  valueType: ValueType
  multiplier: number
  frequency: Frequency
  periodType: PeriodType
  comparisonMethod: ComparisonMethod
  polarity: Polarity
}

/** The mistakes in a definition's choices, by field, in the order of the form. */
export function definitionProblems(d: DefinitionChoices): Record<string, string> {
  const problems: Record<string, string> = {}
  const allowed = allowedMultipliers(d.valueType)
  if (!allowed.includes(d.multiplier)) {
    problems.multiplier =
      allowed.length === 1
        ? `A ${valueTypeLabels[d.valueType].toLowerCase()} is not multiplied: choose ‘as it is’`
        : `A ${valueTypeLabels[d.valueType].toLowerCase()} is ${allowed.map((m) => perText(d.valueType, m) || 'as it is').join(' or ')}`
  }
  if (frequencyOf(d.periodType) !== d.frequency) {
    problems.periodType = `An indicator measured by ${periodTypeLabels[d.periodType].toLowerCase()} is ${frequencyLabels[frequencyOf(d.periodType)].toLowerCase()}: change the frequency or the period`
  }
  // Confidence intervals of a count alone are Poisson limits on the count itself; benchmarking a
  // count against another area's count compares populations, not performance.
  if (d.valueType === 'count' && d.comparisonMethod !== 'none') {
    problems.comparisonMethod = 'A count is not compared with other areas: choose ‘Not compared’, or record it as a rate'
  }
  return problems
}
