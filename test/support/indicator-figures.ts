import type { Db } from '../../src/platform/db/database.ts'
import { createMember, createPartnership } from './fixtures.ts'

// A partnership measured the way the indicator page and the gap page read it:
// Oldham against England and three Greater Manchester boroughs, two localities
// of its own, Year 6 obesity by deprivation quintile (published 2018/19 and
// 2019/20 figures), an illustrative value from a count, and a value target.

export interface Measured {
  partnershipId: string
  indicatorId: string
  emptyIndicatorId: string
  englandGroupId: string
  viewerEmail: string
  editorEmail: string
}

type Figures = [value: number | null, lower: number | null, upper: number | null]

export async function measuredPartnership(db: Db, slug: string): Promise<Measured> {
  const partnership = await createPartnership(db, slug)
  const pid = partnership.id
  await db.updateTable('partnerships').set({ area_code: 'E08000004' }).where('id', '=', pid).execute()
  const viewerEmail = (await createMember(db, pid, 'viewer')).user.email
  const editorEmail = (await createMember(db, pid, 'editor')).user.email
  // England first, so choosing Greater Manchester by default is the page's doing, not the order.
  const group = async (name: string, kind: 'england' | 'regional-partnership', codes: string[]) => {
    const g = await db.insertInto('comparator_groups').values({ partnership_id: pid, name, kind }).returning('id').executeTakeFirstOrThrow()
    await db
      .insertInto('comparator_group_areas')
      .values(codes.map((area_code) => ({ partnership_id: pid, group_id: g.id, area_code })))
      .execute()
    return g.id
  }
  const englandGroupId = await group('England', 'england', ['E92000001'])
  await group('Greater Manchester', 'regional-partnership', ['E08000004', 'E08000002', 'E08000005', 'E08000007'])
  const east = `${slug.toUpperCase()}-EAST`
  const west = `${slug.toUpperCase()}-WEST`
  await db
    .insertInto('areas')
    .values([
      { code: east, partnership_id: pid, name: 'Oldham East', kind: 'locality', parent_code: 'E08000004' },
      { code: west, partnership_id: pid, name: 'Oldham West', kind: 'locality', parent_code: 'E08000004' },
    ])
    .execute()
  const indicator = (title: string) =>
    db
      .insertInto('indicators')
      .values({
        partnership_id: pid,
        title,
        value_type: 'proportion',
        multiplier: 100,
        decimal_places: 1,
        polarity: 'low-is-good',
        frequency: 'annual',
        period_type: 'academic-year',
        comparison_method: 'ci-95',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  const indicatorId = (await indicator('Year 6: prevalence of obesity (including severe obesity)')).id
  const emptyIndicatorId = (await indicator('Reception: prevalence of obesity (including severe obesity)')).id

  const rows: Record<string, unknown>[] = []
  const add = (area: string, year: number, [value, lower, upper]: Figures, extra: Record<string, unknown> = {}) =>
    rows.push({
      partnership_id: pid,
      indicator_id: indicatorId,
      area_code: area,
      period_starts_on: `${year}-09-01`,
      sex: 'persons',
      age: '10-11 yrs',
      value,
      lower_95: lower,
      upper_95: upper,
      ...extra,
    })
  add('E08000004', 2017, [null, null, null], { count: 30, denominator: 100, illustrative: true, note: 'Estimated from the school’s own weighing' })
  add('E08000004', 2018, [25.0, 24.2, 25.7])
  add('E08000004', 2019, [25.3, 24.6, 26.1])
  add('E92000001', 2018, [21.5, 21.5, 21.6])
  add('E92000001', 2019, [21.9, 21.9, 22.0])
  add('E08000005', 2019, [25.7, 25.0, 26.4])
  add('E08000007', 2019, [17.9, 17.3, 18.5])
  add(east, 2018, [26.0, 24.0, 28.0], { illustrative: true })
  add(west, 2018, [23.0, 21.0, 25.0], { illustrative: true })
  add(east, 2019, [null, null, null], { count: 55, denominator: 200, illustrative: true })
  add(west, 2019, [22.0, 20.0, 24.1], { illustrative: true })
  const quintiles = [
    'Most deprived quintile',
    'Second most deprived quintile',
    'Average deprived quintile',
    'Second least deprived quintile',
    'Least deprived quintile',
  ]
  const published: Record<number, Figures[]> = {
    2018: [
      [27.6, 26.7, 28.6],
      [26.5, 24.5, 28.4],
      [19.1, 17.0, 21.4],
      [18.6, 16.5, 20.5],
      [11.3, 8.8, 14.0],
    ],
    2019: [
      [28.0, 27.1, 29.0],
      [25.8, 24.0, 27.8],
      [20.2, 18.0, 22.4],
      [18.4, 16.4, 20.3],
      [13.6, 11.1, 16.6],
    ],
  }
  for (const [year, figures] of Object.entries(published)) {
    figures.forEach((f, i) =>
      add('E08000004', Number(year), f, { category_type: 'Deprivation quintile within the area (IMD)', category: quintiles[i], category_rank: i + 1 }),
    )
  }
  await db
    .insertInto('indicator_values')
    .values(rows as never)
    .execute()
  await db.insertInto('targets').values({ partnership_id: pid, indicator_id: indicatorId, period_starts_on: '2019-09-01', kind: 'value', value: 24 }).execute()
  return { partnershipId: pid, indicatorId, emptyIndicatorId, englandGroupId, viewerEmail, editorEmail }
}
