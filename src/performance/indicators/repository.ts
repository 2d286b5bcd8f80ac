import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { IndicatorsTable } from '../../platform/db/performance-tables.ts'
import type { IndicatorFilters, IndicatorInput } from './schema.ts'

export type Indicator = Selectable<IndicatorsTable>

export interface IndicatorRow extends Indicator {
  targetLeadLabel: string | null
  owningBodyName: string | null
}

// Every query names the partnership even though row-level security would refuse other partnerships' rows.

function withNames(db: Executor, partnershipId: string) {
  return db
    .selectFrom('indicators as i')
    .leftJoin('people as p', 'p.id', 'i.target_lead_id')
    .leftJoin('bodies as b', 'b.id', 'i.owning_body_id')
    .selectAll('i')
    .select(sql<string | null>`case when p.id is null then null else coalesce(p.name, p.role_title, 'Unnamed person') end`.as('targetLeadLabel'))
    .select('b.name as owningBodyName')
    .where('i.partnership_id', '=', partnershipId)
}

export async function listIndicators(db: Executor, partnershipId: string, filters: IndicatorFilters): Promise<IndicatorRow[]> {
  let query = withNames(db, partnershipId).where('i.archived_at', filters.archived ? 'is not' : 'is', null)
  if (filters.body) query = query.where('i.owning_body_id', '=', filters.body)
  if (filters.lead) query = query.where('i.target_lead_id', '=', filters.lead)
  if (filters.outcome) {
    const outcome = filters.outcome
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('indicator_outcomes as io').select('io.indicator_id').whereRef('io.indicator_id', '=', 'i.id').where('io.outcome_id', '=', outcome),
      ),
    )
  }
  return query.orderBy(sql`lower(i.title)`).execute()
}

export async function findIndicator(db: Executor, partnershipId: string, id: string): Promise<IndicatorRow | undefined> {
  return withNames(db, partnershipId).where('i.id', '=', id).executeTakeFirst()
}

export async function findByTitle(db: Executor, partnershipId: string, title: string): Promise<Indicator | undefined> {
  return db
    .selectFrom('indicators')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where(sql`lower(title)`, '=', sql<string>`lower(${title})`)
    .executeTakeFirst()
}

export async function findByFingertipsId(db: Executor, partnershipId: string, externalId: string): Promise<Indicator | undefined> {
  return db
    .selectFrom('indicators')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('external_source', '=', 'fingertips')
    .where('external_id', '=', externalId)
    .executeTakeFirst()
}

function columns(input: IndicatorInput) {
  return {
    title: input.title,
    description: input.description,
    rationale: input.rationale,
    source: input.source,
    unit: input.unit,
    value_type: input.valueType,
    multiplier: input.multiplier,
    decimal_places: input.decimalPlaces,
    polarity: input.polarity,
    frequency: input.frequency,
    period_type: input.periodType,
    comparison_method: input.comparisonMethod,
    small_number_threshold: input.smallNumberThreshold,
    target_lead_id: input.targetLeadId,
    owning_body_id: input.owningBodyId,
    external_source: input.fingertipsId ? ('fingertips' as const) : null,
    external_id: input.fingertipsId,
  }
}

export async function insertIndicator(db: Executor, partnershipId: string, input: IndicatorInput): Promise<Indicator> {
  return db
    .insertInto('indicators')
    .values({ partnership_id: partnershipId, ...columns(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updateIndicator(db: Executor, partnershipId: string, id: string, version: number, input: IndicatorInput): Promise<Indicator | undefined> {
  return db
    .updateTable('indicators')
    .set({ ...columns(input), updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('archived_at', 'is', null)
    .returningAll()
    .executeTakeFirst()
}

export async function setArchived(db: Executor, partnershipId: string, id: string, version: number, archived: boolean): Promise<Indicator | undefined> {
  return db
    .updateTable('indicators')
    .set({ archived_at: archived ? new Date() : null, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/** The outcomes each indicator measures, for a page of indicators in one query. */
export async function outcomeLinks(
  db: Executor,
  partnershipId: string,
  indicatorIds: readonly string[],
): Promise<{ indicator_id: string; outcome_id: string }[]> {
  if (!indicatorIds.length) return []
  return db
    .selectFrom('indicator_outcomes')
    .select(['indicator_id', 'outcome_id'])
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', 'in', indicatorIds)
    .execute()
}

export async function replaceOutcomes(db: Executor, partnershipId: string, indicatorId: string, outcomeIds: readonly string[]): Promise<void> {
  await db.deleteFrom('indicator_outcomes').where('partnership_id', '=', partnershipId).where('indicator_id', '=', indicatorId).execute()
  if (outcomeIds.length) {
    await db
      .insertInto('indicator_outcomes')
      .values(outcomeIds.map((outcome_id) => ({ partnership_id: partnershipId, indicator_id: indicatorId, outcome_id })))
      .execute()
  }
}

/** Whether the outcomes exist in this partnership (any framework version). */
export async function knownOutcomes(db: Executor, partnershipId: string, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return []
  const rows = await db.selectFrom('outcomes').select('id').where('partnership_id', '=', partnershipId).where('id', 'in', ids).execute()
  return rows.map((r) => r.id)
}
