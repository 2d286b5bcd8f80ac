import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { Group, ScorecardIndicator, ScorecardTarget, ScorecardValue } from './model.ts'

// The scorecard's reads, each one query whatever the number of indicators, so
// the page costs the same few round trips for six indicators or three hundred.

export interface ScorecardIndicatorRow extends ScorecardIndicator {
  target_lead_id: string | null
  owning_body_id: string | null
  targetLeadLabel: string | null
  /** The lead's job title alone: what the public scorecard names. */
  targetLeadRole: string | null
  owningBodyName: string | null
}

export async function scorecardIndicators(db: Executor, partnershipId: string, indicatorId?: string): Promise<ScorecardIndicatorRow[]> {
  let query = db
    .selectFrom('indicators as i')
    .leftJoin('people as p', 'p.id', 'i.target_lead_id')
    .leftJoin('bodies as b', 'b.id', 'i.owning_body_id')
    .select([
      'i.id',
      'i.title',
      'i.polarity',
      'i.value_type',
      'i.multiplier',
      'i.decimal_places',
      'i.comparison_method',
      'i.period_type',
      'i.small_number_threshold',
      'i.target_lead_id',
      'i.owning_body_id',
    ])
    .select(sql<string | null>`case when p.id is null then null else coalesce(p.name, p.role_title, 'Unnamed person') end`.as('targetLeadLabel'))
    .select(sql<string | null>`coalesce(p.role_title, p.job_title)`.as('targetLeadRole'))
    .select('b.name as owningBodyName')
    .where('i.partnership_id', '=', partnershipId)
  query = indicatorId ? query.where('i.id', '=', indicatorId) : query.where('i.archived_at', 'is', null)
  return query.orderBy(sql`lower(i.title)`).execute()
}

/** Every current comparator group with its areas, in one query. */
export async function groupsWithAreas(db: Executor, partnershipId: string): Promise<(Group & { kind: string })[]> {
  const rows = await db
    .selectFrom('comparator_groups as g')
    .leftJoin('comparator_group_areas as ga', 'ga.group_id', 'g.id')
    .select(['g.id', 'g.name', 'g.kind', 'ga.area_code'])
    .where('g.partnership_id', '=', partnershipId)
    .where('g.archived_at', 'is', null)
    .orderBy(sql`case g.kind when 'england' then 0 when 'region' then 1 when 'regional-partnership' then 2 when 'statistical-neighbours' then 3 else 4 end`)
    .orderBy(sql`lower(g.name)`)
    .execute()
  const groups = new Map<string, Group & { kind: string; areaCodes: string[] }>()
  for (const row of rows) {
    const group = groups.get(row.id) ?? { id: row.id, name: row.name, kind: row.kind, areaCodes: [] }
    if (row.area_code) group.areaCodes.push(row.area_code)
    groups.set(row.id, group)
  }
  return [...groups.values()]
}

/**
 * The values a scorecard reads: no category (breakdowns by group belong to the
 * gap page), for the given areas, of every current indicator or one.
 */
export async function headlineValues(
  db: Executor,
  partnershipId: string,
  areaCodes: readonly string[],
  indicatorId?: string,
): Promise<(ScorecardValue & { indicator_id: string })[]> {
  if (!areaCodes.length) return []
  let query = db
    .selectFrom('indicator_values as v')
    .select([
      'v.indicator_id',
      'v.area_code',
      'v.period_starts_on',
      'v.sex',
      'v.age',
      'v.count',
      'v.denominator',
      'v.value',
      'v.lower_95',
      'v.upper_95',
      'v.lower_998',
      'v.upper_998',
      'v.illustrative',
      'v.updated_at',
    ])
    .where('v.partnership_id', '=', partnershipId)
    .where('v.category_type', '=', '')
    .where('v.area_code', 'in', [...areaCodes])
  if (indicatorId) query = query.where('v.indicator_id', '=', indicatorId)
  else
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('indicators as i').select('i.id').whereRef('i.id', '=', 'v.indicator_id').where('i.archived_at', 'is', null)),
    )
  // Dates arrive as 'YYYY-MM-DD' from both drivers (platform/db/database.ts sets the parsers).
  return query.execute()
}

export async function targetsOf(db: Executor, partnershipId: string, indicatorId?: string): Promise<(ScorecardTarget & { indicator_id: string })[]> {
  let query = db
    .selectFrom('targets')
    .select(['id', 'indicator_id', 'period_starts_on', 'kind', 'value', 'group_id', 'amber_tolerance', 'version'])
    .where('partnership_id', '=', partnershipId)
  if (indicatorId) query = query.where('indicator_id', '=', indicatorId)
  return query.orderBy('period_starts_on', 'desc').execute()
}
