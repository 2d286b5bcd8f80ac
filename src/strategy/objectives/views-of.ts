import type { Executor } from '../../platform/db/database.ts'
import { outcomeTitles } from '../framework/index.ts'
import { presentObjectives, type ObjectiveView } from './present.ts'
import { outcomeLinks, type ObjectiveRow } from './repository.ts'

/** Objectives ready to show, with the outcomes they serve: two queries for the whole list. */
export async function objectiveViews(db: Executor, partnershipId: string, rows: readonly ObjectiveRow[], today: string): Promise<ObjectiveView[]> {
  const links = await outcomeLinks(
    db,
    partnershipId,
    rows.map((r) => r.id),
  )
  const titles = await outcomeTitles(db, partnershipId, [...new Set(links.map((l) => l.outcome_id))])
  return presentObjectives(rows, links, titles, today)
}
