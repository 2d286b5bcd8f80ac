import type { ObjectiveStatus, WorkstreamKind } from '../../platform/db/strategy-tables.ts'

// The golden thread: for each outcome, what serves it (commitments, priorities,
// plans and objectives, workstreams, the bodies behind them) and what is
// missing. Pure rules over the rows the loaders bring back.

export interface ThreadCommitment {
  id: string
  position: number
  text: string
  outcomeIds: string[]
}

export interface ThreadObjective {
  id: string
  outcomeId: string
  status: ObjectiveStatus
  leadBodyId: string | null
  leadBodyName: string | null
  planId: string
  planTitle: string
  planLeadBodyId: string | null
  planLeadBodyName: string | null
  number: string
}

export interface ThreadWorkstream {
  id: string
  outcomeId: string
  title: string
  kind: WorkstreamKind
  bodyId: string
  bodyName: string
}

export interface Alignment {
  priorityId: string
  priorityTitle: string
  position: number
  frameworkId: string
  frameworkTitle: string
}

/** A dropped objective serves nothing any more: it is listed, but does not count as serving the outcome. */
export function serves(o: { status: ObjectiveStatus }): boolean {
  return o.status !== 'dropped'
}

export interface OutcomeCounts {
  commitments: number
  priorities: number
  objectives: number
  workstreams: number
  indicators: number
}

/** An indicator that measures an outcome: "how will we know when we have succeeded?" (seed 001). */
export interface ThreadIndicator {
  outcomeId: string
  id: string
  title: string
  targetLeadLabel: string | null
}

/** What is missing from one outcome's thread, worst first. An outcome the framework in force dropped has no gaps: it is no longer aimed at. */
export function outcomeGaps(counts: OutcomeCounts, inForce: boolean): string[] {
  if (!inForce) return []
  const gaps: string[] = []
  if (counts.objectives === 0) gaps.push('No objective serves this outcome')
  if (counts.workstreams === 0) gaps.push('No workstream contributes to this outcome')
  if (counts.commitments === 0) gaps.push('No commitment serves this outcome')
  if (counts.priorities === 0) gaps.push('It is not aligned to any regional or national priority')
  if (counts.indicators === 0) gaps.push('No indicator measures this outcome')
  return gaps
}

export interface PriorityLink extends Alignment {
  /** The outcome itself is aligned to it. */
  direct: boolean
  /** The commitments serving the outcome that are aligned to it. */
  viaCommitments: ThreadCommitment[]
}

/**
 * The external priorities an outcome aligns to, directly or through the
 * commitments that serve it, each saying which, in framework and priority order.
 */
export function prioritiesOf(
  direct: readonly Alignment[],
  throughCommitments: readonly (Alignment & { commitmentId: string })[],
  commitments: readonly ThreadCommitment[],
): PriorityLink[] {
  const links = new Map<string, PriorityLink>()
  const linkFor = (a: Alignment) => {
    const link = links.get(a.priorityId) ?? {
      priorityId: a.priorityId,
      priorityTitle: a.priorityTitle,
      position: a.position,
      frameworkId: a.frameworkId,
      frameworkTitle: a.frameworkTitle,
      direct: false,
      viaCommitments: [],
    }
    links.set(a.priorityId, link)
    return link
  }
  for (const a of direct) linkFor(a).direct = true
  for (const a of throughCommitments) {
    const commitment = commitments.find((c) => c.id === a.commitmentId)
    const link = commitment && linkFor(a)
    if (link && !link.viaCommitments.includes(commitment)) link.viaCommitments.push(commitment)
  }
  for (const link of links.values()) link.viaCommitments.sort((a, b) => a.position - b.position)
  return [...links.values()].sort((a, b) => a.frameworkTitle.localeCompare(b.frameworkTitle) || a.position - b.position)
}

export interface BodyBehind {
  id: string
  name: string
  /** How it serves the outcome: "Leads objective 2.3", "Leads the plan …", "Runs the workstream …". */
  roles: string[]
}

/** The bodies behind an outcome: the lead bodies of its objectives and of their plans, and the bodies its workstreams belong to. */
export function bodiesBehind(objectives: readonly ThreadObjective[], workstreams: readonly ThreadWorkstream[]): BodyBehind[] {
  const bodies = new Map<string, BodyBehind>()
  const add = (id: string | null, name: string | null, role: string) => {
    if (!id || !name) return
    const body = bodies.get(id) ?? { id, name, roles: [] }
    if (!body.roles.includes(role)) body.roles.push(role)
    bodies.set(id, body)
  }
  for (const o of objectives) {
    add(o.planLeadBodyId, o.planLeadBodyName, `Leads the plan ‘${o.planTitle}’`)
    add(o.leadBodyId, o.leadBodyName, `Leads objective ${o.number} of ‘${o.planTitle}’`)
  }
  for (const w of workstreams) add(w.bodyId, w.bodyName, `Runs the ${w.kind} ‘${w.title}’`)
  return [...bodies.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** The ids of the outcomes that at least one objective (not dropped) or workstream serves. */
export function servedOutcomes(objectives: readonly ThreadObjective[], workstreams: readonly ThreadWorkstream[]): Set<string> {
  return new Set([...objectives.filter(serves).map((o) => o.outcomeId), ...workstreams.map((w) => w.outcomeId)])
}

export interface UndeliveredCommitment extends ThreadCommitment {
  reason: string
}

/** Commitments nothing delivers: one that serves no outcome, or whose outcomes no objective or workstream serves. */
export function undeliveredCommitments(commitments: readonly ThreadCommitment[], served: ReadonlySet<string>): UndeliveredCommitment[] {
  const undelivered: UndeliveredCommitment[] = []
  for (const c of commitments) {
    if (c.outcomeIds.length === 0) undelivered.push({ ...c, reason: 'It serves no outcome' })
    else if (!c.outcomeIds.some((id) => served.has(id))) undelivered.push({ ...c, reason: 'No objective or workstream serves the outcomes it serves' })
  }
  return undelivered
}

/** What the loaders bring back, for one outcome or for all of them: each loader is one query whatever the number of outcomes. */
export interface Thread<O extends ThreadObjective = ThreadObjective> {
  commitments: readonly ThreadCommitment[]
  outcomeAlignments: readonly (Alignment & { outcomeId: string })[]
  commitmentAlignments: readonly (Alignment & { commitmentId: string })[]
  objectives: readonly O[]
  workstreams: readonly ThreadWorkstream[]
  indicators: readonly ThreadIndicator[]
}

/** One outcome's strand of the thread: what serves it, the bodies behind it and how many of each. */
export function strandOf<O extends ThreadObjective>(outcomeId: string, thread: Thread<O>) {
  const commitments = thread.commitments.filter((c) => c.outcomeIds.includes(outcomeId))
  const priorities = prioritiesOf(
    thread.outcomeAlignments.filter((a) => a.outcomeId === outcomeId),
    thread.commitmentAlignments.filter((a) => commitments.some((c) => c.id === a.commitmentId)),
    commitments,
  )
  const objectives = thread.objectives.filter((o) => o.outcomeId === outcomeId)
  const workstreams = thread.workstreams.filter((w) => w.outcomeId === outcomeId)
  const indicators = thread.indicators.filter((i) => i.outcomeId === outcomeId)
  const counts: OutcomeCounts = {
    commitments: commitments.length,
    priorities: priorities.length,
    objectives: objectives.filter(serves).length,
    workstreams: workstreams.length,
    indicators: indicators.length,
  }
  return { commitments, priorities, objectives, workstreams, indicators, bodies: bodiesBehind(objectives, workstreams), counts }
}
