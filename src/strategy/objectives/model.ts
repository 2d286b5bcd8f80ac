import { addDays } from '../../platform/dates/index.ts'
import type { ObjectiveStatus, Rag } from '../../platform/db/strategy-tables.ts'

export const objectiveStatuses: readonly ObjectiveStatus[] = ['not-started', 'on-track', 'at-risk', 'off-track', 'complete', 'dropped']

export const objectiveStatusLabels: Record<ObjectiveStatus, string> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  complete: 'Complete',
  dropped: 'Dropped',
}

export const rags: readonly Rag[] = ['red', 'amber', 'green']
export const ragLabels: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' }

/** How close to its due date a not-started objective counts as slipping. */
export const slippingWindowDays = 30

/** Where an objective stands: its latest update (none: not started, no RAG) and the date its timescale falls due (none for ongoing, annual, quarterly and planning-cycle work). */
export interface ObjectiveProgress {
  status: ObjectiveStatus
  rag: Rag | null
  dueOn: string | null
}

export type Attention = 'overdue' | 'slipping'

/** Complete and dropped objectives are finished with: they are never overdue or slipping. */
export function isFinished(status: ObjectiveStatus): boolean {
  return status === 'complete' || status === 'dropped'
}

/** Its due date has passed and it is not finished. Recurring work has no due date, so is never overdue. */
export function isOverdue(p: ObjectiveProgress, today: string): boolean {
  return !isFinished(p.status) && p.dueOn != null && p.dueOn < today
}

/**
 * Its latest update says at risk or off track, or rates it red or amber, or it
 * falls due within the next 30 days and has not started.
 */
export function isSlipping(p: ObjectiveProgress, today: string): boolean {
  if (isFinished(p.status)) return false
  if (p.status === 'at-risk' || p.status === 'off-track' || p.rag === 'red' || p.rag === 'amber') return true
  return p.status === 'not-started' && p.dueOn != null && p.dueOn >= today && p.dueOn <= addDays(today, slippingWindowDays)
}

/** Why an objective needs attention, overdue first (an overdue objective is counted once, as overdue), or null. */
export function attention(p: ObjectiveProgress, today: string): Attention | null {
  if (isOverdue(p, today)) return 'overdue'
  if (isSlipping(p, today)) return 'slipping'
  return null
}

/** What progress an objective's stored row shows: its latest update, and the due date its timescale gives. */
export function progressOf(row: { latestStatus: ObjectiveStatus | null; latestRag: Rag | null }, dueOn: string | null): ObjectiveProgress {
  return { status: row.latestStatus ?? 'not-started', rag: row.latestRag, dueOn }
}
