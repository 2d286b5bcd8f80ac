import { seededRandom, slopeIndexOfInequality, StatisticsInputError, type SiiValueType } from '../../statistics/index.ts'
import type { Polarity, ValueType } from '../../platform/db/performance-tables.ts'
import type { ShownValue } from '../indicator-charts/index.ts'

// The slope index of inequality for a deprivation breakdown: the modelled gap
// across the whole population, from the most to the least deprived, with its
// 95% interval. Groups sit in their rank order (1 = most deprived, as
// Fingertips ranks deprivation quantiles), weighted by their denominators.

export interface Inequality {
  /** Least-deprived end minus most-deprived end, in the indicator's units. */
  sii: number
  lower: number
  upper: number
  /** Deprivation quantiles without denominators are taken as equal in size, which is how they are made. */
  equalWeights: boolean
  groups: number
}

export interface SiiIndicator {
  valueType: ValueType
  multiplier: number
}

/** Rates are modelled on the log scale, proportions on the logit, as PHE does; others as they are. */
function shapeOf(valueType: ValueType): SiiValueType {
  if (valueType === 'proportion') return 'proportion'
  if (valueType === 'crude-rate' || valueType === 'directly-standardised-rate') return 'rate'
  return 'other'
}

/** Whether the breakdown is of deprivation quantiles, whose groups hold equal shares of the population by construction. */
const isQuantile = (categoryType: string) => /quintile|decile|quartile|tercile/i.test(categoryType)

/**
 * The SII of one period's ranked groups, or null when the breakdown cannot
 * carry one: fewer than five groups, a group without a rank, a value or its
 * 95% limits, or groups of unknown and unequal size.
 */
export function inequalityOf(rows: readonly ShownValue[], indicator: SiiIndicator): Inequality | null {
  // The simulation costs tens of milliseconds of the event loop; the same figures always give the same
  // answer (it is seeded), so a page opened again, or by many people at once, reuses it.
  const key = JSON.stringify([
    indicator.valueType,
    indicator.multiplier,
    rows.map((r) => [r.categoryType, r.categoryRank, r.denominator, r.shown.value, r.shown.lower95, r.shown.upper95]),
  ])
  const known = remembered.get(key)
  if (known !== undefined) {
    remembered.delete(key)
    remembered.set(key, known)
    return known
  }
  const result = computeInequality(rows, indicator)
  remembered.set(key, result)
  if (remembered.size > rememberedLimit) remembered.delete(remembered.keys().next().value!)
  return result
}

/** The SIIs most recently worked out, least recently used first; a few hundred is every breakdown anyone is looking at. */
const remembered = new Map<string, Inequality | null>()
const rememberedLimit = 500

function computeInequality(rows: readonly ShownValue[], indicator: SiiIndicator): Inequality | null {
  if (rows.length < 5 || rows.length > 100) return null
  if (rows.some((r) => r.categoryRank == null || r.shown.value == null || r.shown.lower95 == null || r.shown.upper95 == null)) return null
  const weighted = rows.every((r) => r.denominator != null && r.denominator > 0)
  if (!weighted && !isQuantile(rows[0]!.categoryType)) return null
  const shape = shapeOf(indicator.valueType)
  // Proportions go in as fractions; the multiplier brings the gap back to percentage points (or per 1,000).
  const scale = shape === 'proportion' ? indicator.multiplier : 1
  const ranked = [...rows].sort((a, b) => a.categoryRank! - b.categoryRank!)
  // A proportion of 0% or 100%, or a rate of zero, has no logit or log: the simulation would only return NaN.
  const inside = (n: number) => (shape === 'proportion' ? n > 0 && n < scale : shape === 'rate' ? n > 0 : true)
  if (ranked.some((r) => !inside(r.shown.value!) || !inside(r.shown.lower95!) || !inside(r.shown.upper95!))) return null
  try {
    const result = slopeIndexOfInequality(
      ranked.map((r) => ({
        population: weighted ? r.denominator! : 1,
        value: r.shown.value! / scale,
        lower95: r.shown.lower95! / scale,
        upper95: r.shown.upper95! / scale,
      })),
      // Seeded, so the page shows the same interval every time it is opened.
      { valueType: shape, multiplier: scale, repetitions: 20000, random: seededRandom(20261123) },
    )
    const limits = result.limits[0]!.sii
    if (![result.sii, limits.lower, limits.upper].every(Number.isFinite)) return null
    return { sii: result.sii, lower: limits.lower, upper: limits.upper, equalWeights: !weighted, groups: rows.length }
  } catch (error) {
    // Figures the method refuses (a negative population, say) leave the breakdown without an SII rather than failing the page.
    if (error instanceof StatisticsInputError) return null
    throw error
  }
}

/** What the SII says, in plain words for the board: how big the gap is, which end fares worse, and whether it could be chance. */
export function inequalityWords(
  i: Inequality,
  o: { title: string; areaName: string; unit: string; polarity: Polarity; format: (n: number) => string },
): string {
  // Said as a size with the direction in words, so a board member never has to read a minus sign.
  const [low, high] = i.sii < 0 ? [-i.upper, -i.lower] : [i.lower, i.upper]
  const unit = o.unit ? ` ${o.unit}` : ''
  let sentence =
    `The gap in ‘${o.title}’ between the most and the least deprived in ${o.areaName} is about ${o.format(Math.abs(i.sii))}${unit} ` +
    `(95% confidence interval ${o.format(low)} to ${o.format(high)}), ${i.sii < 0 ? 'lower' : 'higher'} among the least deprived.`
  if (o.polarity !== 'no-judgement' && i.sii !== 0) {
    const leastBetter = i.sii > 0 === (o.polarity === 'high-is-good')
    sentence += leastBetter ? ' The most deprived fare worse.' : ' The most deprived fare better.'
  }
  sentence +=
    i.lower > 0 || i.upper < 0
      ? ' The interval does not include zero, so the gap is unlikely to be chance.'
      : ' The interval includes zero, so these figures cannot show a real gap.'
  return sentence
}
