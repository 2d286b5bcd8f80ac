import { confidenceLevels, type Confidence } from './confidence.ts'
import { countLimits, countMethod, type CountMethod } from './count-limits.ts'
import { StatisticsInputError } from './errors.ts'
import { finiteOrNull, type Estimate } from './estimate.ts'

/** One band (usually an age band) of the local population and the reference population. */
export interface IndirectStandardisationBand {
  /** Local events; null counts as none. */
  count: number | null
  /** Local population; a missing or zero population contributes no expected events. */
  population: number | null
  /** Reference events (e.g. England); null counts as none. */
  referenceCount: number | null
  referencePopulation: number
}

export interface IndirectStandardisationOptions {
  confidence?: Confidence
  /** The observed total, when events are known for the area but not by band. */
  observedTotal?: number
}

export interface IndirectlyStandardisedEstimate extends Estimate {
  observed: number
  /** Events expected if the area had the reference population's band rates. */
  expected: number
  method: CountMethod
}

export interface IndirectlyStandardisedRateEstimate extends IndirectlyStandardisedEstimate {
  /** The reference population's crude rate, per the multiplier. */
  referenceRate: number
}

/**
 * Indirectly standardised ratio O/E × referenceValue (e.g. an SMR with
 * referenceValue 100), as PHEindicatormethods' calculate_ISRatio. E applies
 * the reference band rates to the local populations; the limits treat O as
 * Poisson (exact below 10, Byar from 10) and E as fixed.
 */
export function indirectlyStandardisedRatio(
  bands: readonly IndirectStandardisationBand[],
  options: IndirectStandardisationOptions & { referenceValue?: number } = {},
): IndirectlyStandardisedEstimate {
  return observedOverExpected(bands, options, options.referenceValue ?? 1)
}

/**
 * Indirectly standardised rate: O/E × the reference crude rate, as
 * PHEindicatormethods' calculate_ISRate (multiplier default 100,000).
 */
export function indirectlyStandardisedRate(
  bands: readonly IndirectStandardisationBand[],
  options: IndirectStandardisationOptions & { multiplier?: number } = {},
): IndirectlyStandardisedRateEstimate {
  const multiplier = options.multiplier ?? 100000
  const referenceEvents = bands.reduce((sum, band) => sum + (band.referenceCount ?? 0), 0)
  const referencePopulation = bands.reduce((sum, band) => sum + band.referencePopulation, 0)
  const referenceRate = (referenceEvents / referencePopulation) * multiplier
  return { ...observedOverExpected(bands, options, referenceRate), referenceRate }
}

function observedOverExpected(
  bands: readonly IndirectStandardisationBand[],
  options: IndirectStandardisationOptions,
  scale: number,
): IndirectlyStandardisedEstimate {
  const levels = confidenceLevels(options.confidence)
  for (const band of bands) {
    if (band.count != null && band.count < 0) throw new StatisticsInputError(`A count (${band.count}) cannot be negative`)
    if (band.population != null && band.population < 0) throw new StatisticsInputError(`A population (${band.population}) cannot be negative`)
    if (band.referenceCount != null && band.referenceCount < 0) throw new StatisticsInputError(`A reference count (${band.referenceCount}) cannot be negative`)
    if (!(band.referencePopulation > 0))
      throw new StatisticsInputError(`Every reference population must be greater than zero (got ${band.referencePopulation})`)
  }
  const observed = options.observedTotal ?? bands.reduce((sum, band) => sum + (band.count ?? 0), 0)
  if (observed < 0) throw new StatisticsInputError(`The observed total (${observed}) cannot be negative`)
  const expected = bands.reduce((sum, band) => sum + ((band.referenceCount ?? 0) / band.referencePopulation) * (band.population ?? 0), 0)
  // No expected events (no local population) leaves nothing to compare with: null, not Infinity.
  const relative = (events: number | null) => (events == null ? null : finiteOrNull((events / expected) * scale))
  const limits = levels.map((confidence) => {
    const { lower, upper } = countLimits(observed, confidence)
    return { confidence, lower: relative(lower), upper: relative(upper) }
  })
  return { observed, expected, value: relative(observed), limits, method: countMethod(observed) }
}
