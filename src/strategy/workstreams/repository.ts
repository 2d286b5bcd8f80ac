import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { WorkstreamsTable } from '../../platform/db/strategy-tables.ts'
import type { WorkstreamFilters, WorkstreamInput } from './schema.ts'

export type Workstream = Selectable<WorkstreamsTable>

export interface WorkstreamRow extends Workstream {
  bodyName: string
  leadLabel: string | null
}

/** An objective a workstream can deliver, with the plan and aim it sits in, as the form groups them. */
export interface ObjectiveOption {
  id: string
  title: string
  position: number
  archived_at: Date | null
  aimId: string
  aimNumber: number
  aimTitle: string
  planId: string
  planTitle: string
}

/** Workstreams with their body's name and their lead as people are shown everywhere: by name, or failing that by role. */
function withNames(db: Executor, partnershipId: string) {
  return db
    .selectFrom('workstreams as w')
    .innerJoin('bodies as b', 'b.id', 'w.body_id')
    .leftJoin('people as p', 'p.id', 'w.lead_id')
    .selectAll('w')
    .select('b.name as bodyName')
    .select(sql<string | null>`case when p.id is null then null else coalesce(p.name, p.role_title, 'Unnamed person') end`.as('leadLabel'))
    .where('w.partnership_id', '=', partnershipId)
}

export async function listWorkstreams(
  db: Executor,
  partnershipId: string,
  filters: Pick<WorkstreamFilters, 'body' | 'kind' | 'status'>,
): Promise<WorkstreamRow[]> {
  let query = withNames(db, partnershipId).where('w.archived_at', filters.status === 'archived' ? 'is not' : 'is', null)
  if (filters.body) query = query.where('w.body_id', '=', filters.body)
  if (filters.kind) query = query.where('w.kind', '=', filters.kind)
  return query
    .orderBy(sql`lower(b.name)`)
    .orderBy('b.id')
    .orderBy(sql`lower(w.title)`)
    .execute()
}

export async function findWorkstream(db: Executor, partnershipId: string, id: string): Promise<WorkstreamRow | undefined> {
  return withNames(db, partnershipId).where('w.id', '=', id).executeTakeFirst()
}

/** A current workstream of the body with this title, whatever its case: titles are unique within a body. */
export async function findByTitle(db: Executor, partnershipId: string, bodyId: string, title: string): Promise<{ id: string; title: string } | undefined> {
  return db
    .selectFrom('workstreams')
    .select(['id', 'title'])
    .where('partnership_id', '=', partnershipId)
    .where('body_id', '=', bodyId)
    .where('archived_at', 'is', null)
    .where(sql`lower(title)`, '=', title.toLowerCase())
    .executeTakeFirst()
}

export function workstreamValues(input: WorkstreamInput) {
  return { body_id: input.bodyId, title: input.title, kind: input.kind, description: input.description, lead_id: input.leadId }
}

export async function insertWorkstream(db: Executor, partnershipId: string, input: WorkstreamInput): Promise<Workstream> {
  return db
    .insertInto('workstreams')
    .values({ partnership_id: partnershipId, ...workstreamValues(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Changes the workstream only if it is still at the version the form was opened at. */
export async function updateWorkstream(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: ReturnType<typeof workstreamValues> | { archived_at: Date | null },
): Promise<Workstream | undefined> {
  return db
    .updateTable('workstreams')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/** The outcomes each of these workstreams contributes to: one query however many. */
export async function outcomeLinks(
  db: Executor,
  partnershipId: string,
  workstreamIds: readonly string[],
): Promise<{ workstream_id: string; outcome_id: string }[]> {
  if (!workstreamIds.length) return []
  return db
    .selectFrom('workstream_outcomes')
    .select(['workstream_id', 'outcome_id'])
    .where('partnership_id', '=', partnershipId)
    .where('workstream_id', 'in', workstreamIds)
    .execute()
}

/** Every objective of a plan not archived, in plan, aim and objective order. */
function objectivesWithPlans(db: Executor, partnershipId: string) {
  return db
    .selectFrom('plan_objectives as o')
    .innerJoin('plan_aims as a', 'a.id', 'o.aim_id')
    .innerJoin('plans as pl', 'pl.id', 'a.plan_id')
    .select([
      'o.id',
      'o.title',
      'o.position',
      'o.archived_at',
      'a.id as aimId',
      'a.number as aimNumber',
      'a.title as aimTitle',
      'pl.id as planId',
      'pl.title as planTitle',
    ])
    .where('o.partnership_id', '=', partnershipId)
    .orderBy(sql`lower(pl.title)`)
    .orderBy('pl.id')
    .orderBy('a.number')
    .orderBy('o.position')
}

/** The objectives a workstream may be linked to: those of current aims in plans not archived. */
export async function objectiveOptions(db: Executor, partnershipId: string): Promise<ObjectiveOption[]> {
  return objectivesWithPlans(db, partnershipId)
    .where('o.archived_at', 'is', null)
    .where('a.archived_at', 'is', null)
    .where('pl.archived_at', 'is', null)
    .execute()
}

/** The objectives each of these workstreams delivers, archived or not, so none is hidden from its page. */
export async function objectiveLinks(
  db: Executor,
  partnershipId: string,
  workstreamIds: readonly string[],
): Promise<(ObjectiveOption & { workstream_id: string })[]> {
  if (!workstreamIds.length) return []
  return objectivesWithPlans(db, partnershipId)
    .innerJoin('workstream_objectives as wo', 'wo.objective_id', 'o.id')
    .select('wo.workstream_id')
    .where('wo.workstream_id', 'in', workstreamIds)
    .execute()
}

/** Adds and removes link rows (pure links, so removing one deletes it); the change itself comes from linkChanges. */
export async function changeOutcomeLinks(
  db: Executor,
  partnershipId: string,
  workstreamId: string,
  change: { add: string[]; remove: string[] },
): Promise<void> {
  if (change.remove.length) {
    await db
      .deleteFrom('workstream_outcomes')
      .where('partnership_id', '=', partnershipId)
      .where('workstream_id', '=', workstreamId)
      .where('outcome_id', 'in', change.remove)
      .execute()
  }
  if (change.add.length) {
    await db
      .insertInto('workstream_outcomes')
      .values(change.add.map((id) => ({ partnership_id: partnershipId, workstream_id: workstreamId, outcome_id: id })))
      .execute()
  }
}

export async function changeObjectiveLinks(
  db: Executor,
  partnershipId: string,
  workstreamId: string,
  change: { add: string[]; remove: string[] },
): Promise<void> {
  if (change.remove.length) {
    await db
      .deleteFrom('workstream_objectives')
      .where('partnership_id', '=', partnershipId)
      .where('workstream_id', '=', workstreamId)
      .where('objective_id', 'in', change.remove)
      .execute()
  }
  if (change.add.length) {
    await db
      .insertInto('workstream_objectives')
      .values(change.add.map((id) => ({ partnership_id: partnershipId, workstream_id: workstreamId, objective_id: id })))
      .execute()
  }
}
