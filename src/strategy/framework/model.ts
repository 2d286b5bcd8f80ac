import type { FrameworkStage } from '../../platform/db/strategy-tables.ts'

export const stageLabels: Record<FrameworkStage, string> = {
  draft: 'Draft',
  consultation: 'Out for consultation',
  adopted: 'Adopted (in force)',
  superseded: 'Superseded',
}

/** Drafts and versions out for consultation can still change; an adopted or superseded version is the record of what was agreed. */
export function isEditable(stage: FrameworkStage): boolean {
  return stage === 'draft' || stage === 'consultation'
}

export function readOnlyMessage(number: number, stage: FrameworkStage): string {
  return `Version ${number} is ${stage === 'adopted' ? 'adopted' : 'superseded'} and cannot be changed. Start a new draft from the adopted version to change the framework.`
}

export interface VersionOutcome {
  id: string
  title: string
  description: string
}

export interface VersionCommitment {
  id: string
  text: string
  outcomeIds: readonly string[]
}

export interface Rewording<T> {
  before: T
  after: T
}

export interface Changes<T> {
  added: T[]
  removed: T[]
  reworded: Rewording<T>[]
}

export interface VersionChanges {
  outcomes: Changes<VersionOutcome>
  commitments: Changes<VersionCommitment>
  /** True when nothing at all differs (order and links aside). */
  unchanged: boolean
}

/**
 * What a version changed against the one before it. Outcomes and commitments
 * keep one identity across versions, so an outcome whose wording changed is
 * reworded, not removed and added; a new order alone is no change of wording.
 */
export function compareVersions(
  previous: { outcomes: readonly VersionOutcome[]; commitments: readonly VersionCommitment[] },
  current: { outcomes: readonly VersionOutcome[]; commitments: readonly VersionCommitment[] },
): VersionChanges {
  const outcomes = diff(previous.outcomes, current.outcomes, (a, b) => a.title === b.title && a.description === b.description)
  const commitments = diff(previous.commitments, current.commitments, (a, b) => a.text === b.text)
  const unchanged = [outcomes, commitments].every((c) => !c.added.length && !c.removed.length && !c.reworded.length)
  return { outcomes, commitments, unchanged }
}

function diff<T extends { id: string }>(before: readonly T[], after: readonly T[], same: (a: T, b: T) => boolean): Changes<T> {
  const was = new Map(before.map((item) => [item.id, item]))
  const now = new Set(after.map((item) => item.id))
  const reworded: Rewording<T>[] = []
  const added: T[] = []
  for (const item of after) {
    const old = was.get(item.id)
    if (!old) added.push(item)
    else if (!same(old, item)) reworded.push({ before: old, after: item })
  }
  return { added, removed: before.filter((item) => !now.has(item.id)), reworded }
}

/** Every commitment should serve at least one outcome: those that serve none, for the warning list. */
export function commitmentsServingNothing<C extends { outcomeIds: readonly string[] }>(commitments: readonly C[], outcomeIds: readonly string[]): C[] {
  const known = new Set(outcomeIds)
  return commitments.filter((c) => !c.outcomeIds.some((id) => known.has(id)))
}

/** The ids in their new order once one moves a place up or down; the same order when it cannot move that way. */
export function moveInOrder(ids: readonly string[], id: string, direction: 'up' | 'down'): string[] {
  const order = [...ids]
  const from = order.indexOf(id)
  const to = direction === 'up' ? from - 1 : from + 1
  if (from < 0 || to < 0 || to >= order.length) return order
  ;[order[from], order[to]] = [order[to]!, order[from]!]
  return order
}

/** An adoption date must not come before the consultation began: the body adopts what it consulted on. */
export function adoptionProblem(adoptedOn: string, consultationStartsOn: string | null): string | null {
  if (consultationStartsOn && adoptedOn < consultationStartsOn) return 'The date adopted must be on or after the consultation started'
  return null
}
