import type { WorkstreamKind } from '../../platform/db/strategy-tables.ts'

export const workstreamKinds: readonly WorkstreamKind[] = ['strategy', 'service', 'project']
export const workstreamKindLabels: Record<WorkstreamKind, string> = { strategy: 'Strategy', service: 'Service', project: 'Project' }
export const workstreamKindHeadings: Record<WorkstreamKind, string> = { strategy: 'Strategies', service: 'Services', project: 'Projects' }

/** A body's workstreams by kind, strategies first as seed 001 lists them, leaving out kinds it has none of. */
export function byKind<W extends { kind: WorkstreamKind }>(rows: readonly W[]): { kind: WorkstreamKind; rows: W[] }[] {
  return workstreamKinds.map((kind) => ({ kind, rows: rows.filter((r) => r.kind === kind) })).filter((g) => g.rows.length)
}

/** Workstreams grouped under their bodies, in the order the rows come (already sorted by body name). */
export function byBody<W extends { body_id: string; bodyName: string }>(rows: readonly W[]): { bodyId: string; bodyName: string; rows: W[] }[] {
  const groups = new Map<string, { bodyId: string; bodyName: string; rows: W[] }>()
  for (const row of rows) {
    const group = groups.get(row.body_id) ?? { bodyId: row.body_id, bodyName: row.bodyName, rows: [] }
    group.rows.push(row)
    groups.set(row.body_id, group)
  }
  return [...groups.values()]
}

/**
 * The ids a form may link to: those it offers, plus those the record already
 * links to, so a link to an outcome a new framework version dropped (or an
 * objective since archived) is kept until someone unticks it, never lost by saving.
 */
export function allowedLinks(offered: readonly string[], existing: readonly string[]): Set<string> {
  return new Set([...offered, ...existing])
}

/** The chosen ids that are not allowed: any means the form was tampered with or is out of date. */
export function unknownLinks(chosen: readonly string[], allowed: ReadonlySet<string>): string[] {
  return chosen.filter((id) => !allowed.has(id))
}

/** What changes between the links a record has and the ones chosen: one delete and one insert at most. */
export function linkChanges(existing: readonly string[], chosen: readonly string[]): { add: string[]; remove: string[] } {
  const had = new Set(existing)
  const want = new Set(chosen)
  return { add: [...want].filter((id) => !had.has(id)), remove: [...had].filter((id) => !want.has(id)) }
}

export interface ObjectiveChoice {
  id: string
  title: string
  position: number
  aimId: string
  aimNumber: number
  aimTitle: string
  planId: string
  planTitle: string
}

/** Objectives (sorted by plan, aim and position) grouped by plan, then by aim, as the form and the page show them. */
export function objectivesByPlan<O extends ObjectiveChoice>(objectives: readonly O[]) {
  const plans: { planId: string; planTitle: string; aims: { aimId: string; aimNumber: number; aimTitle: string; objectives: O[] }[] }[] = []
  for (const o of objectives) {
    let plan = plans.find((p) => p.planId === o.planId)
    if (!plan) plans.push((plan = { planId: o.planId, planTitle: o.planTitle, aims: [] }))
    let aim = plan.aims.find((a) => a.aimId === o.aimId)
    if (!aim) plan.aims.push((aim = { aimId: o.aimId, aimNumber: o.aimNumber, aimTitle: o.aimTitle, objectives: [] }))
    aim.objectives.push(o)
  }
  return plans
}

/** An objective's number as the plan prints it: aim 2, objective 3 is 2.3. */
export function objectiveNumber(o: { aimNumber: number; position: number }): string {
  return `${o.aimNumber}.${o.position}`
}
