import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { inPartnership } from '../../platform/db/tenancy.ts'
import { yieldToOthers } from '../../platform/db/single-session.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { assertCan } from '../../platform/auth/model.ts'
import type { AreaKind, PeriodType } from '../../platform/db/performance-tables.ts'
import { shownFigures, periodLabel, storedFigures } from '../indicator-values/index.ts'
import { fingertipsColumns, thriveColumns, type Layout } from './layout.ts'

// Every value of the partnership, a page at a time, as rows of either layout.
// The Thrive layout carries the figures as stored, so it imports back exactly;
// the Fingertips layout carries them as shown, limits calculated where the
// source gave none, as Fingertips itself publishes them.

export type ExportCell = string | number | null
const pageSize = 5000
const sexLabels = { persons: 'Persons', male: 'Male', female: 'Female' } as const
const areaTypes: Record<AreaKind, string> = {
  country: 'England',
  region: 'Region',
  'local-authority': 'Local authority',
  ward: 'Ward',
  locality: 'Locality',
  'health-area': 'Health area',
}
const ranges: Record<PeriodType, string> = {
  'financial-year': '1y',
  'academic-year': '1y',
  'calendar-year': '1y',
  'rolling-3-years': '3y',
  quarter: '1q',
  month: '1m',
}

/** Fingertips' sortable period: 20180000 for a year starting in 2018; quarter and month in the last four digits. */
export function sortablePeriod(type: PeriodType, startsOn: string): number {
  const [year, month] = startsOn.split('-').map(Number) as [number, number]
  if (type === 'quarter') {
    const fy = month >= 4 ? year : year - 1
    return fy * 10000 + (Math.floor(((month + 8) % 12) / 3) + 1) * 100
  }
  return year * 10000 + (type === 'month' ? month : 0)
}

export const exportHeaders = (layout: Layout) => (layout === 'thrive' ? thriveColumns : fingertipsColumns).map((c) => c.header)

async function indicatorsToExport(db: Db, actor: Actor, layout: Layout) {
  return inPartnership(db, actor.partnershipId, (trx) => {
    let query = trx
      .selectFrom('indicators')
      .select(['id', 'title', 'period_type', 'value_type', 'multiplier', 'external_source', 'external_id'])
      .where('partnership_id', '=', actor.partnershipId)
      .orderBy('title')
    // Fingertips names an indicator by its ID alone: an indicator without one has no row it could be imported back from.
    if (layout === 'fingertips') query = query.where('external_source', '=', 'fingertips')
    return query.execute()
  })
}

type Indicator = Awaited<ReturnType<typeof indicatorsToExport>>[number]

async function page(db: Db, actor: Actor, indicatorId: string, after: readonly string[] | null) {
  return inPartnership(db, actor.partnershipId, (trx) => {
    let query = trx
      .selectFrom('indicator_values as v')
      .innerJoin('areas as a', 'a.code', 'v.area_code')
      .leftJoin('areas as p', 'p.code', 'a.parent_code')
      .selectAll('v')
      .select(['a.name as areaName', 'a.kind as areaKind', 'p.code as parentCode', 'p.name as parentName'])
      .where('v.partnership_id', '=', actor.partnershipId)
      .where('v.indicator_id', '=', indicatorId)
    // Keyset paging on the values' own key: each page is one quick query, however many values there are.
    if (after) query = query.where(sql<boolean>`(v.area_code, v.period_starts_on, v.sex, v.age, v.category_type, v.category) > (${sql.join(after)})`)
    return query
      .orderBy('v.area_code')
      .orderBy('v.period_starts_on')
      .orderBy('v.sex')
      .orderBy('v.age')
      .orderBy('v.category_type')
      .orderBy('v.category')
      .limit(pageSize)
      .execute()
  })
}

type Value = Awaited<ReturnType<typeof page>>[number]
const numberOrNull = (text: string | null) => (text == null ? null : Number(text))

function thriveRow(indicator: Indicator, v: Value): ExportCell[] {
  return [
    indicator.title,
    v.area_code,
    periodLabel(indicator.period_type, v.period_starts_on),
    sexLabels[v.sex],
    v.age,
    v.category_type,
    v.category,
    v.category_rank,
    ...[v.count, v.denominator, v.value, v.lower_95, v.upper_95, v.lower_998, v.upper_998].map(numberOrNull),
    v.note,
    v.illustrative ? 'Yes' : 'No',
  ]
}

function fingertipsRow(indicator: Indicator, v: Value): ExportCell[] {
  const shown = shownFigures({ valueType: indicator.value_type, multiplier: indicator.multiplier }, storedFigures(v))
  return [
    indicator.external_id,
    indicator.title,
    v.parentCode ?? '',
    v.parentName ?? '',
    v.area_code,
    v.areaName,
    areaTypes[v.areaKind],
    sexLabels[v.sex],
    v.age,
    v.category_type,
    v.category,
    periodLabel(indicator.period_type, v.period_starts_on),
    shown.value,
    shown.lower95,
    shown.upper95,
    shown.lower998,
    shown.upper998,
    numberOrNull(v.count),
    numberOrNull(v.denominator),
    v.note,
    '',
    '',
    '',
    sortablePeriod(indicator.period_type, v.period_starts_on),
    '',
    '',
    ranges[indicator.period_type],
  ]
}

/** The rows of the export, the header not included, read a page at a time. */
export async function* exportRows(db: Db, actor: Actor, layout: Layout): AsyncGenerator<ExportCell[]> {
  assertCan(actor, 'partnership.read')
  for (const indicator of await indicatorsToExport(db, actor, layout)) {
    let after: string[] | null = null
    for (;;) {
      const values = await page(db, actor, indicator.id, after)
      for (const v of values) yield layout === 'thrive' ? thriveRow(indicator, v) : fingertipsRow(indicator, v)
      if (values.length < pageSize) break
      const last = values[values.length - 1]!
      after = [last.area_code, last.period_starts_on, last.sex, last.age, last.category_type, last.category]
      // Each page is its own short transaction; between them other requests get their turn (PGlite is one session, on this event loop).
      await yieldToOthers()
    }
  }
}
