import type { DataRequestStatus } from '../../platform/db/performance-tables.ts'

// A request to a partner organisation for a period's values. Its stored status
// is requested, submitted or approved; "late" is never stored but read from the
// due date and today, so it can never be out of date.

export const requestStatuses: readonly DataRequestStatus[] = ['requested', 'submitted', 'approved']

/** What a request shows: its status, or late when still only requested after its due date. */
export type ShownStatus = DataRequestStatus | 'late'
export const shownStatuses: readonly ShownStatus[] = ['requested', 'late', 'submitted', 'approved']

export const statusLabels: Record<ShownStatus, string> = { requested: 'Requested', late: 'Late', submitted: 'Submitted', approved: 'Approved' }
export const statusColours: Record<ShownStatus, string> = { requested: 'blue', late: 'red', submitted: 'yellow', approved: 'green' }

/** Late: requested, and its due date ('YYYY-MM-DD') has passed. Due today is not late yet. */
export function isLate(request: { status: DataRequestStatus; due_on: string }, today: string): boolean {
  return request.status === 'requested' && request.due_on < today
}

export function shownStatus(request: { status: DataRequestStatus; due_on: string }, today: string): ShownStatus {
  return isLate(request, today) ? 'late' : request.status
}

/**
 * Where a request may go next: the partner submits, the partnership approves
 * what was submitted, or sends it back to requested (a submission that needs
 * redoing, or an approval reopened).
 */
const transitions: Record<DataRequestStatus, readonly DataRequestStatus[]> = {
  requested: ['submitted'],
  submitted: ['approved', 'requested'],
  approved: ['requested'],
}

export function nextStatuses(status: DataRequestStatus): readonly DataRequestStatus[] {
  return transitions[status]
}

export function transitionProblem(from: DataRequestStatus, to: DataRequestStatus): string | null {
  if (transitions[from].includes(to)) return null
  if (from === to) return `The request is already ${statusLabels[to].toLowerCase()}`
  return `A request that is ${statusLabels[from].toLowerCase()} cannot be marked ${statusLabels[to].toLowerCase()}: ${from === 'requested' ? 'it must be submitted first' : 'send it back to requested first'}`
}

/** The words a status change is recorded with in the audit trail and the request's history. */
export function transitionVerb(from: DataRequestStatus, to: DataRequestStatus): string {
  if (to === 'submitted') return 'Marked as submitted'
  if (to === 'approved') return 'Approved'
  return from === 'approved' ? 'Reopened: back to requested' : 'Sent back to requested'
}

/** The button that makes the change. */
export function moveLabel(from: DataRequestStatus, to: DataRequestStatus): string {
  if (to === 'submitted') return 'Mark as submitted'
  if (to === 'approved') return 'Approve'
  return from === 'approved' ? 'Reopen' : 'Send back to requested'
}
