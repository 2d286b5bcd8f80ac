import { byarLower, byarUpper } from './byar.ts'
import { exactPoissonLimits } from './exact-poisson.ts'

/** Which Poisson method gave the limits: PHE's rule is exact below 10 events, Byar from 10. */
export type CountMethod = 'Exact' | 'Byar'

export const BYAR_FROM_COUNT = 10

export function countMethod(x: number): CountMethod {
  return x < BYAR_FROM_COUNT ? 'Exact' : 'Byar'
}

/** Confidence limits of an observed count of events, by PHE's rule. */
export function countLimits(x: number, confidence: number): { lower: number | null; upper: number | null; method: CountMethod } {
  const method = countMethod(x)
  if (method === 'Exact') return { ...exactPoissonLimits(x, confidence), method }
  return { lower: byarLower(x, confidence), upper: byarUpper(x, confidence), method }
}
