import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'
import { measuredPartnership, type Measured } from '../support/indicator-figures.ts'

let t: TestApp
let m: Measured
let viewer: TestClient

before(async () => {
  t = await testApp()
  m = await measuredPartnership(t.database.db, 'charts')
  viewer = new TestClient(t.app)
  await viewer.signIn(m.viewerEmail)
})

after(() => t.close())

const csvRows = (body: string) => parse(body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]

describe('the indicator page’s charts', () => {
  test('the trend over time: a chart with an accessible name, then its table with intervals, England, the target and what was calculated', async () => {
    const page = (await viewer.get(`/indicators/${m.indicatorId}`)).body
    assert.match(page, /<svg class="thrive-indicator-chart" id="trend-chart"[^>]*role="img" aria-labelledby="trend-chart-title"/)
    assert.match(
      page,
      /<title id="trend-chart-title">Line chart of Year 6: prevalence of obesity \(including severe obesity\) for Oldham \(Persons, 10-11 yrs\), 2017\/18 to 2019\/20, with 95% confidence intervals, England’s value and the target\. In 2019\/20 the value was 25\.3 \(95% confidence interval 24\.6 to 26\.1\); England 21\.9; target 24\.0\.<\/title>/,
    )
    const table = /<table class="govuk-table govuk-!-font-size-16" id="trend-table">([\s\S]*?)<\/table>/.exec(page)![1]!
    assert.match(
      table,
      /2017\/18<\/th>\s*<td[^>]*>30\.0 <span class="govuk-body-s">\(calculated\)<\/span> <strong class="govuk-tag govuk-tag--yellow">Illustrative<\/strong><\/td>\s*<td[^>]*>21\.9 to 39\.6 <span class="govuk-body-s">\(calculated\)<\/span><\/td>/,
    )
    assert.match(table, /2018\/19<\/th>\s*<td[^>]*>25\.0<\/td>\s*<td[^>]*>24\.2 to 25\.7<\/td>\s*<td[^>]*>21\.5<\/td>\s*<td[^>]*><\/td>/)
    assert.match(table, /2019\/20<\/th>\s*<td[^>]*>25\.3<\/td>\s*<td[^>]*>24\.6 to 26\.1<\/td>\s*<td[^>]*>21\.9<\/td>\s*<td[^>]*>24\.0<\/td>/)
    assert.match(page, />illustrative<\/text>/, 'the illustrative point is named on the chart too')
    assert.doesNotMatch(page, /earlier values are in the values list/, 'every period is drawn')
    assert.match(page, /href="\/indicators\/[^"]+\/charts\/trend\.csv" download>CSV/)
  })

  test('the trend downloads as CSV with every row and as a workbook that opens', async () => {
    const csv = await viewer.get(`/indicators/${m.indicatorId}/charts/trend.csv`)
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.match(String(csv.headers['content-disposition']), /attachment; filename=.*trend for Oldham\.csv/)
    const rows = csvRows(csv.body)
    assert.deepEqual(
      rows.map((r) => [r.Period, r.Value, r['Lower 95% limit'], r['England value'], r.Target, r.Illustrative]),
      [
        ['2017/18', '30', rows[0]!['Lower 95% limit']!, '', '', 'Yes'],
        ['2018/19', '25', '24.2', '21.5', '', 'No'],
        ['2019/20', '25.3', '24.6', '21.9', '24', 'No'],
      ],
    )
    assert.equal(rows[0]!.Calculated, 'value and 95% limits')
    assert.ok(Math.abs(Number(rows[0]!['Lower 95% limit']) - 21.8949) < 1e-3, 'the computed Wilson limit, unrounded')
    const xlsx = await viewer.get(`/indicators/${m.indicatorId}/charts/trend.xlsx`)
    assert.equal(xlsx.statusCode, 200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    assert.equal(sheet.getRow(1).getCell(1).value, 'Period')
    assert.equal(sheet.getRow(4).getCell(4).value, 25.3, 'numbers stay numbers')
  })

  test('the comparison with areas: a bar each with its significance in words against England, and the group filter works without JavaScript', async () => {
    const page = (await viewer.get(`/indicators/${m.indicatorId}`)).body
    assert.match(
      page,
      /<title id="areas-chart-title">Bar chart of [^<]* by area, 2019\/20, with 95% confidence intervals and England’s value \(21\.9\) as a line\. 1 better, 2 worse compared with England\.<\/title>/,
    )
    assert.match(page, /<text class="thrive-indicator-chart__strong"[^>]*>25\.3: Worse than England<\/text>/, 'Oldham’s bar, in bold, says how it compares')
    assert.match(page, /Stockport<\/th>\s*<td[^>]*>17\.9<\/td>\s*<td[^>]*>17\.3 to 18\.5<\/td>\s*<td class="govuk-table__cell">Better than England<\/td>/)
    assert.match(page, /Bury<\/th>\s*<td[^>]*>No value/)
    assert.match(page, /<option value="[^"]+" selected>Greater Manchester<\/option>/, 'the regional partnership is chosen first')
    const england = (await viewer.get(`/indicators/${m.indicatorId}?group=${m.englandGroupId}`)).body
    assert.match(england, /<option value="[^"]+" selected>England<\/option>/)
    assert.doesNotMatch(england, /Stockport<\/th>/)
    assert.match(england, /href="\/indicators\/[^"]+\/charts\/areas\.csv\?group=[^"]+"/)
    const rows = csvRows((await viewer.get(`/indicators/${m.indicatorId}/charts/areas.csv`)).body)
    assert.deepEqual(
      rows.map((r) => [r.Area, r.Value, r['Compared with England']]),
      [
        ['Bury', '', 'No value'],
        ['Oldham', '25.3', 'Worse than England'],
        ['Rochdale', '25.7', 'Worse than England'],
        ['Stockport', '17.9', 'Better than England'],
      ],
    )
  })

  test('the breakdown by locality and by deprivation, against Oldham as a whole, each with its own download', async () => {
    const page = (await viewer.get(`/indicators/${m.indicatorId}`)).body
    assert.match(page, /<h3 class="govuk-heading-s">Localities, 2019\/20<\/h3>/)
    assert.match(page, /<h3 class="govuk-heading-s">Deprivation quintile within the area \(IMD\), 2019\/20<\/h3>/)
    assert.match(
      page,
      /Most deprived quintile<\/th>\s*<td[^>]*>28\.0<\/td>\s*<td[^>]*>27\.1 to 29\.0<\/td>\s*<td class="govuk-table__cell">Worse than Oldham<\/td>/,
    )
    assert.match(
      page,
      /Least deprived quintile<\/th>\s*<td[^>]*>13\.6<\/td>\s*<td[^>]*>11\.1 to 16\.6<\/td>\s*<td class="govuk-table__cell">Better than Oldham<\/td>/,
    )
    assert.match(
      page,
      /Oldham East<\/th>\s*<td[^>]*>27\.5 <span class="govuk-body-s">\(calculated\)<\/span> <strong class="govuk-tag govuk-tag--yellow">Illustrative/,
    )
    const quintiles = csvRows(
      (await viewer.get(`/indicators/${m.indicatorId}/charts/breakdown.csv?breakdown=${encodeURIComponent('Deprivation quintile within the area (IMD)')}`))
        .body,
    )
    assert.equal(quintiles.length, 5)
    assert.deepEqual(
      quintiles.map((r) => r.Group),
      ['Most deprived quintile', 'Second most deprived quintile', 'Average deprived quintile', 'Second least deprived quintile', 'Least deprived quintile'],
    )
    const all = csvRows((await viewer.get(`/indicators/${m.indicatorId}/charts/breakdown.csv`)).body)
    assert.deepEqual([...new Set(all.map((r) => r.Breakdown))], ['Localities', 'Deprivation quintile within the area (IMD)'])
    assert.equal((await viewer.get(`/indicators/${m.indicatorId}/charts/breakdown.csv?breakdown=Ethnicity`)).statusCode, 404)
  })

  test('an indicator without values says what is missing and where to add them; an editor is offered the form', async () => {
    const page = (await viewer.get(`/indicators/${m.emptyIndicatorId}`)).body
    assert.match(
      page,
      /There are no values for Oldham yet, so there is no trend to draw\. <a class="govuk-link" href="\/indicators\/[^"]+\/values">See the values<\/a>/,
    )
    assert.match(page, /There are no values by locality or by group/)
    assert.doesNotMatch(page, /<svg/)
    const editor = new TestClient(t.app)
    await editor.signIn(m.editorEmail)
    assert.match((await editor.get(`/indicators/${m.emptyIndicatorId}`)).body, /href="\/indicators\/[^"]+\/values\/new">Add values<\/a>/)
    const csv = csvRows((await viewer.get(`/indicators/${m.emptyIndicatorId}/charts/breakdown.csv`)).body)
    assert.equal(csv.length, 0)
  })

  test('a partnership without its own area is told so, and another partnership’s indicator is not found', async () => {
    const other = await createPartnership(t.database.db, 'charts-other')
    const outsider = new TestClient(t.app)
    await outsider.signIn((await createMember(t.database.db, other.id, 'admin')).user.email)
    assert.equal((await outsider.get(`/indicators/${m.indicatorId}`)).statusCode, 404)
    assert.equal((await outsider.get(`/indicators/${m.indicatorId}/charts/trend.csv`)).statusCode, 404)
    await t.database.db.updateTable('partnerships').set({ area_code: null }).where('id', '=', m.partnershipId).execute()
    try {
      assert.match((await viewer.get(`/indicators/${m.indicatorId}`)).body, /The partnership’s own area is not set/)
    } finally {
      await t.database.db.updateTable('partnerships').set({ area_code: 'E08000004' }).where('id', '=', m.partnershipId).execute()
    }
  })
})
