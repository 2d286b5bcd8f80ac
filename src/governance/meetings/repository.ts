import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import { personLabelSql as personLabel } from '../../directory/lookups.ts'
import type { AttendanceStatus, Database } from '../../platform/db/tables.ts'
import type { Selectable } from 'kysely'
import type { AgendaItemInput, AttendanceInput, DecisionInput, MeetingFilters, MeetingInput, RecommendationInput } from './schema.ts'

export type Meeting = Selectable<Database['meetings']>
export type AgendaItem = Selectable<Database['agenda_items']>
export type Recommendation = Selectable<Database['recommendations']>

export interface MeetingRow extends Meeting {
  bodyName: string
  itemCount: number
}

/** How a person is shown, the same in every query: their name, or failing that the role they hold. */

export async function listMeetings(db: Executor, partnershipId: string, filters: MeetingFilters, now: Date): Promise<MeetingRow[]> {
  let query = db
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .selectAll('m')
    .select('b.name as bodyName')
    .select((eb) => eb.selectFrom('agenda_items as i').whereRef('i.meeting_id', '=', 'm.id').select(eb.fn.countAll<number>().as('n')).as('itemCount'))
    .where('m.partnership_id', '=', partnershipId)
  if (filters.body) query = query.where('m.body_id', '=', filters.body)
  if (filters.when === 'upcoming') query = query.where('m.starts_at', '>=', now)
  if (filters.when === 'past') query = query.where('m.starts_at', '<', now)
  const rows = await query.orderBy('m.starts_at', filters.when === 'past' ? 'desc' : 'asc').execute()
  return rows.map((row) => ({ ...row, itemCount: Number(row.itemCount ?? 0) }))
}

export async function findMeeting(db: Executor, partnershipId: string, id: string): Promise<(Meeting & { bodyName: string }) | undefined> {
  return db
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .selectAll('m')
    .select('b.name as bodyName')
    .where('m.partnership_id', '=', partnershipId)
    .where('m.id', '=', id)
    .executeTakeFirst()
}

