import type { Executor } from '../../platform/db/database.ts'

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

/** The name of the benchmark area, England unless the register calls it otherwise. */
export async function areaName(db: Executor, code: string): Promise<string | null> {
  const row = await db.selectFrom('areas').select('name').where('code', '=', code).executeTakeFirst()
  return row?.name ?? null
}
