import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { Sex } from '../../platform/db/performance-tables.ts'
import type { ValueRow } from '../indicator-values/index.ts'

// What the charts read besides the values: the partnership's own area, its
// localities, and the indicator's value targets.

/** The partnership's own wards and localities, the places its breakdown by locality is drawn from. */
export async function localityCodes(db: Executor, partnershipId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('areas').select('code').where('partnership_id', '=', partnershipId).where('kind', 'in', ['ward', 'locality']).execute()
  return new Set(rows.map((r) => r.code))
}

/** The indicator's value targets by the period they are for (the other kinds of target name a group, not a line to draw). */
export async function valueTargets(db: Executor, partnershipId: string, indicatorId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('targets')
    .select(['period_starts_on', 'value'])
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', '=', indicatorId)
    .where('kind', '=', 'value')
    .where('value', 'is not', null)
    .orderBy('period_starts_on')
    .execute()
  return new Map(rows.map((r) => [String(r.period_starts_on), Number(r.value)]))
}

/**
 * How far the platform's data and the partnership's have moved on (data_versions, moved at the commit of every
 * transaction that changes a table): figures read at one version are the figures until the next change.
 */
export async function dataVersion(db: Executor, partnershipId: string): Promise<string> {
  const rows = await db.selectFrom('data_versions').select(['scope', 'version']).where('scope', 'in', ['platform', partnershipId]).execute()
  const of = (scope: string) => rows.find((r) => r.scope === scope)?.version ?? 0
  return `${of('platform')}.${of(partnershipId)}`
}

/** The name of the benchmark area, England unless the register calls it otherwise. */
export async function areaName(db: Executor, code: string): Promise<string | null> {
  const row = await db.selectFrom('areas').select('name').where('code', '=', code).executeTakeFirst()
  return row?.name ?? null
}

// The values the charts draw, chosen in SQL so a page reads what a person can
// see (tens or hundreds of rows) however many values the indicator has: a
// national dataset is hundreds of thousands of rows, nearly all of other areas.

export interface HeadlineCount {
  sex: Sex
  age: string
  n: number
}

/**
 * How often each sex and age is published for the areas a page draws (as
 * whole areas), from which the headline breakdown is chosen. Counting only
 * those areas keeps to the index, whatever else a national dataset holds.
 */
export async function headlineCounts(db: Executor, partnershipId: string, indicatorId: string, areaCodes: readonly string[]): Promise<HeadlineCount[]> {
  if (!areaCodes.length) return []
  return db
    .selectFrom('indicator_values')
    .select(['sex', 'age', (eb) => eb.fn.countAll<number>().as('n')])
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', '=', indicatorId)
    .where('area_code', 'in', areaCodes)
    .where('category_type', '=', '')
    .groupBy(['sex', 'age'])
    .execute()
}

interface Headline {
  sex: Sex
  age: string
}

function valueRows(db: Executor, partnershipId: string, indicatorId: string) {
  return db
    .selectFrom('indicator_values as v')
    .innerJoin('areas as a', 'a.code', 'v.area_code')
    .selectAll('v')
    .select(['a.name as areaName', 'a.kind as areaKind'])
    .where('v.partnership_id', '=', partnershipId)
    .where('v.indicator_id', '=', indicatorId)
}

/** The headline values of the areas in their latest `periods` periods (any of them has), oldest first. */
export async function latestHeadlines(
  db: Executor,
  partnershipId: string,
  indicatorId: string,
  key: Headline,
  areaCodes: readonly string[],
  periods: number,
): Promise<ValueRow[]> {
  if (!areaCodes.length) return []
  const latest = db
    .selectFrom('indicator_values')
    .select('period_starts_on')
    .distinct()
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', '=', indicatorId)
    .where('area_code', 'in', areaCodes)
    .where('category_type', '=', '')
    .where('sex', '=', key.sex)
    .where('age', '=', key.age)
    .orderBy('period_starts_on', 'desc')
    .limit(periods)
  return valueRows(db, partnershipId, indicatorId)
    .where('v.area_code', 'in', areaCodes)
    .where('v.category_type', '=', '')
    .where('v.sex', '=', key.sex)
    .where('v.age', '=', key.age)
    .where('v.period_starts_on', 'in', latest)
    .orderBy('v.period_starts_on')
    .execute()
}

