import type { ObjectiveStatus } from '../../platform/db/strategy-tables.ts'
import { attention, objectiveStatuses, type ObjectiveProgress } from '../objectives/index.ts'

/** Progress across a set of objectives (an aim's, a plan's): what a board reads first. */
export interface ProgressSummary {
  total: number
  counts: Record<ObjectiveStatus, number>
  /** Dropped objectives will never be done, so "complete of" leaves them out. */
  countable: number
  complete: number
  overdue: number
  slipping: number
}

export function summarise(items: readonly ObjectiveProgress[], today: string): ProgressSummary {
  const counts = Object.fromEntries(objectiveStatuses.map((s) => [s, 0])) as Record<ObjectiveStatus, number>
  let overdue = 0
  let slipping = 0
  for (const item of items) {
    counts[item.status] += 1
    const why = attention(item, today)
    if (why === 'overdue') overdue += 1
    if (why === 'slipping') slipping += 1
  }
  return { total: items.length, counts, countable: items.length - counts.dropped, complete: counts.complete, overdue, slipping }
}
