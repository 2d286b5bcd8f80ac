import { byarLower, byarUpper } from './byar.ts'
import { confidenceLevels, type Confidence } from './confidence.ts'
import { ESP2013 } from './esp2013.ts'
import { StatisticsInputError } from './errors.ts'
import type { Estimate } from './estimate.ts'

/** PHE does not publish a DSR from fewer events: it is too unstable to compare. */
export const DSR_MINIMUM_COUNT = 10

/** Events and population in one standardisation band (an age band, usually). */
export interface StandardisationBand {
  /** Events; null counts as none, as PHEindicatormethods does. */
  count: number | null
  population: number
}

/** One age band where a person can have several events (e.g. repeat admissions). */
export interface BandByEventFrequency {
  population: number
  /** How many people had each number of events: `[{ frequency: 2, persons: 16 }]` = 16 people with 2 events. */
  personsByFrequency: readonly { frequency: number; persons: number | null }[]
}

export interface DsrOptions {
  /** One weight per band, in band order. Default ESP2013 (19 bands). */
  standardPopulation?: readonly number[]
  /** Rate per how many: default 100,000. */
  multiplier?: number
  confidence?: Confidence
}

export interface DsrEstimate extends Estimate {
  totalCount: number
  totalPopulation: number
  /** True when the total count is below 10, so value and limits are withheld. */
  suppressed: boolean
  method: 'Dobson' | 'Dobson, with confidence adjusted for non-independent events'
}

/**
 * Directly standardised rate with Dobson limits, as PHEindicatormethods'
 * calculate_dsr: Σ(x·w/n)/Σw × multiplier, its Poisson variance Σx(w/n)²/(Σw)²,
 * and limits from Byar's limits of the total count scaled to the DSR (Dobson et
 * al. 1991). Bands must be in the same order as the standard population.
 */
export function directlyStandardisedRate(bands: readonly StandardisationBand[], options: DsrOptions = {}): DsrEstimate {
  const weights = checkBands(
    bands.map((band) => ({ population: band.population, counts: [band.count] })),
    options,
  )
  const counts = bands.map((band) => band.count ?? 0)
  const variance = weightedVariance(counts, bands, weights)
  return dobson(counts, bands, weights, variance, 'Dobson', options)
}

/**
 * The same DSR when events are not independent (one person, several events):
 * the variance is Σ_f f²·var_f over the people with each frequency f, so the
 * interval widens to reflect the clustering (PHEindicatormethods'
 * independent_events = FALSE).
 */
export function directlyStandardisedRateForNonIndependentEvents(bands: readonly BandByEventFrequency[], options: DsrOptions = {}): DsrEstimate {
  const weights = checkBands(
    bands.map((band) => ({ population: band.population, counts: band.personsByFrequency.map((p) => p.persons) })),
    options,
  )
  for (const band of bands) {
    for (const { frequency } of band.personsByFrequency) {
      if (!Number.isFinite(frequency) || frequency < 0) throw new StatisticsInputError(`An event frequency (${frequency}) must be zero or more`)
    }
  }
  const counts = bands.map((band) => band.personsByFrequency.reduce((sum, p) => sum + p.frequency * (p.persons ?? 0), 0))
  const frequencies = [...new Set(bands.flatMap((band) => band.personsByFrequency.map((p) => p.frequency)))]
  const variance = frequencies.reduce((sum, f) => {
    const persons = bands.map((band) => band.personsByFrequency.filter((p) => p.frequency === f).reduce((s, p) => s + (p.persons ?? 0), 0))
    return sum + f ** 2 * weightedVariance(persons, bands, weights)
  }, 0)
  return dobson(counts, bands, weights, variance, 'Dobson, with confidence adjusted for non-independent events', options)
}

function checkBands(bands: readonly { population: number; counts: readonly (number | null)[] }[], options: DsrOptions): readonly number[] {
  const weights = options.standardPopulation ?? ESP2013
  if (weights.length !== bands.length) {
    throw new StatisticsInputError(`There are ${bands.length} bands but the standard population has ${weights.length}`)
  }
  for (const band of bands) {
    for (const count of band.counts) {
      if (count != null && count < 0) throw new StatisticsInputError(`A count (${count}) cannot be negative`)
    }
    if (band.population == null || !(band.population > 0)) throw new StatisticsInputError(`Every population must be greater than zero (got ${band.population})`)
  }
  for (const weight of weights) {
    if (!(weight >= 0)) throw new StatisticsInputError(`A standard population weight (${weight}) cannot be negative`)
  }
  if (!weights.some((weight) => weight > 0)) throw new StatisticsInputError('The standard population must have some people in it')
  return weights
}

function weightedVariance(counts: readonly number[], bands: readonly { population: number }[], weights: readonly number[]): number {
  const totalWeight = weights.reduce((sum, w) => sum + w, 0)
  return counts.reduce((sum, x, i) => sum + x * (weights[i]! / bands[i]!.population) ** 2, 0) / totalWeight ** 2
}

function dobson(
  counts: readonly number[],
  bands: readonly { population: number }[],
  weights: readonly number[],
  variance: number,
  method: DsrEstimate['method'],
  options: DsrOptions,
): DsrEstimate {
  const multiplier = options.multiplier ?? 100000
  const levels = confidenceLevels(options.confidence)
  const totalCount = counts.reduce((sum, x) => sum + x, 0)
  const totalPopulation = bands.reduce((sum, band) => sum + band.population, 0)
  const totalWeight = weights.reduce((sum, w) => sum + w, 0)
  const suppressed = totalCount < DSR_MINIMUM_COUNT
  if (suppressed) {
    return { totalCount, totalPopulation, value: null, limits: levels.map((confidence) => ({ confidence, lower: null, upper: null })), suppressed, method }
  }
  const value = (counts.reduce((sum, x, i) => sum + (x * weights[i]!) / bands[i]!.population, 0) / totalWeight) * multiplier
  // Dobson: move the DSR by the same number of standard errors as Byar's limits move the total count.
  const perEvent = Math.sqrt(variance / totalCount) * multiplier
  const limits = levels.map((confidence) => {
    const lower = byarLower(totalCount, confidence)
    return {
      confidence,
      lower: lower == null ? null : value + perEvent * (lower - totalCount),
      upper: value + perEvent * (byarUpper(totalCount, confidence) - totalCount),
    }
  })
  return { totalCount, totalPopulation, value, limits, suppressed, method }
}
