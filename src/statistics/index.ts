// The statistics module: pure functions, no I/O, reproducing the methods PHE
// publishes with (PHEindicatormethods) and Fingertips compares with. See
// test/fixtures/indicator-statistics/FORMULAS.md for the sources.

export { StatisticsInputError } from './errors.ts'
export { confidenceFraction, confidenceLevels, zFor, FINGERTIPS_LEVELS, type Confidence } from './confidence.ts'
export { limitsAt, type Estimate, type Limits } from './estimate.ts'
export type { Polarity } from './polarity.ts'

export { wilsonLimits } from './wilson.ts'
export { byarLower, byarUpper } from './byar.ts'
export { exactPoissonLimits } from './exact-poisson.ts'
export { countLimits, type CountMethod } from './count-limits.ts'

export { proportion, type ProportionOptions } from './proportion.ts'
export { crudeRate, type RateEstimate, type RateOptions } from './rate.ts'
export { mean, type MeanEstimate } from './mean.ts'
export {
  directlyStandardisedRate,
  directlyStandardisedRateForNonIndependentEvents,
  DSR_MINIMUM_COUNT,
  type BandByEventFrequency,
  type DsrEstimate,
  type DsrOptions,
  type StandardisationBand,
} from './dsr.ts'
export { ESP2013 } from './esp2013.ts'
export {
  indirectlyStandardisedRate,
  indirectlyStandardisedRatio,
  type IndirectlyStandardisedEstimate,
  type IndirectlyStandardisedRateEstimate,
  type IndirectStandardisationBand,
} from './indirect-standardisation.ts'
export { assignQuantiles, type QuantileOptions } from './quantiles.ts'

export { compareWithBenchmark, type BenchmarkComparison, type ValueWithLimits } from './benchmark-comparison.ts'
export { compareAtTwoLevels, type TwoLevelComparison, type ValueWithTwoLevels } from './two-level-comparison.ts'
export { compareByQuintile, quintileBounds, type QuintileComparison } from './quintile-comparison.ts'
export {
  recentTrend,
  RECENT_TREND_LABELS,
  TREND_CHI_SQUARE_THRESHOLD,
  type RecentTrend,
  type RecentTrendResult,
  type TrendPoint,
  type TrendValueType,
} from './recent-trend.ts'

export { slopeIndexOfInequality, type SiiOptions, type SiiQuantile, type SiiResult, type SiiValueType } from './slope-index-of-inequality.ts'
export { seededRandom } from './random.ts'

export { FUNNEL_SIGNIFICANCE_LABELS, type FunnelLimitsRow, type FunnelSignificance } from './funnel-significance.ts'
export { proportionFunnelLimits, proportionFunnelSignificance, type FunnelProportionPoint } from './funnel-proportions.ts'
export { ratioFunnelLimits, ratioFunnelSignificance, type FunnelRatioPoint, type FunnelRatioRow } from './funnel-ratios.ts'
export { rateFunnelLimits, rateFunnelPoints, rateFunnelSignificance, type FunnelRateOptions, type FunnelRatePoint, type FunnelRateRow } from './funnel-rates.ts'
