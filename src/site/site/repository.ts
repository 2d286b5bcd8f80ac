import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import type { Trx } from '../../platform/db/tenancy.ts'

/** A partnership by its public address, only if it has chosen to publish. */
export function publishedPartnership(db: Db, slug: string) {
  return db
    .selectFrom('partnerships')
    .select(['id', 'slug', 'name', 'description', 'area_code'])
    .where('slug', '=', slug)
    .where('is_published', '=', true)
    .executeTakeFirst()
}

/** The partner organisations a public page lists: the current ones, by name, without contact details. */
export function publicOrganisations(trx: Trx, partnershipId: string) {
  return trx
    .selectFrom('organisations')
    .select(['name', 'sector', 'is_statutory', 'website'])
    .where('partnership_id', '=', partnershipId)
    .where('archived_at', 'is', null)
    .orderBy(sql`lower(name)`)
    .execute()
}
