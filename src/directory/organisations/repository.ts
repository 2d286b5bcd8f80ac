import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import { escapeLike } from '../../platform/db/like.ts'
import type { Organisation } from '../../platform/db/tables.ts'
import type { OrganisationFilters, OrganisationInput } from './schema.ts'

export interface OrganisationRow extends Organisation {
  peopleCount: number
}

// Every query names the partnership even though row-level security would
// refuse other partnerships' rows: two walls, not one.
export async function listOrganisations(db: Executor, partnershipId: string, filters: OrganisationFilters): Promise<OrganisationRow[]> {
  let query = db
    .selectFrom('organisations as o')
    .selectAll('o')
    .select((eb) =>
      eb
        .selectFrom('people as p')
        .whereRef('p.organisation_id', '=', 'o.id')
        .where('p.archived_at', 'is', null)
        .select(eb.fn.countAll<number>().as('n'))
        .as('peopleCount'),
    )
    .where('o.partnership_id', '=', partnershipId)
  if (filters.q) query = query.where('o.name', 'ilike', `%${escapeLike(filters.q)}%`)
  if (filters.sector) query = query.where('o.sector', '=', filters.sector)
  if (filters.statutory) query = query.where('o.is_statutory', '=', filters.statutory === 'yes')
  if (filters.status === 'active') query = query.where('o.archived_at', 'is', null)
  if (filters.status === 'archived') query = query.where('o.archived_at', 'is not', null)
  const rows = await query.orderBy(sql`lower(o.name)`).execute()
  return rows.map((row) => ({ ...row, peopleCount: Number(row.peopleCount ?? 0) }))
}

export async function findOrganisation(db: Executor, partnershipId: string, id: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
}

export async function findOrganisationByName(db: Executor, partnershipId: string, name: string): Promise<Organisation | undefined> {
  return (
    db
      .selectFrom('organisations')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      // lower() on both sides, as in the unique index: JavaScript and PostgreSQL fold some letters differently.
      .where(sql`lower(name)`, '=', sql<string>`lower(${name})`)
      .executeTakeFirst()
  )
}

export async function insertOrganisation(db: Executor, partnershipId: string, input: OrganisationInput): Promise<Organisation> {
  return db
    .insertInto('organisations')
    .values({
      partnership_id: partnershipId,
      name: input.name,
      sector: input.sector,
      is_statutory: input.isStatutory,
      website: input.website,
      description: input.description,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Updates only if the version still matches; undefined means someone else got there first. */
export async function updateOrganisation(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: Partial<Pick<Organisation, 'name' | 'sector' | 'is_statutory' | 'website' | 'description' | 'archived_at'>>,
): Promise<Organisation | undefined> {
  return db
    .updateTable('organisations')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export async function organisationOptions(db: Executor, partnershipId: string): Promise<Pick<Organisation, 'id' | 'name' | 'archived_at'>[]> {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'archived_at'])
    .where('partnership_id', '=', partnershipId)
    .orderBy(sql`lower(name)`)
    .execute()
}
