import type { ActionStatus } from '../../platform/db/tables.ts'

export const actionStatuses: readonly ActionStatus[] = ['open', 'in-progress', 'done', 'dropped']
export const actionStatusLabels: Record<ActionStatus, string> = { open: 'Open', 'in-progress': 'In progress', done: 'Done', dropped: 'Dropped' }

/** Still to be done: open or in progress. */
export function isOutstanding(status: ActionStatus): boolean {
  return status === 'open' || status === 'in-progress'
}

/** Overdue: still outstanding after its due date ('YYYY-MM-DD'; today injected so tests and pages agree). */
export function isOverdue(action: { status: ActionStatus; due_on: string | null }, today: string): boolean {
  return action.due_on != null && isOutstanding(action.status) && action.due_on < today
}