/** The headline values of the areas in the given periods. */
export async function headlinesIn(
  db: Executor,
  partnershipId: string,
  indicatorId: string,
  key: Headline,
  areaCodes: readonly string[],
  periods: readonly string[],
): Promise<ValueRow[]> {
  if (!areaCodes.length || !periods.length) return []
  return valueRows(db, partnershipId, indicatorId)
    .where('v.area_code', 'in', areaCodes)
    .where('v.category_type', '=', '')
    .where('v.sex', '=', key.sex)
    .where('v.age', '=', key.age)
    .where('v.period_starts_on', 'in', periods)
    .execute()
}

export interface BreakdownLimits {
  /** The latest periods of each breakdown. */
  periods: number
  /** Group breakdowns (besides localities), in name order. */
  breakdowns: number
  /** Rows of one breakdown in one period. */
  rows: number
}

/**
 * The rows the breakdown charts and the gap page draw: the partnership's
 * localities at the headline, and each group breakdown of its own area (at
 * the headline's sex and age when the breakdown has it, else every row), in
 * each breakdown's latest periods, within the limits.
 */
export async function breakdownRows(
  db: Executor,
  partnershipId: string,
  indicatorId: string,
  areaCode: string,
  key: Headline | null,
  limits: BreakdownLimits,
): Promise<ValueRow[]> {
  const isKey = key ? sql<boolean>`(v.sex = ${key.sex} AND v.age = ${key.age})` : sql<boolean>`false`
  const result = await sql<ValueRow>`
    WITH candidates AS (
      SELECT v.*, v.category_type AS set_key, ${isKey} AS is_key
      FROM indicator_values v
      WHERE v.partnership_id = ${partnershipId} AND v.indicator_id = ${indicatorId} AND v.area_code = ${areaCode} AND v.category_type <> ''
      UNION ALL
      SELECT v.*, '' AS set_key, true AS is_key
      FROM indicator_values v
      WHERE v.partnership_id = ${partnershipId} AND v.indicator_id = ${indicatorId} AND ${isKey} AND v.category_type = ''
        AND v.area_code IN (SELECT code FROM areas WHERE partnership_id = ${partnershipId} AND kind IN ('ward', 'locality'))
    ), chosen AS (
      SELECT * FROM (SELECT c.*, bool_or(c.is_key) OVER (PARTITION BY c.set_key) AS set_has_key FROM candidates c) k
      WHERE k.is_key OR NOT k.set_has_key
    ), ranked AS (
      SELECT c.*,
        dense_rank() OVER (PARTITION BY c.set_key = '' ORDER BY c.set_key) AS set_rank,
        dense_rank() OVER (PARTITION BY c.set_key ORDER BY c.period_starts_on DESC) AS period_rank,
        row_number() OVER (PARTITION BY c.set_key, c.period_starts_on ORDER BY coalesce(c.category_rank, 2147483647), c.category, c.area_code, c.sex, c.age) AS row_rank
      FROM chosen c
    )
    SELECT r.id, r.partnership_id, r.indicator_id, r.area_code, r.period_starts_on, r.sex, r.age, r.category_type, r.category, r.category_rank,
           r.count, r.denominator, r.value, r.lower_95, r.upper_95, r.lower_998, r.upper_998, r.note, r.illustrative, r.import_id,
           r.created_at, r.updated_at, r.version, a.name AS "areaName", a.kind AS "areaKind"
    FROM ranked r JOIN areas a ON a.code = r.area_code
    WHERE r.period_rank <= ${limits.periods} AND r.row_rank <= ${limits.rows}
      AND (r.set_key = '' OR r.set_rank <= ${limits.breakdowns})
  `.execute(db)
  return result.rows
}
