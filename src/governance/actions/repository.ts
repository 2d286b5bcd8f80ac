import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/tables.ts'
import type { ActionFilters, ActionInput, ActionUpdateInput } from './schema.ts'

export type Action = Selectable<Database['actions']>
export type ActionUpdate = Selectable<Database['action_updates']>
export interface ActionRow extends Action {
  bodyName: string
  ownerLabel: string | null
  meetingStartsAt: Date | null
  itemTitle: string | null
}

function selectActions(db: Executor, partnershipId: string) {
  return db
    .selectFrom('actions as a')
    .innerJoin('bodies as b', 'b.id', 'a.body_id')
    .leftJoin('people as p', 'p.id', 'a.owner_id')
    .leftJoin('meetings as m', 'm.id', 'a.meeting_id')
    .leftJoin('agenda_items as i', 'i.id', 'a.agenda_item_id')
    .selectAll('a')
    .select(['b.name as bodyName', 'm.starts_at as meetingStartsAt', 'i.title as itemTitle'])
    .select(sql<string | null>`case when p.id is null then null else coalesce(p.name, p.role_title, 'Unnamed person') end`.as('ownerLabel'))
    .where('a.partnership_id', '=', partnershipId)
}

/** Overdue ones first, then by due date (undated last): the order people work through them. */
export async function listActions(db: Executor, partnershipId: string, filters: ActionFilters & { ownerUserId?: string }, today: string): Promise<ActionRow[]> {
  let query = selectActions(db, partnershipId)
  if (filters.body) query = query.where('a.body_id', '=', filters.body)
  if (filters.owner) query = query.where('a.owner_id', '=', filters.owner)
  if (filters.ownerUserId) query = query.where('p.user_id', '=', filters.ownerUserId)
  if (filters.status === 'outstanding' || filters.overdue) query = query.where('a.status', 'in', ['open', 'in-progress'])
  else if (filters.status !== 'all') query = query.where('a.status', '=', filters.status)
  if (filters.overdue) query = query.where('a.due_on', '<', today)
  return query
    .orderBy(sql`case when a.due_on < ${today} and a.status in ('open', 'in-progress') then 0 else 1 end`)
    .orderBy(sql`a.due_on asc nulls last`)
    .orderBy('a.created_at')
    .execute() as Promise<ActionRow[]>
}

export async function findAction(db: Executor, partnershipId: string, id: string): Promise<ActionRow | undefined> {
  return selectActions(db, partnershipId).where('a.id', '=', id).executeTakeFirst() as Promise<ActionRow | undefined>
}

export async function updatesOf(db: Executor, partnershipId: string, actionId: string): Promise<ActionUpdate[]> {
  return db
    .selectFrom('action_updates')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('action_id', '=', actionId)
    .orderBy('created_at', 'desc')
    .execute()
}

export async function insertAction(db: Executor, partnershipId: string, input: ActionInput): Promise<Action> {
  return db
    .insertInto('actions')
    .values({
      partnership_id: partnershipId,
      body_id: input.bodyId,
      meeting_id: input.meetingId,
      agenda_item_id: input.agendaItemId,
      description: input.description,
      owner_id: input.ownerId,
      due_on: input.dueOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updateAction(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: Partial<Pick<Action, 'description' | 'owner_id' | 'due_on' | 'status'>>,
): Promise<Action | undefined> {
  return db
    .updateTable('actions')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export async function insertUpdate(
  db: Executor,
  partnershipId: string,
  actionId: string,
  input: ActionUpdateInput,
  authorLabel: string,
): Promise<ActionUpdate> {
  return db
    .insertInto('action_updates')
    .values({ partnership_id: partnershipId, action_id: actionId, note: input.note, status: input.status, author_label: authorLabel })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Where a new action comes from: a meeting (and item) fixes its body. */
export async function originOf(db: Executor, partnershipId: string, meetingId: string | null, itemId: string | null) {
  if (itemId) {
    return db
      .selectFrom('agenda_items as i')
      .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
      .select(['m.body_id as bodyId', 'm.id as meetingId', 'i.id as agendaItemId'])
      .where('i.partnership_id', '=', partnershipId)
      .where('i.id', '=', itemId)
      .executeTakeFirst()
  }
  if (meetingId) {
    return db
      .selectFrom('meetings as m')
      .select(['m.body_id as bodyId', 'm.id as meetingId', sql<null>`null`.as('agendaItemId')])
      .where('m.partnership_id', '=', partnershipId)
      .where('m.id', '=', meetingId)
      .executeTakeFirst()
  }
  return undefined
}
