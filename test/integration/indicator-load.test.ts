import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { largeIndicator, type LargeIndicator } from '../support/large-indicator.ts'
import { TREND_PERIODS } from '../../src/performance/indicator-charts/service.ts'
import { GAP_PERIODS } from '../../src/performance/indicator-gap/view.ts'
import { valuesPageSize } from '../../src/performance/indicator-values/service.ts'

// Issue 10: one indicator with many values (every area × many periods × sexes,
// deciles and ethnic groups) made each page read and draw all of them. Each
// page draws what a person can read, whatever the indicator holds.

let t: TestApp
let big: LargeIndicator
let viewer: TestClient
const periods = TREND_PERIODS + 4

before(async () => {
  t = await testApp()
  big = await largeIndicator(t.database.db, 'load', { periods, otherAreas: 30 })
  viewer = new TestClient(t.app)
  await viewer.signIn(big.viewerEmail)
})

after(() => t.close())

const tableRows = (page: string, id: string) => {
  const table = new RegExp(`<table[^>]*id="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(page)?.[1] ?? ''
  return table.split('<tbody')[1]?.match(/<tr class="govuk-table__row"/g)?.length ?? 0
}

describe('an indicator with tens of thousands of values', () => {
  test('the indicator page draws the latest periods, the comparator group in the latest period and each breakdown then', async () => {
    assert.ok(big.values > 20_000, `${big.values} values`)
    const response = await viewer.get(`/indicators/${big.indicatorId}`)
    assert.equal(response.statusCode, 200)
    const page = response.body
    assert.equal(tableRows(page, 'trend-table'), TREND_PERIODS, 'the trend keeps to the latest periods')
    assert.match(
      page,
      new RegExp(
        `The chart shows the latest ${TREND_PERIODS} periods; <a class="govuk-link" href="/indicators/[^"]+/values\\?area=E08000004">earlier values are in the values list</a>`,
      ),
    )
    assert.match(page, new RegExp(`<title id="trend-chart-title">Line chart of [^<]* for Oldham \\(Persons\\), ${2026 - TREND_PERIODS} to 2025,`))
    assert.match(page, /<h3 class="govuk-heading-s">Localities, 2025<\/h3>/)
    assert.match(page, /<h3 class="govuk-heading-s">Deprivation decile \(IMD2019\), 2025<\/h3>/)
    assert.match(page, /<h3 class="govuk-heading-s">Ethnic group, 2025<\/h3>/)
    assert.match(page, /Bar chart of [^<]* by area, 2025,/)
    const areas = /<table[^>]*>\s*<caption[^>]*>[^<]*Greater Manchester[\s\S]*?<\/table>/.exec(page)?.[0] ?? page
    assert.equal((areas.match(/<th scope="row"/g) ?? []).length, 10, 'one row for each of Greater Manchester’s ten boroughs')
    assert.ok(Buffer.byteLength(page) < 400_000, `the page is ${Buffer.byteLength(page)} bytes`)
  })

  test('the trend download holds what the chart draws', async () => {
    const csv = (await viewer.get(`/indicators/${big.indicatorId}/charts/trend.csv`)).body
    assert.equal(csv.trim().split('\n').length, TREND_PERIODS + 1)
  })

  test('the gap page reads each breakdown over its latest run of periods', async () => {
    const response = await viewer.get(`/indicators/${big.indicatorId}/gap`)
    assert.equal(response.statusCode, 200)
    const options = response.body.match(/<option value="\d{4}-01-01"/g) ?? []
    assert.equal(options.length, GAP_PERIODS)
    assert.match(response.body, /<option value="2025-01-01" selected>2025<\/option>/)
    const gaps = (await viewer.get(`/indicators/${big.indicatorId}/gap/gaps.csv?breakdown=Localities`)).body
    assert.equal(gaps.trim().split('\n').length, GAP_PERIODS + 1)
  })

  test('the values list pages through them, a hundred at a time', async () => {
    const first = await viewer.get(`/indicators/${big.indicatorId}/values`)
    assert.equal(first.statusCode, 200)
    assert.equal(first.body.split('<tbody')[1]?.match(/<tr class="govuk-table__row"/g)?.length, valuesPageSize)
    assert.match(first.body, /Values 1 to 100 of more than 10,000/)
    assert.match(first.body, /<nav class="govuk-pagination"[^>]*aria-label="Pages of values"/)
    assert.match(first.body, /href="\/indicators\/[^"]+\/values\?page=2"/)
    const second = (await viewer.get(`/indicators/${big.indicatorId}/values?page=2`)).body
    assert.match(second, /Values 101 to 200 of more than 10,000/)
    const beyond = (await viewer.get(`/indicators/${big.indicatorId}/values?page=999999`)).body
    assert.match(beyond, /Values 9,901 to 10,000 of more than 10,000/, 'a page past the end shows the last')
    const oneArea = (await viewer.get(`/indicators/${big.indicatorId}/values?area=E08000004`)).body
    assert.match(oneArea, new RegExp(`Values 1 to 100 of ${(periods * 27).toLocaleString('en-GB')}<`))
  })
})
