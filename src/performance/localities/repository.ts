import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { AreasTable } from '../../platform/db/performance-tables.ts'
import type { LocalityKind } from './model.ts'

export type Area = Selectable<AreasTable>
export interface LocalityRow extends Area {
  parentName: string | null
  valueCount: number
}

/** The partnership's own area (the local authority it serves), when it has one. */
export async function partnershipArea(db: Executor, partnershipId: string): Promise<{ code: string; name: string } | undefined> {
  return db
    .selectFrom('partnerships as p')
    .innerJoin('areas as a', 'a.code', 'p.area_code')
    .select(['a.code', 'a.name'])
    .where('p.id', '=', partnershipId)
    .executeTakeFirst()
}

/** The partnership's localities and wards with their parents and how many values are stored against each: localities first, then wards, by name. */
export async function listLocalities(db: Executor, partnershipId: string): Promise<LocalityRow[]> {
  return db
    .selectFrom('areas as a')
    .leftJoin('areas as parent', 'parent.code', 'a.parent_code')
    .selectAll('a')
    .select('parent.name as parentName')
    .select((eb) =>
      eb
        .selectFrom('indicator_values as v')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('v.area_code', '=', 'a.code')
        .where('v.partnership_id', '=', partnershipId)
        .as('valueCount'),
    )
    .where('a.partnership_id', '=', partnershipId)
    .orderBy(sql`case a.kind when 'locality' then 0 else 1 end`)
    .orderBy('a.name')
    .execute() as Promise<LocalityRow[]>
}

export async function findLocality(db: Executor, partnershipId: string, code: string): Promise<Area | undefined> {
  return db.selectFrom('areas').selectAll().where('partnership_id', '=', partnershipId).where('code', '=', code).executeTakeFirst()
}

/**
 * Adds the area unless its code is already in the register. Another
 * partnership's areas are invisible here, so the clash is found by the key
 * itself rather than by looking: nothing comes back when the code is taken.
 */
export async function insertLocality(
  db: Executor,
  partnershipId: string,
  area: { code: string; name: string; kind: LocalityKind; parentCode: string },
): Promise<Area | undefined> {
  return db
    .insertInto('areas')
    .values({ code: area.code, partnership_id: partnershipId, name: area.name, kind: area.kind, parent_code: area.parentCode })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst()
}

/** Changes the name and parent only if they are still what the form was opened at. */
export async function updateLocality(
  db: Executor,
  partnershipId: string,
  code: string,
  opened: Area,
  change: { name: string; parentCode: string },
): Promise<Area | undefined> {
  return db
    .updateTable('areas')
    .set({ name: change.name, parent_code: change.parentCode })
    .where('partnership_id', '=', partnershipId)
    .where('code', '=', code)
    .where('name', '=', opened.name)
    .where(sql<boolean>`parent_code is not distinct from ${opened.parent_code}`)
    .returningAll()
    .executeTakeFirst()
}
