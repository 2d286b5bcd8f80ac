import { confidenceLevels, type Confidence } from './confidence.ts'
import { normalQuantile } from './distributions.ts'
import { StatisticsInputError } from './errors.ts'
import { roundHalfEven } from './r-arithmetic.ts'
import { normalSampler } from './random.ts'

/** How the indicator's uncertainty is shaped: rates are log-normal, proportions logit-normal, others normal. */
export type SiiValueType = 'other' | 'rate' | 'proportion'

/** One deprivation quantile (e.g. a decile), most deprived first. */
export interface SiiQuantile {
  population: number
  /** The indicator value on its natural scale; a proportion as 0–1. */
  value: number
  /** Standard error on the transformed scale (log for rates, logit for proportions); or give the 95% limits. */
  standardError?: number | null
  lower95?: number | null
  upper95?: number | null
}

export interface SiiOptions {
  valueType?: SiiValueType
  /** Scales the SII (100 for percentage points); a negative multiplier flips the SII and inverts the RII, for low-is-good indicators. Default 1. */
  multiplier?: number
  /** Fit on the log/logit scale and transform back, for rates and proportions whose gradient is not linear. */
  transform?: boolean
  confidence?: Confidence
  /** Simulation draws: default 100,000; at least 1,000. */
  repetitions?: number
  /** Uniform generator on (0, 1); pass `seededRandom(seed)` for reproducible limits. Default Math.random. */
  random?: () => number
}

export interface SiiLimits {
  confidence: number
  sii: { lower: number; upper: number }
  rii: { lower: number; upper: number }
}

export interface SiiResult {
  /** Modelled gap from the most to the least deprived end (× multiplier). */
  sii: number
  /** Modelled least-deprived value ÷ most-deprived value (inverted for a negative multiplier). */
  rii: number
  /** Modelled value at the most deprived end. */
  intercept: number
  limits: SiiLimits[]
}

/**
 * Slope index of inequality (Low & Low 2004), as PHEindicatormethods'
 * phe_sii: each quantile sits at the midpoint of its share of the cumulative
 * population, and a population-weighted regression (weights √a) of value on
 * that rank gives the slope — the gap across the whole population — and the
 * relative index. Confidence limits come from simulating each quantile's value
 * from its standard error, so they vary slightly from run to run unless
 * `random` is seeded.
 */
export function slopeIndexOfInequality(quantiles: readonly SiiQuantile[], options: SiiOptions = {}): SiiResult {
  const valueType = options.valueType ?? 'other'
  const multiplier = options.multiplier ?? 1
  const transform = options.transform ?? false
  const repetitions = options.repetitions ?? 100000
  const levels = confidenceLevels(options.confidence)
  check(quantiles, valueType, transform, repetitions)

  const toScale = scaleFor(valueType)
  const fromScale = inverseFor(valueType)
  const design = designFor(quantiles.map((q) => q.population))
  // The standard error lives on the transformed scale; limits are 95% by PHE's convention, whatever confidence is asked for.
  const z95 = normalQuantile(0.975)
  const means = quantiles.map((q) => toScale(q.value))
  const errors = quantiles.map((q) => q.standardError ?? (toScale(q.upper95!) - toScale(q.lower95!)) / z95 / 2)

  // The point estimate fits the natural-scale values, or the transformed ones when asked to.
  const summarise = (ys: readonly number[], transformed: boolean) => {
    const [b0, b1] = design.solve(ys)
    if (!transformed) return { sii: b1 * multiplier, rii: invertIf(multiplier, (b0 + b1) / b0), intercept: b0 }
    const low = fromScale(b0)
    const high = fromScale(b0 + b1)
    return { sii: (high - low) * multiplier, rii: invertIf(multiplier, high / low), intercept: low }
  }
  const point = summarise(transform ? means : quantiles.map((q) => q.value), transform)

  const normal = normalSampler(options.random ?? Math.random)
  const simulatedSii = new Float64Array(repetitions)
  const simulatedRii = new Float64Array(repetitions)
  for (let r = 0; r < repetitions; r++) {
    const draws = means.map((m, i) => m + errors[i]! * normal())
    const drawn = summarise(transform ? draws : draws.map(fromScale), transform)
    simulatedSii[r] = drawn.sii
    simulatedRii[r] = drawn.rii
  }
  simulatedSii.sort()
  simulatedRii.sort()
  const limits = levels.map((confidence) => {
    const upperTail = confidence + (1 - confidence) / 2
    // R's round() halves to even; positions are 1-based, as in phe_sii.
    const at = (sorted: Float64Array, fraction: number) => sorted[Math.max(0, roundHalfEven(repetitions * fraction) - 1)]!
    return {
      confidence,
      sii: { lower: at(simulatedSii, 1 - upperTail), upper: at(simulatedSii, upperTail) },
      rii: { lower: at(simulatedRii, 1 - upperTail), upper: at(simulatedRii, upperTail) },
    }
  })
  return { ...point, limits }
}

