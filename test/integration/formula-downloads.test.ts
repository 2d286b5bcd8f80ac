import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { UploadBrowser } from '../support/upload-browser.ts'
import { measuredPartnership, type Measured } from '../support/indicator-figures.ts'

// Every CSV download a spreadsheet opens neutralises what would run as a
// formula. Each download below is given a text someone could have typed (an
// indicator's title, a value's note, a locality's name, a breakdown's group, a
// plan's aims) that starts = + - @ or a tab, and must show it with a ' before it.

const hyperlink = '=HYPERLINK("http://evil.example","Click for your figures")'
const note = "@SUM(1+1)*cmd|' /C calc'!A0"
const east = '+Oldham East'
const west = '-Oldham West'
const group = '\tMost deprived quintile'

let t: TestApp
let m: Measured
let viewer: TestClient
let planId: string

before(async () => {
  t = await testApp()
  const db = t.database.db
  m = await measuredPartnership(db, 'hostile')
  await db.updateTable('partnerships').set({ is_published: true }).where('id', '=', m.partnershipId).execute()
  await db.updateTable('indicators').set({ title: hyperlink }).where('id', '=', m.indicatorId).execute()
  await db.updateTable('indicator_values').set({ note }).where('indicator_id', '=', m.indicatorId).execute()
  await db.updateTable('areas').set({ name: east }).where('partnership_id', '=', m.partnershipId).where('name', '=', 'Oldham East').execute()
  await db.updateTable('areas').set({ name: west }).where('partnership_id', '=', m.partnershipId).where('name', '=', 'Oldham West').execute()
  await db.updateTable('indicator_values').set({ category: group }).where('category', '=', 'Most deprived quintile').execute()
  viewer = new TestClient(t.app)
  await viewer.signIn(m.viewerEmail)

  const editor = new UploadBrowser(t, 'file')
  await editor.signIn(m.editorEmail)
  const plan = [
    'Number,Aim,Objective,Timescale,Outcome',
    `1,${hyperlink.replace(/"/g, '""').replace(/^/, '"').concat('"')},+Agree the framework,November 2007,@A shared culture`,
  ].join('\r\n')
  const response = await editor.upload(
    '/plans/import',
    { title: 'Hostile plan' },
    { name: 'plan.csv', content: Buffer.from(plan), type: 'text/csv' },
    { formPage: '/plans/import' },
  )
  assert.equal(response.statusCode, 303, response.body)
  planId = /\/plans\/([0-9a-f-]+)/.exec(String(response.headers.location))![1]!
})
after(() => t.close())

const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/** Every cell of the download: none starts like a formula unless it is a number, and each text expected is there with its ' before it. */
function assertNeutralised(body: string, expected: readonly string[]) {
  const cells = (parse(body, { bom: true, relax_column_count: true }) as string[][]).flat()
  const live = cells.filter((cell) => formulaStart.test(cell) && !Number.isFinite(Number(cell)))
  assert.deepEqual(live, [], 'no cell a spreadsheet would run as a formula')
  for (const text of expected)
    assert.ok(
      cells.includes(`'${text}`),
      `${JSON.stringify(text)} is in the download, escaped: ${JSON.stringify(cells.filter((c) => c.includes(text.slice(1, 8))))}`,
    )
}

describe('formula-looking text in every CSV download', () => {
  const downloads: Array<[string, () => string, () => readonly string[], boolean?]> = [
    ['the public scorecard, without signing in', () => '/p/hostile/scorecard.csv', () => [hyperlink], true],
    ['the scorecard', () => '/scorecard.csv', () => [hyperlink]],
    ['the values export', () => '/indicator-values/export.csv', () => [hyperlink, note]],
    ['a plan', () => `/plans/${planId}/export.csv`, () => [hyperlink, '+Agree the framework', '@A shared culture']],
    ['the trend chart’s table', () => `/indicators/${m.indicatorId}/charts/trend.csv`, () => [note]],
    ['the breakdowns chart’s table', () => `/indicators/${m.indicatorId}/charts/breakdown.csv`, () => [east, west, group]],
    [
      'the gap’s values',
      () => `/indicators/${m.indicatorId}/gap/values.csv?breakdown=${encodeURIComponent('Deprivation quintile within the area (IMD)')}&period=2018-09-01`,
      () => [group],
    ],
    ['the gap over time', () => `/indicators/${m.indicatorId}/gap/gaps.csv`, () => [east, west]],
  ]
  for (const [name, url, expected, anonymous] of downloads) {
    test(name, async () => {
      const response = await (anonymous ? new TestClient(t.app) : viewer).get(url())
      assert.equal(response.statusCode, 200, url())
      assert.match(String(response.headers['content-type']), /^text\/csv/)
      assertNeutralised(response.body, expected())
    })
  }

  test('negative figures stay numbers a spreadsheet reads', async () => {
    await sql`UPDATE indicator_values SET value = -1.5, lower_95 = -2, upper_95 = -1 WHERE indicator_id = ${m.indicatorId} AND area_code = 'E08000004' AND period_starts_on = '2019-09-01' AND category = ''`.execute(
      t.database.db,
    )
    const body = (await viewer.get('/indicator-values/export.csv')).body
    assert.match(body, /,-1\.5,-2,-1,/)
  })
})
