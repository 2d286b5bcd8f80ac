import type { Polarity, TargetKind } from '../../platform/db/performance-tables.ts'

// Red, amber and green against a target, with the indicator's polarity. The
// rules are written out for people on the targets page (views/rules.njk): keep
// the two in step.

export type Rag = 'green' | 'amber' | 'red'

/** Why there is no RAG, when there is none. */
export type NoRag = 'no-target' | 'no-judgement' | 'no-value' | 'no-group-value' | 'too-few-values'

export interface RagResult {
  rag: Rag | null
  why: NoRag | null
  /** What the value was measured against: the target value, or the group's benchmark value. */
  against: number | null
  /** For the top quartile: the area's place, 1 being best, among `of` areas. */
  place: number | null
  of: number | null
}

export interface TargetRule {
  kind: TargetKind
  value: number | null
  tolerance: number
}

/** A group's values for the period, by area code. */
export type GroupValues = ReadonlyMap<string, number>

const none = (why: NoRag): RagResult => ({ rag: null, why, against: null, place: null, of: null })

/** How far `value` is better than `than` in the indicator's good direction: positive better, negative worse. */
export function margin(value: number, than: number, polarity: Exclude<Polarity, 'no-judgement'>): number {
  return polarity === 'high-is-good' ? value - than : than - value
}

function median(values: readonly number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * The single figure a group stands for: its area's value when it has one area
 * (England, a region); otherwise the median of its other areas' values, so the
 * area is not measured partly against itself.
 */
export function groupBenchmark(areaCode: string, groupAreas: readonly string[], values: GroupValues): number | null {
  if (groupAreas.length === 1) return values.get(groupAreas[0]!) ?? null
  return median(groupAreas.filter((code) => code !== areaCode).flatMap((code) => (values.has(code) ? [values.get(code)!] : [])))
}

/** Fewer areas than this cannot be cut into quartiles meaningfully. */
export const QUARTILE_MINIMUM_AREAS = 4

/** Green when met or better; amber when worse by no more than the tolerance; red beyond it. */
function byMargin(difference: number, tolerance: number, strictlyBetter: boolean): Rag {
  if (strictlyBetter ? difference > 0 : difference >= 0) return 'green'
  return -difference <= tolerance ? 'amber' : 'red'
}

/**
 * The RAG an area's value earns against a target for its period.
 * - value: green at or better than the target, amber worse by no more than the tolerance (in the indicator's units), red beyond;
 * - better than a group: green strictly better than the group's figure (groupBenchmark), amber level with it or worse within the tolerance, red beyond;
 * - top quartile of a group: the area ranked among the group's areas and itself: green in the best quarter, amber in the second, red below (no tolerance).
 */
export function ragFor(
  target: TargetRule | null,
  value: number | null,
  polarity: Polarity,
  group: { areaCode: string; areas: readonly string[]; values: GroupValues } | null = null,
): RagResult {
  if (!target) return none('no-target')
  if (polarity === 'no-judgement') return none('no-judgement')
  if (value == null) return none('no-value')
  if (target.kind === 'value') {
    if (target.value == null) return none('no-target')
    return { rag: byMargin(margin(value, target.value, polarity), target.tolerance, false), why: null, against: target.value, place: null, of: null }
  }
  if (!group) return none('no-group-value')
  if (target.kind === 'better-than-group') {
    const benchmark = groupBenchmark(group.areaCode, group.areas, group.values)
    if (benchmark == null) return none('no-group-value')
    return { rag: byMargin(margin(value, benchmark, polarity), target.tolerance, true), why: null, against: benchmark, place: null, of: null }
  }
  const others = group.areas.filter((code) => code !== group.areaCode && group.values.has(code)).map((code) => group.values.get(code)!)
  const of = others.length + 1
  if (of < QUARTILE_MINIMUM_AREAS) return none('too-few-values')
  // Ties share the better place, so an area level with the quartile's last is in it.
  const place = others.filter((other) => margin(other, value, polarity) > 0).length + 1
  const quartile = Math.floor(((place - 1) / of) * 4) + 1
  return { rag: quartile === 1 ? 'green' : quartile === 2 ? 'amber' : 'red', why: null, against: null, place, of }
}

export const ragLabels: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red' }

export const noRagLabels: Record<NoRag, string> = {
  'no-target': 'No target',
  'no-judgement': 'No RAG: neither direction is better',
  'no-value': 'No RAG: no value for the period',
  'no-group-value': 'No RAG: the group has no value for the period',
  'too-few-values': `No RAG: fewer than ${QUARTILE_MINIMUM_AREAS} areas have values to rank`,
}

/** The words beside a RAG: never colour alone. */
export function ragText(result: RagResult): string {
  return result.rag ? ragLabels[result.rag] : noRagLabels[result.why ?? 'no-target']
}

export const targetKinds = ['value', 'better-than-group', 'top-quartile-of-group'] as const satisfies readonly TargetKind[]

export const targetKindLabels: Record<TargetKind, string> = {
  value: 'A value to reach',
  'better-than-group': 'Better than a comparator group (such as England)',
  'top-quartile-of-group': 'In the top quarter of a comparator group (such as statistical neighbours)',
}

/** A target in words: "At most 20.0", "Better than England", "Top quarter of Statistical neighbours". */
export function targetText(kind: TargetKind, polarity: Polarity, valueText: string, groupName: string | null): string {
  if (kind === 'value')
    return polarity === 'low-is-good' ? `At most ${valueText}` : polarity === 'high-is-good' ? `At least ${valueText}` : `Reach ${valueText}`
  if (kind === 'better-than-group') return `Better than ${groupName ?? 'the group'}`
  return `Top quarter of ${groupName ?? 'the group'}`
}
