import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { BodiesTable, BodyMembersTable, MemberRole, Sector } from '../../platform/db/tables.ts'
import type { BodyInput } from './schema.ts'

export type Body = Selectable<BodiesTable>
export type BodyMember = Selectable<BodyMembersTable>

// Every query names the partnership even though row-level security would
// refuse other partnerships' rows: two walls, not one.

/** Every body of the partnership, archived ones included: the structure and the cycle check need them all, and the list filters in memory. */
export async function allBodies(db: Executor, partnershipId: string): Promise<Body[]> {
  return db
    .selectFrom('bodies')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy(sql`lower(name)`)
    .execute()
}

export async function findBody(db: Executor, partnershipId: string, id: string): Promise<Body | undefined> {
  return db.selectFrom('bodies').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
}

export async function findBodyByName(db: Executor, partnershipId: string, name: string): Promise<Body | undefined> {
  return db
    .selectFrom('bodies')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where(sql`lower(name)`, '=', sql<string>`lower(${name})`)
    .executeTakeFirst()
}

export async function insertBody(db: Executor, partnershipId: string, input: BodyInput): Promise<Body> {
  return db
    .insertInto('bodies')
    .values({
      partnership_id: partnershipId,
      name: input.name,
      short_name: input.shortName,
      kind: input.kind,
      purpose: input.purpose,
      accountable_to_id: input.accountableToId,
      established_on: input.establishedOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export type BodyChanges = Partial<
  Pick<Body, 'name' | 'short_name' | 'kind' | 'purpose' | 'accountable_to_id' | 'established_on' | 'ended_on' | 'superseded_by_id' | 'archived_at'>
>

/** Updates only if the version still matches; undefined means someone else got there first. */
export async function updateBody(db: Executor, partnershipId: string, id: string, version: number, changes: BodyChanges): Promise<Body | undefined> {
  return db
    .updateTable('bodies')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export interface MemberRow extends BodyMember {
  personName: string | null
  personRoleTitle: string | null
  personArchivedAt: Date | null
  representingName: string | null
  representingSector: Sector | null
  bodyName: string
  bodyEndedOn: string | null
  bodyArchivedAt: Date | null
}

function members(db: Executor, partnershipId: string) {
  return db
    .selectFrom('body_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .leftJoin('organisations as o', 'o.id', 'm.representing_id')
    .selectAll('m')
    .select([
      'p.name as personName',
      'p.role_title as personRoleTitle',
      'p.archived_at as personArchivedAt',
      'o.name as representingName',
      'o.sector as representingSector',
      'b.name as bodyName',
      'b.ended_on as bodyEndedOn',
      'b.archived_at as bodyArchivedAt',
    ])
    .where('m.partnership_id', '=', partnershipId)
    .where('m.archived_at', 'is', null)
}

export async function membersOfBody(db: Executor, partnershipId: string, bodyId: string): Promise<MemberRow[]> {
  return members(db, partnershipId)
    .where('m.body_id', '=', bodyId)
    .orderBy(sql`lower(coalesce(p.name, p.role_title))`)
    .execute()
}

export async function membershipsOfPerson(db: Executor, partnershipId: string, personId: string): Promise<MemberRow[]> {
  return members(db, partnershipId)
    .where('m.person_id', '=', personId)
    .orderBy(sql`lower(b.name)`)
    .orderBy('m.starts_on')
    .execute()
}

export async function findMember(db: Executor, partnershipId: string, bodyId: string, id: string): Promise<MemberRow | undefined> {
  return members(db, partnershipId).where('m.body_id', '=', bodyId).where('m.id', '=', id).executeTakeFirst()
}

export interface MemberValues {
  personId: string
  role: MemberRole
  representingId: string | null
  startsOn: string | null
  endsOn: string | null
}

export async function insertMember(db: Executor, partnershipId: string, bodyId: string, input: MemberValues): Promise<BodyMember> {
  return db
    .insertInto('body_members')
    .values({
      partnership_id: partnershipId,
      body_id: bodyId,
      person_id: input.personId,
      role: input.role,
      representing_id: input.representingId,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Takes a membership entered by mistake off the body; the row stays, archived, for the audit trail. */
export async function archiveMember(db: Executor, partnershipId: string, id: string, version: number): Promise<BodyMember | undefined> {
  return db
    .updateTable('body_members')
    .set({ archived_at: new Date(), updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('archived_at', 'is', null)
    .returningAll()
    .executeTakeFirst()
}

export async function updateMember(db: Executor, partnershipId: string, id: string, version: number, input: MemberValues): Promise<BodyMember | undefined> {
  return db
    .updateTable('body_members')
    .set({
      person_id: input.personId,
      role: input.role,
      representing_id: input.representingId,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      updated_at: new Date(),
      version: sql`version + 1`,
    })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/**
 * The user's own current roles, by body, through the person record linked to
 * their account: on the bodies named, or on every body. A membership counts
 * from its first day; its end date is its first day off.
 */
export async function currentRolesByBody(
  db: Executor,
  partnershipId: string,
  userId: string,
  today: string,
  bodyIds?: readonly string[],
): Promise<Map<string, MemberRole[]>> {
  if (bodyIds && bodyIds.length === 0) return new Map()
  let query = db
    .selectFrom('body_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.body_id', 'm.role'])
    .where('m.partnership_id', '=', partnershipId)
    .where('p.user_id', '=', userId)
    .where('p.archived_at', 'is', null)
    .where('m.archived_at', 'is', null)
    .where((eb) => eb.or([eb('m.starts_on', 'is', null), eb('m.starts_on', '<=', today)]))
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', today)]))
  if (bodyIds) query = query.where('m.body_id', 'in', [...new Set(bodyIds)])
  const roles = new Map<string, MemberRole[]>()
  for (const row of await query.execute()) roles.set(row.body_id, [...(roles.get(row.body_id) ?? []), row.role])
  return roles
}

/** The sectors the partnership has current organisations in: the partners who could be on a body. */
export async function partnerSectors(db: Executor, partnershipId: string): Promise<Sector[]> {
  const rows = await db
    .selectFrom('organisations')
    .select('sector')
    .distinct()
    .where('partnership_id', '=', partnershipId)
    .where('archived_at', 'is', null)
    .execute()
  return rows.map((r) => r.sector)
}

export async function findPersonForMembership(db: Executor, partnershipId: string, personId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'role_title', 'organisation_id', 'archived_at'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', personId)
    .executeTakeFirst()
}

export async function findOrganisationForMembership(db: Executor, partnershipId: string, organisationId: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'archived_at'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', organisationId)
    .executeTakeFirst()
}