function check(quantiles: readonly SiiQuantile[], valueType: SiiValueType, transform: boolean, repetitions: number): void {
  if (quantiles.length < 5 || quantiles.length > 100) throw new StatisticsInputError(`The SII needs 5 to 100 quantiles (got ${quantiles.length})`)
  if (!Number.isInteger(repetitions) || repetitions < 1000)
    throw new StatisticsInputError(`The simulation needs at least 1,000 repetitions (got ${repetitions})`)
  if (transform && valueType === 'other') throw new StatisticsInputError('Only rates and proportions can be transformed for the SII')
  for (const q of quantiles) {
    if (!(q.population > 0)) throw new StatisticsInputError(`Every quantile needs a population greater than zero (got ${q.population})`)
    if (q.value == null || !Number.isFinite(q.value)) throw new StatisticsInputError(`Every quantile needs a value (got ${q.value})`)
    if (q.standardError != null) {
      if (!(q.standardError >= 0)) throw new StatisticsInputError(`A standard error (${q.standardError}) cannot be negative`)
    } else if (q.lower95 == null || q.upper95 == null) {
      throw new StatisticsInputError('Every quantile needs a standard error or both 95% confidence limits')
    }
    if (valueType === 'proportion') {
      for (const p of [q.value, q.lower95, q.upper95]) {
        if (p != null && (p < 0 || p > 1)) throw new StatisticsInputError(`A proportion (${p}) must be between 0 and 1`)
      }
    }
  }
}

function scaleFor(valueType: SiiValueType): (x: number) => number {
  if (valueType === 'rate') return Math.log
  if (valueType === 'proportion') return (p) => Math.log(p / (1 - p))
  return (x) => x
}

function inverseFor(valueType: SiiValueType): (x: number) => number {
  if (valueType === 'rate') return Math.exp
  if (valueType === 'proportion') return (x) => Math.exp(x) / (1 + Math.exp(x))
  return (x) => x
}

function invertIf(multiplier: number, rii: number): number {
  return multiplier < 0 ? 1 / rii : rii
}

/**
 * The regression without an intercept of y√a on √a and b√a (a = population
 * share, b = midpoint of the cumulative share): precomputes (XᵀX)⁻¹Xᵀ once so
 * each simulated draw costs two dot products.
 */
function designFor(populations: readonly number[]): { solve: (ys: readonly number[]) => [number, number] } {
  const total = populations.reduce((sum, p) => sum + p, 0)
  let cumulative = 0
  const rootShare: number[] = []
  const rankRootShare: number[] = []
  for (const population of populations) {
    const share = population / total
    rootShare.push(Math.sqrt(share))
    rankRootShare.push((cumulative + share / 2) * Math.sqrt(share))
    cumulative += share
  }
  const s11 = rootShare.reduce((sum, x) => sum + x * x, 0)
  const s12 = rootShare.reduce((sum, x, i) => sum + x * rankRootShare[i]!, 0)
  const s22 = rankRootShare.reduce((sum, x) => sum + x * x, 0)
  const determinant = s11 * s22 - s12 * s12
  const row0 = rootShare.map((x, i) => (s22 * x - s12 * rankRootShare[i]!) / determinant)
  const row1 = rootShare.map((x, i) => (s11 * rankRootShare[i]! - s12 * x) / determinant)
  return {
    solve: (ys) => {
      let b0 = 0
      let b1 = 0
      for (let i = 0; i < ys.length; i++) {
        const weighted = ys[i]! * rootShare[i]!
        b0 += row0[i]! * weighted
        b1 += row1[i]! * weighted
      }
      return [b0, b1]
    },
  }
}