export async function insertMeeting(db: Executor, partnershipId: string, input: MeetingInput): Promise<Meeting> {
  return db
    .insertInto('meetings')
    .values({
      partnership_id: partnershipId,
      body_id: input.bodyId,
      starts_at: input.startsAt,
      location: input.location,
      notes: input.notes,
      status: input.status,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updateMeeting(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: Partial<Pick<Meeting, 'starts_at' | 'location' | 'notes' | 'status'>>,
): Promise<Meeting | undefined> {
  return db
    .updateTable('meetings')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export interface AgendaItemRow extends AgendaItem {
  presenterLabel: string | null
  /** The uploaded paper's name and size, when the item has one. */
  paperFilename: string | null
  paperBytes: number | null
}
export interface AttendanceRow {
  person_id: string
  personLabel: string
  status: AttendanceStatus
  substitute_for_id: string | null
  substituteForLabel: string | null
}
export interface MeetingActionRow {
  id: string
  agenda_item_id: string | null
  description: string
  due_on: string | null
  status: Database['actions']['status']['__select__']
  ownerLabel: string | null
}

/**
 * Everything the meeting page shows, in a fixed number of queries however many
 * items, recommendations and attendees it has: one per kind of row, never one per row.
 */
export async function loadMeetingDetail(db: Executor, partnershipId: string, meeting: Meeting) {
  const items = await db
    .selectFrom('agenda_items as i')
    .leftJoin('people as p', 'p.id', 'i.presenter_id')
    .leftJoin('stored_files as f', (join) => join.onRef('f.id', '=', 'i.file_id').onRef('f.partnership_id', '=', 'i.partnership_id'))
    .selectAll('i')
    .select(sql<string | null>`case when p.id is null then null else ${personLabel} end`.as('presenterLabel'))
    .select(['f.filename as paperFilename', 'f.size_bytes as paperBytes'])
    .where('i.partnership_id', '=', partnershipId)
    .where('i.meeting_id', '=', meeting.id)
    .orderBy('i.position')
    .execute()
  const recommendations = await db
    .selectFrom('recommendations as r')
    .innerJoin('agenda_items as i', 'i.id', 'r.agenda_item_id')
    .selectAll('r')
    .where('r.partnership_id', '=', partnershipId)
    .where('i.meeting_id', '=', meeting.id)
    .orderBy('r.label')
    .execute()
  const attendance: AttendanceRow[] = await db
    .selectFrom('attendance as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .leftJoin('people as s', 's.id', 'a.substitute_for_id')
    .select(['a.person_id', 'a.status', 'a.substitute_for_id'])
    .select(personLabel.as('personLabel'))
    .select(sql<string | null>`case when s.id is null then null else coalesce(s.name, s.role_title, 'Unnamed person') end`.as('substituteForLabel'))
    .where('a.partnership_id', '=', partnershipId)
    .where('a.meeting_id', '=', meeting.id)
    .orderBy(sql`lower(${personLabel})`)
    .execute()
  const actions: MeetingActionRow[] = await db
    .selectFrom('actions as a')
    .leftJoin('people as p', 'p.id', 'a.owner_id')
    .select(['a.id', 'a.agenda_item_id', 'a.description', 'a.due_on', 'a.status'])
    .select(sql<string | null>`case when p.id is null then null else ${personLabel} end`.as('ownerLabel'))
    .where('a.partnership_id', '=', partnershipId)
    .where('a.meeting_id', '=', meeting.id)
    .orderBy('a.created_at')
    .execute()
  const quorum = await latestQuorum(db, partnershipId, meeting.body_id)
  return { items: items as AgendaItemRow[], recommendations, attendance, actions, quorum }
}

/** The quorum in the body's latest terms of reference; null when it has none or sets none. */
export async function latestQuorum(db: Executor, partnershipId: string, bodyId: string): Promise<number | null> {
  const row = await db
    .selectFrom('terms_of_reference')
    .select('quorum')
    .where('partnership_id', '=', partnershipId)
    .where('body_id', '=', bodyId)
    .orderBy('version_number', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.quorum ?? null
}

/** The body's members on a date, for offering in the attendance form (read here, not through the bodies feature). */
export async function currentMembers(db: Executor, partnershipId: string, bodyId: string, onDate: string) {
  return db
    .selectFrom('body_members as bm')
    .innerJoin('people as p', 'p.id', 'bm.person_id')
    .select(['bm.person_id as id', 'bm.role'])
    .select(personLabel.as('label'))
    .where('bm.partnership_id', '=', partnershipId)
    .where('bm.body_id', '=', bodyId)
    .where('bm.archived_at', 'is', null)
    .where((eb) => eb.or([eb('bm.starts_on', 'is', null), eb('bm.starts_on', '<=', onDate)]))
    .where((eb) => eb.or([eb('bm.ends_on', 'is', null), eb('bm.ends_on', '>=', onDate)]))
    .orderBy(sql`lower(${personLabel})`)
    .execute()
}

export async function findItem(db: Executor, partnershipId: string, id: string): Promise<AgendaItem | undefined> {
  return db.selectFrom('agenda_items').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
}

/** The name and size of an item's uploaded paper, for the change form. */
export async function findPaper(
  db: Executor,
  partnershipId: string,
  fileId: string | null,
): Promise<{ id: string; filename: string; size_bytes: number } | null> {
  if (!fileId) return null
  const row = await db
    .selectFrom('stored_files')
    .select(['id', 'filename', 'size_bytes'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', fileId)
    .executeTakeFirst()
  return row ?? null
}

export async function insertItem(
  db: Executor,
  partnershipId: string,
  meetingId: string,
  input: AgendaItemInput,
  fileId: string | null = null,
): Promise<AgendaItem> {
  return db
    .insertInto('agenda_items')
    .values((eb) => ({
      partnership_id: partnershipId,
      meeting_id: meetingId,
      // Added items go to the end of the agenda.
      position: eb
        .selectFrom('agenda_items')
        .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
        .where('partnership_id', '=', partnershipId)
        .where('meeting_id', '=', meetingId),
      title: input.title,
      presenter_id: input.presenterId,
      purpose: input.purpose,
      report: input.report,
      file_id: fileId,
    }))
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updateItem(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: Partial<Pick<AgendaItem, 'title' | 'presenter_id' | 'purpose' | 'report' | 'file_id' | 'position'>>,
): Promise<AgendaItem | undefined> {
  return db
    .updateTable('agenda_items')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export async function itemsOfMeeting(db: Executor, partnershipId: string, meetingId: string): Promise<AgendaItem[]> {
  return db.selectFrom('agenda_items').selectAll().where('partnership_id', '=', partnershipId).where('meeting_id', '=', meetingId).orderBy('position').execute()
}

export async function setPosition(db: Executor, partnershipId: string, id: string, position: number): Promise<void> {
  await db
    .updateTable('agenda_items')
    .set({ position, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .execute()
}

/** What stops an item being removed: decisions recorded on it, or actions arising from it. */
export async function itemDependants(db: Executor, partnershipId: string, itemId: string): Promise<{ decided: number; actions: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('recommendations')
        .select(eb.fn.countAll<number>().as('n'))
        .where('partnership_id', '=', partnershipId)
        .where('agenda_item_id', '=', itemId)
        .where('decision', 'is not', null)
        .as('decided'),
      eb
        .selectFrom('actions')
        .select(eb.fn.countAll<number>().as('n'))
        .where('partnership_id', '=', partnershipId)
        .where('agenda_item_id', '=', itemId)
        .as('actions'),
    ])
    .executeTakeFirstOrThrow()
  return { decided: Number(row.decided ?? 0), actions: Number(row.actions ?? 0) }
}

export async function deleteItem(db: Executor, partnershipId: string, itemId: string): Promise<void> {
  await db.deleteFrom('recommendations').where('partnership_id', '=', partnershipId).where('agenda_item_id', '=', itemId).execute()
  await db.deleteFrom('agenda_items').where('partnership_id', '=', partnershipId).where('id', '=', itemId).execute()
}

export async function insertRecommendation(db: Executor, partnershipId: string, itemId: string, input: RecommendationInput): Promise<Recommendation> {
  return db
    .insertInto('recommendations')
    .values({ partnership_id: partnershipId, agenda_item_id: itemId, label: input.label, text: input.text })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findRecommendation(db: Executor, partnershipId: string, id: string): Promise<Recommendation | undefined> {
  return db.selectFrom('recommendations').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
}

export async function recordDecision(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  input: DecisionInput,
): Promise<Recommendation | undefined> {
  return db
    .updateTable('recommendations')
    .set({ decision: input.decision, decision_text: input.decisionText, decided_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export async function upsertAttendance(db: Executor, partnershipId: string, meetingId: string, input: AttendanceInput) {
  return db
    .insertInto('attendance')
    .values({ partnership_id: partnershipId, meeting_id: meetingId, person_id: input.personId, status: input.status, substitute_for_id: input.substituteForId })
    .onConflict((oc) =>
      oc.columns(['partnership_id', 'meeting_id', 'person_id']).doUpdateSet({ status: input.status, substitute_for_id: input.substituteForId }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function deleteAttendance(db: Executor, partnershipId: string, meetingId: string, personId: string) {
  return db
    .deleteFrom('attendance')
    .where('partnership_id', '=', partnershipId)
    .where('meeting_id', '=', meetingId)
    .where('person_id', '=', personId)
    .returningAll()
    .executeTakeFirst()
}
