import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { PartnershipsTable } from '../../platform/db/tables.ts'
import type { SettingsInput } from './schema.ts'

export type Partnership = Selectable<PartnershipsTable>

export async function findPartnership(db: Executor, id: string): Promise<Partnership | undefined> {
  return db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The local authorities of the shared register: a partnership serves one, whose code its scorecard and charts read. */
export async function localAuthorities(db: Executor): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('areas').select(['code', 'name']).where('kind', '=', 'local-authority').where('partnership_id', 'is', null).orderBy('name').execute()
}

export async function updatePartnership(db: Executor, id: string, version: number, input: SettingsInput): Promise<Partnership | undefined> {
  return db
    .updateTable('partnerships')
    .set({ name: input.name, description: input.description, area_code: input.areaCode, is_published: input.isPublished, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/** The area the partnership serves, with its name, or null when none is set: what the scorecard and charts are of. */
export async function partnershipArea(db: Executor, partnershipId: string): Promise<{ code: string; name: string } | null> {
  const row = await db
    .selectFrom('partnerships as p')
    .innerJoin('areas as a', 'a.code', 'p.area_code')
    .select(['a.code', 'a.name'])
    .where('p.id', '=', partnershipId)
    .executeTakeFirst()
  return row ?? null
}
