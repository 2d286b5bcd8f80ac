import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { AreaKind, IndicatorValuesTable } from '../../platform/db/performance-tables.ts'
import type { ValueInput } from './schema.ts'

export type IndicatorValue = Selectable<IndicatorValuesTable>
export interface ValueRow extends IndicatorValue {
  areaName: string
  areaKind: AreaKind
}

/** A page of an indicator's values (or one area's), newest period first, in the order of the index that serves it. */
export async function valuesOf(
  db: Executor,
  partnershipId: string,
  indicatorId: string,
  areaCode: string | undefined,
  page: { limit: number; offset: number },
): Promise<ValueRow[]> {
  let query = db
    .selectFrom('indicator_values as v')
    .innerJoin('areas as a', 'a.code', 'v.area_code')
    .selectAll('v')
    .select(['a.name as areaName', 'a.kind as areaKind'])
    .where('v.partnership_id', '=', partnershipId)
    .where('v.indicator_id', '=', indicatorId)
  if (areaCode) query = query.where('v.area_code', '=', areaCode)
  return query
    .orderBy('v.period_starts_on', 'desc')
    .orderBy('v.area_code')
    .orderBy('v.sex')
    .orderBy('v.age')
    .orderBy('v.category_type')
    .orderBy('v.category_rank')
    .orderBy('v.category')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

/** How many values there are, counting no further than `upTo` (so the count costs no more than the pages that can be shown). */
export async function countValues(db: Executor, partnershipId: string, indicatorId: string, areaCode: string | undefined, upTo: number): Promise<number> {
  let query = db.selectFrom('indicator_values').select('id').where('partnership_id', '=', partnershipId).where('indicator_id', '=', indicatorId)
  if (areaCode) query = query.where('area_code', '=', areaCode)
  const row = await db
    .selectFrom(query.limit(upTo).as('v'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findValue(db: Executor, partnershipId: string, id: string): Promise<ValueRow | undefined> {
  return db
    .selectFrom('indicator_values as v')
    .innerJoin('areas as a', 'a.code', 'v.area_code')
    .selectAll('v')
    .select(['a.name as areaName', 'a.kind as areaKind'])
    .where('v.partnership_id', '=', partnershipId)
    .where('v.id', '=', id)
    .executeTakeFirst()
}

/** The areas a partnership enters values for: its own area, the areas of its comparator groups and its localities. */
export async function areaChoices(db: Executor, partnershipId: string): Promise<{ code: string; name: string; kind: AreaKind }[]> {
  return db
    .selectFrom('areas as a')
    .select(['a.code', 'a.name', 'a.kind'])
    .where((eb) =>
      eb.or([
        eb('a.partnership_id', '=', partnershipId),
        eb(
          'a.code',
          'in',
          eb
            .selectFrom('partnerships')
            .select('area_code')
            .where('id', '=', partnershipId)
            .where('area_code', 'is not', null)
            .$narrowType<{ area_code: string }>(),
        ),
        eb(
          'a.code',
          'in',
          eb
            .selectFrom('comparator_group_areas as ga')
            .innerJoin('comparator_groups as g', 'g.id', 'ga.group_id')
            .select('ga.area_code')
            .where('ga.partnership_id', '=', partnershipId)
            .where('g.archived_at', 'is', null),
        ),
      ]),
    )
    .orderBy(sql`case a.kind when 'country' then 0 when 'region' then 1 else 2 end`)
    .orderBy('a.name')
    .execute()
}

export interface ValueKey {
  areaCode: string
  periodStartsOn: string
  sex: string
  age: string
  categoryType: string
  category: string
}

export async function findByKey(db: Executor, partnershipId: string, indicatorId: string, key: ValueKey): Promise<IndicatorValue | undefined> {
  return db
    .selectFrom('indicator_values')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', '=', indicatorId)
    .where('area_code', '=', key.areaCode)
    .where('period_starts_on', '=', key.periodStartsOn)
    .where('sex', '=', key.sex as IndicatorValue['sex'])
    .where('age', '=', key.age)
    .where('category_type', '=', key.categoryType)
    .where('category', '=', key.category)
    .executeTakeFirst()
}

function columns(input: ValueInput, periodStartsOn: string) {
  return {
    area_code: input.areaCode,
    period_starts_on: periodStartsOn,
    sex: input.sex,
    age: input.age,
    category_type: input.categoryType,
    category: input.category,
    count: input.count,
    denominator: input.denominator,
    value: input.value,
    lower_95: input.lower95,
    upper_95: input.upper95,
    lower_998: input.lower998,
    upper_998: input.upper998,
    note: input.note,
    illustrative: input.illustrative,
  }
}

/** What an import or a published source adds beyond the form: the group's order within its breakdown, and the import it came in. */
export interface ValueProvenance {
  categoryRank?: number | null
  importId?: string | null
}

export async function insertValue(
  db: Executor,
  partnershipId: string,
  indicatorId: string,
  input: ValueInput,
  periodStartsOn: string,
  provenance: ValueProvenance = {},
): Promise<IndicatorValue> {
  return db
    .insertInto('indicator_values')
    .values({
      partnership_id: partnershipId,
      indicator_id: indicatorId,
      ...columns(input, periodStartsOn),
      category_rank: provenance.categoryRank ?? null,
      import_id: provenance.importId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updateValue(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  input: ValueInput,
  periodStartsOn: string,
): Promise<IndicatorValue | undefined> {
  return db
    .updateTable('indicator_values')
    .set({ ...columns(input, periodStartsOn), import_id: null, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export async function deleteValue(db: Executor, partnershipId: string, id: string, version: number): Promise<IndicatorValue | undefined> {
  return db
    .deleteFrom('indicator_values')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}
