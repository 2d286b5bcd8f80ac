import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { IndicatorCommentaryTable, ReportCardsTable } from '../../platform/db/performance-tables.ts'
import type { CommentaryInput, ReportCardInput } from './schema.ts'

export type ReportCard = Selectable<ReportCardsTable>
export type Commentary = Selectable<IndicatorCommentaryTable>

// Every query names the partnership even though row-level security would refuse other partnerships' rows.

export async function findCard(db: Executor, partnershipId: string, indicatorId: string): Promise<ReportCard | undefined> {
  return db.selectFrom('report_cards').selectAll().where('partnership_id', '=', partnershipId).where('indicator_id', '=', indicatorId).executeTakeFirst()
}

const columns = (input: ReportCardInput) => ({ story: input.story, partners: input.partners, what_works: input.whatWorks })

/** The indicator's first card; nothing when someone else started one meanwhile. */
export async function insertCard(db: Executor, partnershipId: string, indicatorId: string, input: ReportCardInput): Promise<ReportCard | undefined> {
  return db
    .insertInto('report_cards')
    .values({ partnership_id: partnershipId, indicator_id: indicatorId, ...columns(input) })
    .onConflict((oc) => oc.column('indicator_id').doNothing())
    .returningAll()
    .executeTakeFirst()
}

export async function updateCard(
  db: Executor,
  partnershipId: string,
  indicatorId: string,
  version: number,
  input: ReportCardInput,
): Promise<ReportCard | undefined> {
  return db
    .updateTable('report_cards')
    .set({ ...columns(input), updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', '=', indicatorId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export async function linkedObjectiveIds(db: Executor, partnershipId: string, indicatorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('report_card_objectives')
    .select('objective_id')
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', '=', indicatorId)
    .execute()
  return rows.map((r) => r.objective_id)
}

/** The plans the linked objectives belong to, so their objectives can be read in one query. */
export async function linkedPlanIds(db: Executor, partnershipId: string, indicatorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('report_card_objectives as l')
    .innerJoin('plan_objectives as o', 'o.id', 'l.objective_id')
    .innerJoin('plan_aims as a', 'a.id', 'o.aim_id')
    .select('a.plan_id')
    .distinct()
    .where('l.partnership_id', '=', partnershipId)
    .where('l.indicator_id', '=', indicatorId)
    .execute()
  return rows.map((r) => r.plan_id)
}

/** Links the objectives; any already linked stay as they are. Returns those newly linked. */
export async function linkObjectives(db: Executor, partnershipId: string, indicatorId: string, objectiveIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .insertInto('report_card_objectives')
    .values(objectiveIds.map((objective_id) => ({ partnership_id: partnershipId, indicator_id: indicatorId, objective_id })))
    .onConflict((oc) => oc.columns(['indicator_id', 'objective_id']).doNothing())
    .returning('objective_id')
    .execute()
  return rows.map((r) => r.objective_id)
}

export async function unlinkObjective(db: Executor, partnershipId: string, indicatorId: string, objectiveId: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('report_card_objectives')
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', '=', indicatorId)
    .where('objective_id', '=', objectiveId)
    .returning('objective_id')
    .executeTakeFirst()
  return removed !== undefined
}

export async function commentaryOf(db: Executor, partnershipId: string, indicatorId: string): Promise<Commentary[]> {
  return db
    .selectFrom('indicator_commentary')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', '=', indicatorId)
    .orderBy('written_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
}

export async function insertCommentary(
  db: Executor,
  partnershipId: string,
  indicatorId: string,
  input: CommentaryInput,
  authorLabel: string,
): Promise<Commentary> {
  return db
    .insertInto('indicator_commentary')
    .values({ partnership_id: partnershipId, indicator_id: indicatorId, written_on: input.writtenOn, text: input.text, author_label: authorLabel })
    .returningAll()
    .executeTakeFirstOrThrow()
}
