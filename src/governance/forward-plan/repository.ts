import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/tables.ts'
import type { PlannedItemInput } from './schema.ts'

export type PlannedItem = Selectable<Database['planned_items']>

export interface PlannedItemRow extends PlannedItem {
  bodyName: string
  leadLabel: string | null
}

export interface PlanMeeting {
  id: string
  body_id: string
  starts_at: Date
  status: Database['meetings']['status']['__select__']
}

/** Items with their body's name and their lead as people are shown everywhere: by name, or failing that by role. */
function itemsWithNames(db: Executor, partnershipId: string) {
  return db
    .selectFrom('planned_items as pi')
    .innerJoin('bodies as b', 'b.id', 'pi.body_id')
    .leftJoin('people as p', 'p.id', 'pi.lead_id')
    .selectAll('pi')
    .select('b.name as bodyName')
    .select(sql<string | null>`case when p.id is null then null else coalesce(p.name, p.role_title, 'Unnamed person') end`.as('leadLabel'))
    .where('pi.partnership_id', '=', partnershipId)
}

export async function listItems(db: Executor, partnershipId: string, filter: { bodyId?: string | undefined; archived: boolean }): Promise<PlannedItemRow[]> {
  let query = itemsWithNames(db, partnershipId).where('pi.archived_at', filter.archived ? 'is not' : 'is', null)
  if (filter.bodyId) query = query.where('pi.body_id', '=', filter.bodyId)
  return query
    .orderBy(sql`lower(b.name)`)
    .orderBy('pi.first_due_on')
    .orderBy(sql`lower(pi.title)`)
    .execute()
}

export async function findItem(db: Executor, partnershipId: string, id: string): Promise<PlannedItemRow | undefined> {
  return itemsWithNames(db, partnershipId).where('pi.id', '=', id).executeTakeFirst()
}

/** The meetings (not cancelled) of the given bodies from an instant on: one query for every body on the plan. */
export async function meetingsFrom(db: Executor, partnershipId: string, bodyIds: readonly string[], from: Date): Promise<PlanMeeting[]> {
  if (!bodyIds.length) return []
  return db
    .selectFrom('meetings')
    .select(['id', 'body_id', 'starts_at', 'status'])
    .where('partnership_id', '=', partnershipId)
    .where('body_id', 'in', bodyIds)
    .where('status', '!=', 'cancelled')
    .where('starts_at', '>=', from)
    .orderBy('starts_at')
    .execute()
}

function values(input: PlannedItemInput) {
  return {
    body_id: input.bodyId,
    title: input.title,
    purpose: input.purpose,
    lead_id: input.leadId,
    first_due_on: input.firstDueOn,
    recurrence: input.recurrence,
    ends_on: input.endsOn,
  }
}

export async function insertItem(db: Executor, partnershipId: string, input: PlannedItemInput): Promise<PlannedItem> {
  return db
    .insertInto('planned_items')
    .values({ partnership_id: partnershipId, ...values(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Changes the item only if it is still at the version the form was opened at. */
export async function updateItem(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: ReturnType<typeof values> | { archived_at: Date | null },
): Promise<PlannedItem | undefined> {
  return db
    .updateTable('planned_items')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export { values as itemValues }

export async function findPerson(db: Executor, partnershipId: string, id: string): Promise<{ id: string; archived_at: Date | null } | undefined> {
  return db.selectFrom('people').select(['id', 'archived_at']).where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
}
