import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let t: TestApp
let viewerEmail: string
let unsetEmail: string
let board: string
let boroughs: string

const oldham = 'E08000004'
const gm = ['E08000001', 'E08000002', 'E08000003', oldham, 'E08000005']

before(async () => {
  t = await testApp()
  const db = t.database.db
  const p = await createPartnership(db, 'scorecard', 'Scorecard partnership', true)
  await db.updateTable('partnerships').set({ area_code: oldham }).where('id', '=', p.id).execute()
  viewerEmail = (await createMember(db, p.id, 'viewer')).user.email
  unsetEmail = (await createMember(db, (await createPartnership(db, 'no-area')).id, 'viewer')).user.email
  const lead = await db
    .insertInto('people')
    .values({ partnership_id: p.id, name: 'Rebecca Fletcher', role_title: 'Director of Public Health' })
    .returning('id')
    .executeTakeFirstOrThrow()
  board = (
    await db
      .insertInto('bodies')
      .values({ partnership_id: p.id, name: 'Health and Wellbeing Board', kind: 'health-and-wellbeing-board' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const england = (
    await db.insertInto('comparator_groups').values({ partnership_id: p.id, name: 'England', kind: 'england' }).returning('id').executeTakeFirstOrThrow()
  ).id
  await db.insertInto('comparator_group_areas').values({ partnership_id: p.id, group_id: england, area_code: 'E92000001' }).execute()
  boroughs = (
    await db
      .insertInto('comparator_groups')
      .values({ partnership_id: p.id, name: 'Greater Manchester', kind: 'regional-partnership' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db
    .insertInto('comparator_group_areas')
    .values(gm.map((area_code) => ({ partnership_id: p.id, group_id: boroughs, area_code })))
    .execute()

  const indicator = async (title: string, extra: Record<string, unknown>) =>
    (
      await db
        .insertInto('indicators')
        .values({
          partnership_id: p.id,
          title,
          value_type: 'proportion',
          multiplier: 100,
          decimal_places: 1,
          polarity: 'low-is-good',
          frequency: 'annual',
          period_type: 'financial-year',
          comparison_method: 'ci-95',
          ...extra,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const smoking = await indicator('Smoking status at time of delivery', { target_lead_id: lead.id, owning_body_id: board })
  const hepatitis = await indicator('Hepatitis B vaccination coverage, aged 2', { polarity: 'high-is-good' })
  const values = [
    // Oldham falls from 14% to 8.7% over five years; England level at 10%; the boroughs around 11%.
    ...[2018, 2019, 2020, 2021, 2022].map((y, i) => ({
      indicator_id: smoking,
      area_code: oldham,
      period_starts_on: `${y}-04-01`,
      count: 420 - i * 40,
      denominator: 3000,
    })),
    { indicator_id: smoking, area_code: 'E92000001', period_starts_on: '2022-04-01', value: 10, lower_95: 9.9, upper_95: 10.1 },
    ...gm
      .filter((a) => a !== oldham)
      .map((area_code, i) => ({ indicator_id: smoking, area_code, period_starts_on: '2022-04-01', value: 10.5 + i, lower_95: 9 + i, upper_95: 12 + i })),
    // Three of five children: a small number public pages hold back.
    { indicator_id: hepatitis, area_code: oldham, period_starts_on: '2022-04-01', count: 3, denominator: 5 },
    { indicator_id: hepatitis, area_code: 'E92000001', period_starts_on: '2022-04-01', value: 90, lower_95: 89, upper_95: 91 },
  ]
  await db
    .insertInto('indicator_values')
    .values(values.map((v) => ({ partnership_id: p.id, ...v })))
    .execute()
  await db
    .insertInto('targets')
    .values({ partnership_id: p.id, indicator_id: smoking, period_starts_on: '2022-04-01', kind: 'value', value: 9, amber_tolerance: 0.5 })
    .execute()
  await db
    .insertInto('targets')
    .values({ partnership_id: p.id, indicator_id: hepatitis, period_starts_on: '2022-04-01', kind: 'better-than-group', group_id: england })
    .execute()
})

after(() => t.close())

async function viewer(): Promise<TestClient> {
  const client = new TestClient(t.app)
  await client.signIn(viewerEmail)
  return client
}

/** The text of each body row, cells joined by " | ". */
const rowsOf = (html: string) =>
  [...(html.split('<tbody')[1]?.split('</tbody>')[0] ?? '').matchAll(/<tr[\s\S]*?<\/tr>/g)].map((m) =>
    m[0]
      .replace(/<\/t[dh]>/g, ' | ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/\s+/g, ' ')
      .trim(),
  )

describe('the partnership scorecard', () => {
  test('a row per indicator: latest value with its interval, RAG with its target, the comparison with England, the trend and the last change', async () => {
    const page = await (await viewer()).get('/scorecard')
    assert.equal(page.statusCode, 200)
    const rows = rowsOf(page.body)
    assert.equal(rows.length, 2)
    assert.match(
      rows[1]!,
      /^Smoking status at time of delivery Persons \| 2022\/23 \| 8\.7% \| 7\.7 to 9\.7 \| Green At most 9\.0%, amber within 0\.5 \| Better than England \(95%\) \| Decreasing and getting better \| Better than 2021\/22 \| Rebecca Fletcher \| Health and Wellbeing Board \|/,
    )
    assert.match(
      rows[0]!,
      /^Hepatitis B vaccination coverage, aged 2 Persons \| 2022\/23 \| 60\.0% \| [\d.]+ to [\d.]+ \| Red Better than England \(90\.0\) \| Worse than England \(95%\) \| Cannot be calculated[^|]*\| No earlier value \| Not named \| Not set/,
    )
    assert.match(page.body, /<h1 class="govuk-heading-l">Partnership scorecard<\/h1>/)
  })

  test('filters by body (named in the heading), RAG and comparison; and compares with another group by its median', async () => {
    const client = await viewer()
    const byBody = await client.get(`/scorecard?body=${board}`)
    assert.match(byBody.body, /<h1 class="govuk-heading-l">Scorecard: Health and Wellbeing Board<\/h1>/)
    assert.deepEqual(
      rowsOf(byBody.body).map((r) => r.split(' Persons')[0]),
      ['Smoking status at time of delivery'],
    )
    assert.deepEqual(
      rowsOf((await client.get('/scorecard?rag=red')).body).map((r) => r.split(' Persons')[0]),
      ['Hepatitis B vaccination coverage, aged 2'],
    )
    assert.deepEqual(
      rowsOf((await client.get('/scorecard?comparison=worse')).body).map((r) => r.split(' Persons')[0]),
      ['Hepatitis B vaccination coverage, aged 2'],
    )
    assert.equal(rowsOf((await client.get('/scorecard?rag=amber')).body).length, 0)
    const gmPage = await client.get(`/scorecard?benchmark=${boroughs}`)
    // The other four boroughs: 10.5, 11.5, 12.5, 13.5, median 12.0, outside Oldham's 7.7 to 9.7.
    assert.match(gmPage.body, /Compared with Greater Manchester/)
    assert.match(rowsOf(gmPage.body)[1]!, /Better than Greater Manchester \(95%\)/)
  })

  test('a partnership without its own area is told so', async () => {
    const client = new TestClient(t.app)
    await client.signIn(unsetEmail)
    const page = await client.get('/scorecard')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /The partnership’s own area has not been set/)
  })

  test('downloads carry the page’s filters and parse back, numbers as numbers', async () => {
    const client = await viewer()
    const csv = await client.get(`/scorecard.csv?body=${board}`)
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-disposition']), /Scorecard Health and Wellbeing Board\.csv/)
    const records = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[]
    assert.equal(records.length, 1)
    assert.equal(records[0]!.Indicator, 'Smoking status at time of delivery')
    assert.equal(Number(records[0]!.Value).toFixed(4), (260 / 30).toFixed(4))
    assert.equal(records[0]!.RAG, 'Green')
    assert.equal(records[0]!['Compared with England'], 'Better than England (95%)')

    const xlsx = await client.get('/scorecard.xlsx')
    assert.equal(xlsx.statusCode, 200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    assert.equal(sheet.getRow(1).getCell(1).value, 'Indicator')
    assert.equal(sheet.rowCount, 3)
    assert.equal(sheet.getRow(2).getCell(4).value, 60)
  })
})

describe('the public scorecard', () => {
  test('anyone sees it without signing in; small numbers and their intervals are held back; leads are named by role', async () => {
    const page = await new TestClient(t.app).get('/p/scorecard/scorecard')
    assert.equal(page.statusCode, 200)
    const rows = rowsOf(page.body)
    assert.match(rows[0]!, /^Hepatitis B vaccination coverage, aged 2 Persons \| 2022\/23 \| Not shown: fewer than 5 \| \|/)
    assert.doesNotMatch(page.body, /60\.0/)
    assert.match(rows[1]!, /Director of Public Health/)
    assert.doesNotMatch(page.body, /Rebecca Fletcher/)
    const csv = await new TestClient(t.app).get('/p/scorecard/scorecard.csv')
    const records = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[]
    const hepatitis = records.find((r) => r.Indicator?.startsWith('Hepatitis'))!
    assert.equal(hepatitis.Value, 'Not shown: fewer than 5')
    assert.equal(hepatitis['Lower 95% limit'], '')
    assert.doesNotMatch(csv.body, /Rebecca Fletcher/)
  })

  // Members see the hepatitis row as Red, worse than England's 90.0: each of those would tell a reader roughly what the withheld 3 of 5 is.
  const withheldRow =
    /^Hepatitis B vaccination coverage, aged 2 Persons \| 2022\/23 \| Not shown: fewer than 5 \| \| Not shown Better than England \| Not shown \| Not shown \| Not shown \|/

  test('a withheld value takes its RAG, the benchmark it missed, its comparison, trend and direction with it, on the page and through its filters', async () => {
    const client = new TestClient(t.app)
    const rows = rowsOf((await client.get('/p/scorecard/scorecard')).body)
    assert.match(rows[0]!, withheldRow)
    assert.doesNotMatch(rows[0]!, /Red|Worse than England|90\.0|Cannot be calculated|No earlier value/)
    // The shown row keeps all of them.
    assert.match(
      rows[1]!,
      /\| 8\.7% \| 7\.7 to 9\.7 \| Green At most 9\.0%, amber within 0\.5 \| Better than England \(95%\) \| Decreasing and getting better \| Better than 2021\/22 \|/,
    )
    // A filter cannot pick out what the row does not show.
    assert.equal(rowsOf((await client.get('/p/scorecard/scorecard?rag=red')).body).length, 0)
    assert.equal(rowsOf((await client.get('/p/scorecard/scorecard?comparison=worse')).body).length, 0)
    assert.match(rowsOf((await client.get('/p/scorecard/scorecard?comparison=not-compared')).body)[0]!, withheldRow)
  })

  test('the CSV and Excel downloads withhold the same', async () => {
    const client = new TestClient(t.app)
    const csv = await client.get('/p/scorecard/scorecard.csv')
    const records = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[]
    const hepatitis = records.find((r) => r.Indicator?.startsWith('Hepatitis'))!
    assert.deepEqual(
      [
        hepatitis.Value,
        hepatitis['Lower 95% limit'],
        hepatitis['Upper 95% limit'],
        hepatitis.RAG,
        hepatitis.Target,
        hepatitis['Compared with England'],
        hepatitis['Recent trend'],
        hepatitis['Change since the previous period'],
      ],
      ['Not shown: fewer than 5', '', '', 'Not shown', 'Better than England', 'Not shown', 'Not shown', 'Not shown'],
    )
    assert.doesNotMatch(csv.body, /Red|Worse than England|90\.0/)
    assert.equal(parse((await client.get('/p/scorecard/scorecard.csv?rag=red')).body, { columns: true, bom: true }).length, 0)

    const xlsx = await client.get('/p/scorecard/scorecard.xlsx')
    assert.equal(xlsx.statusCode, 200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    const headers = (sheet.getRow(1).values as unknown[]).slice(1)
    const cells = Object.fromEntries(headers.map((h, i) => [String(h), sheet.getRow(2).getCell(i + 1).value]))
    assert.equal(cells.Indicator, 'Hepatitis B vaccination coverage, aged 2')
    assert.deepEqual(
      [
        cells.Value,
        cells['Lower 95% limit'],
        cells['Upper 95% limit'],
        cells.RAG,
        cells.Target,
        cells['Compared with England'],
        cells['Recent trend'],
        cells['Change since the previous period'],
      ],
      ['Not shown: fewer than 5', null, null, 'Not shown', 'Better than England', 'Not shown', 'Not shown', 'Not shown'],
    )
    assert.equal(sheet.getRow(3).getCell(7).value, 'Green', 'the shown row keeps its RAG')
  })

  test('an unpublished partnership has no public scorecard', async () => {
    assert.equal((await new TestClient(t.app).get('/p/no-area/scorecard')).statusCode, 404)
  })
})
