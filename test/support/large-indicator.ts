import { sql } from 'kysely'
import type { Db } from '../../src/platform/db/database.ts'
import { createMember, createPartnership } from './fixtures.ts'

// One indicator at the size of a national dataset, as the hostile probe of
// issue 10 loaded it: every area in the register × many periods × persons,
// both sexes, deprivation deciles and ethnic groups, plus the partnership's own
// localities. Bulk-inserted by generate_series, so it takes seconds even on PGlite.

export interface LargeIndicator {
  partnershipId: string
  indicatorId: string
  adminEmail: string
  viewerEmail: string
  /** How many values the indicator has. */
  values: number
  /** The latest period's start date. */
  latest: string
  periods: number
}

/** 27 rows per area and period: persons, male, female, ten deciles and fourteen ethnic groups. */
export const breakdownsPerAreaPeriod = 27

/** `otherAreas` limits the register's areas beyond England and Greater Manchester (all of them by default), for a smaller test. */
export async function largeIndicator(db: Db, slug: string, { periods = 21, localities = 20, otherAreas = 10_000 } = {}): Promise<LargeIndicator> {
  const partnership = await createPartnership(db, slug)
  const pid = partnership.id
  await db.updateTable('partnerships').set({ area_code: 'E08000004' }).where('id', '=', pid).execute()
  const adminEmail = (await createMember(db, pid, 'admin')).user.email
  const viewerEmail = (await createMember(db, pid, 'viewer')).user.email
  const group = async (name: string, kind: 'england' | 'regional-partnership' | 'statistical-neighbours', codes: string[]) => {
    const g = await db.insertInto('comparator_groups').values({ partnership_id: pid, name, kind }).returning('id').executeTakeFirstOrThrow()
    await db
      .insertInto('comparator_group_areas')
      .values(codes.map((area_code) => ({ partnership_id: pid, group_id: g.id, area_code })))
      .execute()
  }
  await group('England', 'england', ['E92000001'])
  await group('Greater Manchester', 'regional-partnership', [
    'E08000001',
    'E08000002',
    'E08000003',
    'E08000004',
    'E08000005',
    'E08000006',
    'E08000007',
    'E08000008',
    'E08000009',
    'E08000010',
  ])
  const localityCodes = Array.from({ length: localities }, (_, i) => `${slug.toUpperCase()}-W${i + 1}`)
  if (localityCodes.length) {
    await db
      .insertInto('areas')
      .values(localityCodes.map((code, i) => ({ code, partnership_id: pid, name: `Ward ${i + 1}`, kind: 'ward' as const, parent_code: 'E08000004' })))
      .execute()
  }
  const indicator = await db
    .insertInto('indicators')
    .values({
      partnership_id: pid,
      title: 'Children in relative low income families',
      value_type: 'proportion',
      multiplier: 100,
      decimal_places: 1,
      polarity: 'low-is-good',
      frequency: 'annual',
      period_type: 'calendar-year',
      comparison_method: 'ci-95',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const first = 2026 - periods
  // Counts and denominators vary with the area, period and group so no two bars are the same;
  // every other row also carries its published value and limits, the rest are calculated on reading.
  await sql`
    INSERT INTO indicator_values (partnership_id, indicator_id, area_code, period_starts_on, sex, category_type, category, category_rank, count, denominator, value, lower_95, upper_95)
    SELECT ${pid}, ${indicator.id}, a.code, make_date(${first}::int + p, 1, 1), b.sex, b.category_type, b.category, b.category_rank,
           f.count, f.denominator,
           CASE WHEN f.published THEN round(f.count * 100.0 / f.denominator, 3) END,
           CASE WHEN f.published THEN round(f.count * 100.0 / f.denominator, 3) - 1 END,
           CASE WHEN f.published THEN round(f.count * 100.0 / f.denominator, 3) + 1 END
    FROM areas a
    CROSS JOIN generate_series(0, ${periods - 1}::int) AS p
    CROSS JOIN (
      SELECT s AS sex, '' AS category_type, '' AS category, NULL::int AS category_rank FROM unnest(ARRAY['persons', 'male', 'female']) AS s
      UNION ALL SELECT 'persons', 'Deprivation decile (IMD2019)', 'Decile ' || d, d FROM generate_series(1, 10) AS d
      UNION ALL SELECT 'persons', 'Ethnic group', 'Ethnic group ' || e, NULL FROM generate_series(1, 14) AS e
    ) AS b
    CROSS JOIN LATERAL (
      SELECT 100 + (abs(hashtext(a.code || p || b.category || b.sex)) % 400) AS count,
             2000 + (abs(hashtext(b.category || a.code)) % 1000) AS denominator,
             (abs(hashtext(a.code || b.category)) % 2) = 0 AS published
    ) AS f
    WHERE a.partnership_id IS NULL
      AND (a.code = 'E92000001' OR a.code BETWEEN 'E08000001' AND 'E08000010' OR a.code IN (SELECT code FROM areas WHERE partnership_id IS NULL ORDER BY code LIMIT ${otherAreas}))
  `.execute(db)
  if (localityCodes.length) {
    await sql`
      INSERT INTO indicator_values (partnership_id, indicator_id, area_code, period_starts_on, count, denominator)
      SELECT ${pid}, ${indicator.id}, code, make_date(${first}::int + p, 1, 1), 100 + (abs(hashtext(code || p)) % 400), 2500
      FROM unnest(${localityCodes}::text[]) AS code CROSS JOIN generate_series(0, ${periods - 1}::int) AS p
    `.execute(db)
  }
  // As autovacuum would after a load this size (PGlite has none), so the planner knows the table's shape.
  await sql`ANALYZE indicator_values`.execute(db)
  const { n } = await db
    .selectFrom('indicator_values')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('indicator_id', '=', indicator.id)
    .executeTakeFirstOrThrow()
  return { partnershipId: pid, indicatorId: indicator.id, adminEmail, viewerEmail, values: Number(n), latest: `${first + periods - 1}-01-01`, periods }
}
