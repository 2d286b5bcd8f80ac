import { fromRow, timescaleDueOn, timescaleText } from '../plans/index.ts'
import { attention, progressOf, type Attention, type ObjectiveProgress } from './model.ts'
import type { ObjectiveRow } from './repository.ts'

export interface LinkedOutcome {
  id: string
  title: string
}

export interface ObjectiveView extends ObjectiveRow {
  timescaleText: string
  progress: ObjectiveProgress
  attention: Attention | null
  outcomes: LinkedOutcome[]
}

/**
 * Objectives as every page shows them: the timescale in words, where each
 * stands, why it needs attention, and the outcomes it serves by their latest
 * wording (links and titles loaded once for the whole list).
 */
export function presentObjectives(
  rows: readonly ObjectiveRow[],
  links: readonly { objective_id: string; outcome_id: string }[],
  titles: ReadonlyMap<string, string>,
  today: string,
): ObjectiveView[] {
  const byObjective = new Map<string, LinkedOutcome[]>()
  for (const link of links) {
    const list = byObjective.get(link.objective_id) ?? []
    list.push({ id: link.outcome_id, title: titles.get(link.outcome_id) ?? 'An outcome no longer worded in any framework' })
    byObjective.set(link.objective_id, list)
  }
  return rows.map((row) => {
    const timescale = fromRow(row)
    const progress = progressOf(row, timescaleDueOn(timescale))
    return {
      ...row,
      timescaleText: timescaleText(timescale),
      progress,
      attention: attention(progress, today),
      outcomes: byObjective.get(row.id) ?? [],
    }
  })
}

/** Those needing attention, overdue first, then by due date (undated last) and plan order. */
export function needingAttention(objectives: readonly ObjectiveView[]): ObjectiveView[] {
  const rank = (o: ObjectiveView) => (o.attention === 'overdue' ? 0 : 1)
  return objectives
    .filter((o) => o.attention)
    .sort(
      (a, b) =>
        rank(a) - rank(b) || (a.progress.dueOn ?? '9999').localeCompare(b.progress.dueOn ?? '9999') || a.aimNumber - b.aimNumber || a.position - b.position,
    )
}
