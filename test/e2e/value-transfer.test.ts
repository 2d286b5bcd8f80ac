import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { parse } from 'csv-parse/sync'
import { fingertipsColumns } from '../../src/performance/value-transfer/layout.ts'
import { eventually, heading, journey, tableRows } from './support/journey.ts'

const header = fingertipsColumns.map((c) => c.header)
const areas = (parse(await readFile(new URL('../../migrations/reference/areas-2024.csv', import.meta.url)), { columns: true }) as { code: string }[]).map(
  (a) => a.code,
)

/** A Fingertips export of Year 6 obesity (92033): Oldham in 2024/25, and as many more areas and years as asked, so the import takes long enough to watch. */
function export92033(extraPeriods = 0, overrides: Record<string, string> = {}): Buffer {
  const row = (area: string, year: number) => {
    const cells: Record<string, string> = {
      'Indicator ID': '92033',
      'Area Code': area,
      Sex: 'Persons',
      Age: '10-11 yrs',
      'Time period': `${year}/${String((year + 1) % 100).padStart(2, '0')}`,
      Value: '24.1',
      'Lower CI 95.0 limit': '22.6',
      'Upper CI 95.0 limit': '25.6',
      Count: '760',
      Denominator: '3150',
      ...(area === 'E08000004' && year === 2024 ? overrides : {}),
    }
    return header.map((h) => cells[h] ?? '').join(',')
  }
  const lines = [header.join(','), row('E08000004', 2024)]
  for (let year = 1900; year < 1900 + extraPeriods; year++) for (const area of areas) lines.push(row(area, year))
  return Buffer.from(`${lines.join('\r\n')}\r\n`)
}

/**
 * Waits for the import to end, then refreshes its page once, as a person does
 * who chose not to have it update itself, and checks the page it shows. The
 * wait asks the server for the same page (with the browser's cookies) until
 * it no longer says "Importing", so it lasts as long as the import and no
 * longer. (The self-updating page is the same page with a meta refresh, which
 * axe reports whoever chose it: the integration tests check that one.)
 */
async function untilFinished(e2e: ReturnType<typeof journey>, page: Page): Promise<void> {
  const address = new URL(page.url()).pathname
  await eventually(
    'the import ends',
    async () => {
      const response = await page.request.get(address)
      assert.equal(response.status(), 200, `${address} answered ${response.status()} while importing`)
      return !/<h1\b[^>]*>\s*Importing/.test(await response.text())
    },
    { timeout: 120_000 },
  )
  await e2e.visit(page, address)
  assert.doesNotMatch(await heading(page), /^Importing/, 'the import ends')
}

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel('File of values').setInputFiles({ name, mimeType: 'text/csv', buffer })
  await page.getByLabel('Update the progress page by itself every 2 seconds').uncheck()
}

describe('importing indicator values, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('a Fingertips export shows its progress, then its result, and the value is on the indicator’s values page', async () => {
    await e2e.visit(page, '/indicators')
    await e2e.follow(page, 'Import values')
    assert.equal(await heading(page), 'Import indicator values')
    await chooseFile(page, 'fingertips-92033.csv', export92033(10))
    await e2e.submit(page, 'Import values')
    assert.match(page.url(), /\/indicator-values\/imports\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    if ((await heading(page)).startsWith('Importing')) {
      // While it runs: a progress bar with its words beside it, and the way to have the page update itself.
      assert.equal(await page.locator('progress').count(), 1)
      assert.match(await page.locator('main').innerText(), /% of the file read/)
      assert.equal(await page.getByRole('link', { name: 'let this page update itself every 2 seconds' }).count(), 1)
    }
    await untilFinished(e2e, page)
    assert.equal(await heading(page), 'Values imported from fingertips-92033.csv')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /values added/)
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0)

    await e2e.visit(page, '/indicators')
    const indicator = await page.getByRole('link', { name: 'Year 6: prevalence of obesity (including severe obesity)', exact: true }).getAttribute('href')
    await e2e.visit(page, `${indicator}/values?area=E08000004`)
    const rows = await tableRows(page)
    assert.ok(
      rows.some((r) => r.startsWith('2024/25 | Oldham | Persons, 10-11 yrs') && r.includes('24.1')),
      rows.slice(0, 3).join('\n'),
    )

    await e2e.visit(page, '/indicator-values/imports')
    assert.match((await tableRows(page))[0]!, /fingertips-92033\.csv \| Fingertips export layout/)
  })

  test('a bad file shows the report by row and column, and imports nothing', async () => {
    await e2e.visit(page, '/indicator-values/import')
    await chooseFile(page, 'bad.csv', export92033(0, { 'Area Code': 'E08999999', Value: 'lots' }))
    await e2e.submit(page, 'Import values')
    await untilFinished(e2e, page)
    assert.equal(await heading(page), 'Nothing was imported from bad.csv')
    assert.deepEqual(await tableRows(page), ['2 | Value | ‘lots’ is not a number'])
    // An empty form is said by the field, on the form.
    await e2e.visit(page, '/indicator-values/import')
    await e2e.submit(page, 'Import values', { status: 400 })
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select the file of values to import/)
  })

  test('the import works without JavaScript', async () => {
    const plain = await e2e.newPage({ javaScript: false })
    await e2e.signIn(plain)
    await e2e.visit(plain, '/indicator-values/import')
    await chooseFile(plain, 'again.csv', export92033())
    await e2e.submit(plain, 'Import values')
    await untilFinished(e2e, plain)
    assert.match(await plain.locator('main').innerText(), /0 values added, 0 replaced, 1 unchanged/)
  })
})
