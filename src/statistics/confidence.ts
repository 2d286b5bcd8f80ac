import { StatisticsInputError } from './errors.ts'
import { normalQuantile } from './distributions.ts'

/**
 * One confidence level or several. Each is a fraction (0.95) or a percentage
 * (95), as PHEindicatormethods accepts, because analysts type both.
 */
export type Confidence = number | readonly number[]

/** The two levels Fingertips publishes for every value. */
export const FINGERTIPS_LEVELS: readonly number[] = [0.95, 0.998]

/** 95 → 0.95; 0.998 → 0.998. Anything outside 90–100% is refused: below that the limits mislead. */
export function confidenceFraction(level: number): number {
  if (!Number.isFinite(level) || level < 0.9 || (level > 1 && level < 90) || level > 100) {
    throw new StatisticsInputError(`The confidence level ${level} must be between 90 and 100 (or 0.9 and 1)`)
  }
  return level >= 90 ? level / 100 : level
}

/** The requested levels as fractions, in the order given. */
export function confidenceLevels(confidence: Confidence = 0.95): number[] {
  const levels = typeof confidence === 'number' ? [confidence] : [...confidence]
  if (levels.length === 0) throw new StatisticsInputError('At least one confidence level is needed')
  return levels.map(confidenceFraction)
}

/** Two-sided z for a confidence level: 95% → 1.959964, 99.8% → 3.090232. */
export function zFor(confidence: number): number {
  const c = confidenceFraction(confidence)
  return normalQuantile(c + (1 - c) / 2)
}
