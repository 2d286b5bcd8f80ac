import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { Person } from '../../platform/db/tables.ts'
import { escapeLike } from '../../platform/db/like.ts'
import type { PeopleFilters, PersonInput } from './schema.ts'

export interface PersonRow extends Person {
  organisationName: string | null
  /** Set when the person's organisation has since been archived, so pages can say so. */
  organisationArchivedAt: Date | null
}

function withOrganisation(db: Executor, partnershipId: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .selectAll('p')
    .select(['o.name as organisationName', 'o.archived_at as organisationArchivedAt'])
    .where('p.partnership_id', '=', partnershipId)
}

export async function listPeople(db: Executor, partnershipId: string, filters: PeopleFilters): Promise<PersonRow[]> {
  let query = withOrganisation(db, partnershipId)
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`
    query = query.where((eb) => eb.or([eb('p.name', 'ilike', pattern), eb('p.role_title', 'ilike', pattern), eb('p.job_title', 'ilike', pattern)]))
  }
  if (filters.organisation) query = query.where('p.organisation_id', '=', filters.organisation)
  if (filters.status === 'active') query = query.where('p.archived_at', 'is', null)
  if (filters.status === 'archived') query = query.where('p.archived_at', 'is not', null)
  return query.orderBy(sql`lower(coalesce(p.name, p.role_title))`).execute()
}

export async function findPerson(db: Executor, partnershipId: string, id: string): Promise<PersonRow | undefined> {
  return withOrganisation(db, partnershipId).where('p.id', '=', id).executeTakeFirst()
}

export async function insertPerson(db: Executor, partnershipId: string, input: PersonInput): Promise<Person> {
  return db
    .insertInto('people')
    .values({
      partnership_id: partnershipId,
      name: input.name,
      role_title: input.roleTitle,
      job_title: input.jobTitle,
      organisation_id: input.organisationId,
      email: input.email,
      user_id: input.userId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updatePerson(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: Partial<Pick<Person, 'name' | 'role_title' | 'job_title' | 'organisation_id' | 'email' | 'user_id' | 'archived_at'>>,
): Promise<Person | undefined> {
  return db
    .updateTable('people')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/** The partnership's user accounts, for linking a person to the account they sign in with. */
export async function partnershipAccounts(db: Executor, partnershipId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name as displayName', 'u.email'])
    .where('m.partnership_id', '=', partnershipId)
    .orderBy('u.display_name')
    .execute()
}

export async function findPersonByAccount(db: Executor, partnershipId: string, userId: string): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('partnership_id', '=', partnershipId).where('user_id', '=', userId).executeTakeFirst()
}
