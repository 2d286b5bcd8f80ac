import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { ObjectiveStatus, ObjectiveUpdatesTable, PlanObjectivesTable, Rag } from '../../platform/db/strategy-tables.ts'
import type { ObjectiveValues } from './schema.ts'

export type PlanObjective = Selectable<PlanObjectivesTable>
export type ObjectiveUpdate = Selectable<ObjectiveUpdatesTable>

export interface ObjectiveRow extends PlanObjective {
  aimNumber: number
  aimTitle: string
  aimArchivedAt: Date | null
  planId: string
  planTitle: string
  planLeadBodyId: string | null
  planArchivedAt: Date | null
  ownerLabel: string | null
  leadBodyName: string | null
  /** From its latest progress update; null when it has none. */
  latestStatus: ObjectiveStatus | null
  latestRag: Rag | null
  latestReportedOn: string | null
}

/**
 * Objectives with their aim, plan, owner, lead body and latest update, in one
 * query however many there are: the latest update is picked per objective by
 * DISTINCT ON, newest reporting date first and, on the same day, the last recorded.
 */
function objectivesWithProgress(db: Executor, partnershipId: string) {
  const latest = db
    .selectFrom('objective_updates')
    .distinctOn('objective_id')
    .select(['objective_id', 'status', 'rag', 'reported_on'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('objective_id')
    .orderBy('reported_on', 'desc')
    .orderBy('created_at', 'desc')
  return db
    .selectFrom('plan_objectives as o')
    .innerJoin('plan_aims as a', 'a.id', 'o.aim_id')
    .innerJoin('plans as pl', 'pl.id', 'a.plan_id')
    .leftJoin(latest.as('u'), 'u.objective_id', 'o.id')
    .leftJoin('people as p', 'p.id', 'o.owner_id')
    .leftJoin('bodies as b', 'b.id', 'o.lead_body_id')
    .selectAll('o')
    .select([
      'a.number as aimNumber',
      'a.title as aimTitle',
      'a.archived_at as aimArchivedAt',
      'pl.id as planId',
      'pl.title as planTitle',
      'pl.lead_body_id as planLeadBodyId',
      'pl.archived_at as planArchivedAt',
    ])
    .select(sql<string | null>`case when p.id is null then null else coalesce(p.name, p.role_title, 'Unnamed person') end`.as('ownerLabel'))
    .select(['b.name as leadBodyName', 'u.status as latestStatus', 'u.rag as latestRag', 'u.reported_on as latestReportedOn'])
    .where('o.partnership_id', '=', partnershipId)
    .orderBy('a.number')
    .orderBy('o.position')
}

/** Every objective (archived too) under the plans' aims (archived too): the plan page sorts them out. */
export async function objectivesOfPlans(db: Executor, partnershipId: string, planIds: readonly string[]): Promise<ObjectiveRow[]> {
  if (!planIds.length) return []
  return objectivesWithProgress(db, partnershipId).where('pl.id', 'in', planIds).execute()
}

/** Current objectives in current aims and plans, optionally those one person owns or one body leads (itself or through its plan). */
export async function currentObjectives(db: Executor, partnershipId: string, filter: { ownerId?: string; bodyId?: string }): Promise<ObjectiveRow[]> {
  let query = objectivesWithProgress(db, partnershipId)
    .where('o.archived_at', 'is', null)
    .where('a.archived_at', 'is', null)
    .where('pl.archived_at', 'is', null)
  if (filter.ownerId) query = query.where('o.owner_id', '=', filter.ownerId)
  const bodyId = filter.bodyId
  if (bodyId) query = query.where((eb) => eb.or([eb('o.lead_body_id', '=', bodyId), eb('pl.lead_body_id', '=', bodyId)]))
  return query.execute()
}

export async function findObjective(db: Executor, partnershipId: string, id: string): Promise<ObjectiveRow | undefined> {
  return objectivesWithProgress(db, partnershipId).where('o.id', '=', id).executeTakeFirst()
}

/** Newest first, as a reader wants them. */
export async function updatesOf(db: Executor, partnershipId: string, objectiveId: string): Promise<ObjectiveUpdate[]> {
  return db
    .selectFrom('objective_updates')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('objective_id', '=', objectiveId)
    .orderBy('reported_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
}

export async function insertUpdate(
  db: Executor,
  partnershipId: string,
  objectiveId: string,
  update: { reportedOn: string; status: ObjectiveStatus; rag: Rag | null; commentary: string; authorLabel: string },
): Promise<ObjectiveUpdate> {
  return db
    .insertInto('objective_updates')
    .values({
      partnership_id: partnershipId,
      objective_id: objectiveId,
      reported_on: update.reportedOn,
      status: update.status,
      rag: update.rag,
      commentary: update.commentary,
      author_label: update.authorLabel,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function outcomeLinks(
  db: Executor,
  partnershipId: string,
  objectiveIds: readonly string[],
): Promise<{ objective_id: string; outcome_id: string }[]> {
  if (!objectiveIds.length) return []
  return db
    .selectFrom('objective_outcomes')
    .select(['objective_id', 'outcome_id'])
    .where('partnership_id', '=', partnershipId)
    .where('objective_id', 'in', objectiveIds)
    .execute()
}

/** Makes the objective's outcomes exactly these: link rows only, so they are replaced rather than archived. */
export async function setOutcomes(db: Executor, partnershipId: string, objectiveId: string, outcomeIds: readonly string[]): Promise<void> {
  await db.deleteFrom('objective_outcomes').where('partnership_id', '=', partnershipId).where('objective_id', '=', objectiveId).execute()
  if (outcomeIds.length)
    await db
      .insertInto('objective_outcomes')
      .values(outcomeIds.map((outcome_id) => ({ partnership_id: partnershipId, objective_id: objectiveId, outcome_id })))
      .execute()
}

export async function nextPosition(db: Executor, partnershipId: string, aimId: string): Promise<number> {
  const row = await db
    .selectFrom('plan_objectives')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('partnership_id', '=', partnershipId)
    .where('aim_id', '=', aimId)
    .executeTakeFirst()
  return Number(row?.last ?? 0) + 1
}

export async function insertObjective(db: Executor, partnershipId: string, aimId: string, position: number, values: ObjectiveValues): Promise<PlanObjective> {
  return db
    .insertInto('plan_objectives')
    .values({ partnership_id: partnershipId, aim_id: aimId, position, ...values })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Changes the objective only if it is still at the version the form was opened at. */
export async function updateObjective(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: ObjectiveValues | { archived_at: Date | null },
): Promise<PlanObjective | undefined> {
  return db
    .updateTable('plan_objectives')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/** The aim's current objectives in order, for moving one past its neighbour. */
export async function siblings(db: Executor, partnershipId: string, aimId: string): Promise<PlanObjective[]> {
  return db
    .selectFrom('plan_objectives')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('aim_id', '=', aimId)
    .where('archived_at', 'is', null)
    .orderBy('position')
    .orderBy('created_at')
    .execute()
}

/** Order is not content: moving an objective does not make someone else's open edit form out of date. */
export async function setPosition(db: Executor, partnershipId: string, id: string, position: number): Promise<void> {
  await db.updateTable('plan_objectives').set({ position }).where('partnership_id', '=', partnershipId).where('id', '=', id).execute()
}
