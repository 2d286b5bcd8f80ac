import type { Executor } from '../../platform/db/database.ts'

// Platform-wide: partnerships are created and listed by operators, as the
// owner role, before any transaction enters a partnership.

export interface PartnershipSummary {
  id: string
  slug: string
  name: string
  areaCode: string | null
  areaName: string | null
  isPublished: boolean
  createdAt: Date
  members: number
}

export async function listPartnerships(db: Executor): Promise<PartnershipSummary[]> {
  return db
    .selectFrom('partnerships as p')
    .leftJoin('areas as a', (join) => join.onRef('a.code', '=', 'p.area_code').on('a.partnership_id', 'is', null))
    .select((eb) => [
      'p.id',
      'p.slug',
      'p.name',
      'p.area_code as areaCode',
      'a.name as areaName',
      'p.is_published as isPublished',
      eb.ref('p.created_at').as('createdAt'),
      eb.selectFrom('memberships as m').whereRef('m.partnership_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('members'),
    ])
    .orderBy('p.name')
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, members: Number(row.members ?? 0) })))
}

/** A local authority in the shared register of areas (not a partnership's own locality). */
export async function findLocalAuthority(db: Executor, code: string) {
  return db
    .selectFrom('areas')
    .select(['code', 'name'])
    .where('code', '=', code)
    .where('kind', '=', 'local-authority')
    .where('partnership_id', 'is', null)
    .executeTakeFirst()
}

export async function localAuthorities(db: Executor) {
  return db.selectFrom('areas').select(['code', 'name']).where('kind', '=', 'local-authority').where('partnership_id', 'is', null).orderBy('name').execute()
}

/** Undefined when the slug is taken (even by a partnership created a moment ago). */
export async function insertPartnership(db: Executor, values: { slug: string; name: string; areaCode: string | null }) {
  return db
    .insertInto('partnerships')
    .values({ slug: values.slug, name: values.name, area_code: values.areaCode })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst()
}
