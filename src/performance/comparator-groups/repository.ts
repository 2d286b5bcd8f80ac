import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { AreaKind, AreasTable, ComparatorGroupsTable } from '../../platform/db/performance-tables.ts'
import type { GroupInput } from './schema.ts'

export type ComparatorGroup = Selectable<ComparatorGroupsTable>
export type Area = Selectable<AreasTable>

export async function listGroups(db: Executor, partnershipId: string, archived: boolean): Promise<(ComparatorGroup & { areaCount: number })[]> {
  return db
    .selectFrom('comparator_groups as g')
    .selectAll('g')
    .select((eb) =>
      eb
        .selectFrom('comparator_group_areas as a')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('a.group_id', '=', 'g.id')
        .as('areaCount'),
    )
    .where('g.partnership_id', '=', partnershipId)
    .where('g.archived_at', archived ? 'is not' : 'is', null)
    .orderBy(sql`lower(g.name)`)
    .execute() as Promise<(ComparatorGroup & { areaCount: number })[]>
}

export async function findGroup(db: Executor, partnershipId: string, id: string): Promise<ComparatorGroup | undefined> {
  return db.selectFrom('comparator_groups').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
}

export async function findGroupByName(db: Executor, partnershipId: string, name: string): Promise<ComparatorGroup | undefined> {
  return db
    .selectFrom('comparator_groups')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where(sql`lower(name)`, '=', sql<string>`lower(${name})`)
    .executeTakeFirst()
}

/** The group's areas in the order analysts expect: England, regions, then places by name. */
export async function groupAreas(db: Executor, partnershipId: string, groupId: string): Promise<Area[]> {
  return db
    .selectFrom('comparator_group_areas as ga')
    .innerJoin('areas as a', 'a.code', 'ga.area_code')
    .selectAll('a')
    .where('ga.partnership_id', '=', partnershipId)
    .where('ga.group_id', '=', groupId)
    .orderBy(sql`case a.kind when 'country' then 0 when 'region' then 1 else 2 end`)
    .orderBy('a.name')
    .execute()
}

/** The kinds of the codes found in the register: the shared areas and this partnership's own. */
export async function areaKinds(db: Executor, partnershipId: string, codes: readonly string[]): Promise<Map<string, AreaKind>> {
  if (!codes.length) return new Map()
  const rows = await db
    .selectFrom('areas')
    .select(['code', 'kind'])
    .where('code', 'in', codes)
    .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', partnershipId)]))
    .execute()
  return new Map(rows.map((r) => [r.code, r.kind]))
}

export async function insertGroup(db: Executor, partnershipId: string, input: GroupInput): Promise<ComparatorGroup> {
  return db
    .insertInto('comparator_groups')
    .values({ partnership_id: partnershipId, name: input.name, kind: input.kind, description: input.description })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updateGroup(db: Executor, partnershipId: string, id: string, version: number, input: GroupInput): Promise<ComparatorGroup | undefined> {
  return db
    .updateTable('comparator_groups')
    .set({ name: input.name, kind: input.kind, description: input.description, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('archived_at', 'is', null)
    .returningAll()
    .executeTakeFirst()
}

export async function setArchived(db: Executor, partnershipId: string, id: string, version: number, archived: boolean): Promise<ComparatorGroup | undefined> {
  return db
    .updateTable('comparator_groups')
    .set({ archived_at: archived ? new Date() : null, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export async function replaceAreas(db: Executor, partnershipId: string, groupId: string, codes: readonly string[]): Promise<void> {
  await db.deleteFrom('comparator_group_areas').where('partnership_id', '=', partnershipId).where('group_id', '=', groupId).execute()
  if (codes.length) {
    await db
      .insertInto('comparator_group_areas')
      .values(codes.map((area_code) => ({ partnership_id: partnershipId, group_id: groupId, area_code })))
      .execute()
  }
}
