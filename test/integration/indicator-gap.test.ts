import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { measuredPartnership, type Measured } from '../support/indicator-figures.ts'

let t: TestApp
let m: Measured
let viewer: TestClient

before(async () => {
  t = await testApp()
  m = await measuredPartnership(t.database.db, 'gap')
  viewer = new TestClient(t.app)
  await viewer.signIn(m.viewerEmail)
})

after(() => t.close())

const csvRows = (body: string) => parse(body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
const quintiles = 'Deprivation quintile within the area (IMD)'

describe('narrowing the gap', () => {
  test('the latest period: localities and quintiles side by side with intervals, the gap between the ends, and the SII in plain words', async () => {
    const response = await viewer.get(`/indicators/${m.indicatorId}/gap`)
    assert.equal(response.statusCode, 200)
    const page = response.body
    assert.match(page, /<h1 class="govuk-heading-l">Narrowing the gap<\/h1>/)
    assert.match(page, /<a class="govuk-link thrive-sections__link--current" href="\/indicators\/[^"]+\/gap" aria-current="page">Narrowing the gap<\/a>/)
    assert.match(page, /<option value="2019-09-01" selected>2019\/20<\/option>/)
    assert.match(page, /<svg class="thrive-indicator-chart" id="gap-values-1"[^>]*role="img"/)
    assert.match(
      page,
      /Oldham West<\/th>\s*<td[^>]*>22\.0 <strong class="govuk-tag govuk-tag--yellow">Illustrative<\/strong><\/td>\s*<td[^>]*>20\.0 to 24\.1<\/td>/,
    )
    assert.match(
      page,
      /In 2019\/20 the best was Oldham West \(22\.0\) and the worst Oldham East \(27\.5\): a gap of 5\.5 percentage points\. Their 95% confidence intervals overlap, so the gap may be chance\./,
    )
    assert.match(
      page,
      /In 2019\/20 the best was Least deprived quintile \(13\.6\) and the worst Most deprived quintile \(28\.0\): a gap of 14\.4 percentage points\.<\/p>/,
    )
    assert.match(
      page,
      /The gap in ‘Year 6: prevalence of obesity \(including severe obesity\)’ between the most and the least deprived in Oldham is about 18\.1 percentage points \(95% confidence interval 1\d\.\d to 2\d\.\d\), lower among the least deprived\. The most deprived fare worse\./,
    )
    assert.match(page, /each group counted as an equal share of the population/)
    assert.match(page, /<strong>The gap widened from 2018\/19 to 2019\/20\.<\/strong>/, 'between the localities')
    assert.match(page, /<strong>The gap narrowed from 2018\/19 to 2019\/20\.<\/strong>/, 'between the quintiles')
    assert.match(
      page,
      /<svg class="thrive-indicator-chart" id="gap-trend-2"[^>]*>\s*<title id="gap-trend-2-title">Line chart of the gap between the best and the worst group each period: 2018\/19 16\.3, 2019\/20 14\.4\./,
    )
    assert.match(
      page,
      /2018\/19<\/th>\s*<td class="govuk-table__cell">Least deprived quintile \(11\.3\)<\/td>\s*<td class="govuk-table__cell">Most deprived quintile \(27\.6\)<\/td>\s*<td[^>]*>16\.3<\/td>\s*<td class="govuk-table__cell">No<\/td>\s*<td[^>]*>-20\.\d \(-2\d\.\d to -1\d\.\d\)<\/td>/,
    )
  })

  test('the period selector shows an earlier period without JavaScript', async () => {
    const page = (await viewer.get(`/indicators/${m.indicatorId}/gap?period=2018-09-01`)).body
    assert.match(page, /<option value="2018-09-01" selected>2018\/19<\/option>/)
    assert.match(page, /In 2018\/19 the best was Oldham West \(23\.0\) and the worst Oldham East \(26\.0\)/)
    assert.match(page, /href="\/indicators\/[^"]+\/gap\/values\.csv\?breakdown=Localities&amp;period=2018-09-01"/)
    const unknown = (await viewer.get(`/indicators/${m.indicatorId}/gap?period=1999-01-01`)).body
    assert.match(unknown, /<option value="2019-09-01" selected>/, 'a period without values falls back to the latest')
  })

  test('each table downloads: the values of a period, and the gap and SII over time, as CSV and a workbook that opens', async () => {
    const values = csvRows((await viewer.get(`/indicators/${m.indicatorId}/gap/values.csv?breakdown=${encodeURIComponent(quintiles)}&period=2018-09-01`)).body)
    assert.deepEqual(
      values.map((r) => [r.Period, r.Group, r.Value, r['Lower 95% limit'], r['Compared with Oldham']]),
      [
        ['2018/19', 'Most deprived quintile', '27.6', '26.7', 'Worse than Oldham'],
        ['2018/19', 'Second most deprived quintile', '26.5', '24.5', 'Similar to Oldham'],
        ['2018/19', 'Average deprived quintile', '19.1', '17', 'Better than Oldham'],
        ['2018/19', 'Second least deprived quintile', '18.6', '16.5', 'Better than Oldham'],
        ['2018/19', 'Least deprived quintile', '11.3', '8.8', 'Better than Oldham'],
      ],
    )
    const gaps = csvRows((await viewer.get(`/indicators/${m.indicatorId}/gap/gaps.csv`)).body)
    assert.deepEqual(
      gaps.map((r) => [r.Breakdown, r.Period, r.Best, r.Worst, r.Gap, r['Intervals overlap']]),
      [
        ['Localities', '2018/19', 'Oldham West', 'Oldham East', '3', 'Yes'],
        ['Localities', '2019/20', 'Oldham West', 'Oldham East', '5.5', 'Yes'],
        [quintiles, '2018/19', 'Least deprived quintile', 'Most deprived quintile', '16.3', 'No'],
        [quintiles, '2019/20', 'Least deprived quintile', 'Most deprived quintile', '14.4', 'No'],
      ],
    )
    assert.equal(gaps[0]!['Slope index of inequality'], '', 'localities have no deprivation order')
    assert.ok(Math.abs(Number(gaps[3]!['Slope index of inequality']) + 18.1) < 1e-6)
    const xlsx = await viewer.get(`/indicators/${m.indicatorId}/gap/gaps.xlsx?breakdown=${encodeURIComponent(quintiles)}`)
    assert.equal(xlsx.statusCode, 200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    assert.equal(sheet.rowCount, 3)
    assert.equal(sheet.getRow(3).getCell(7).value, 14.4)
    assert.equal((await viewer.get(`/indicators/${m.indicatorId}/gap/gaps.csv?breakdown=Ethnicity`)).statusCode, 404)
  })

  test('an indicator without breakdowns says what is missing and where to add it', async () => {
    const page = (await viewer.get(`/indicators/${m.emptyIndicatorId}/gap`)).body
    assert.match(
      page,
      /There are no values by locality or by group \(such as deprivation quintile or ethnicity\) for Oldham yet, so there is no gap to show\. <a class="govuk-link" href="\/indicators\/[^"]+\/values">See the values<\/a>/,
    )
    assert.equal(csvRows((await viewer.get(`/indicators/${m.emptyIndicatorId}/gap/gaps.csv`)).body).length, 0)
  })
})
