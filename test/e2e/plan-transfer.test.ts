import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { readPlanFile } from '../../src/strategy/plan-transfer/read.ts'
import { errorSummary, heading, journey, tableRows } from './support/journey.ts'

const demoCsv = await readFile(new URL('../../demo/data/delivery-plan-2007.csv', import.meta.url))
const badCsv = Buffer.from(
  [
    'Number,Aim,Objective,Timescale,Outcome,Owner',
    '1,Governance,Agree governance framework,31 February 2008,Clear lines,Nobody We Know',
    ',,Agree governance framework,ongoing,,',
  ].join('\r\n'),
)

async function rowsOf(name: string, content: Buffer) {
  const read = await readPlanFile(name, content)
  assert.ok(read.ok, read.ok ? '' : read.message)
  return read.rows.map((r) => r.cells)
}

describe('importing and downloading a delivery plan, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('a bad file gets a report of every problem, row by row, and nothing is imported', async () => {
    await e2e.visit(page, '/plans')
    await e2e.follow(page, 'Import a plan from a spreadsheet')
    assert.equal(await heading(page), 'Import a plan from a spreadsheet')
    const plansBefore = (await page.request.get('/plans')).status()
    assert.equal(plansBefore, 200)

    await page.getByLabel('Title of the plan').fill('A plan with problems')
    await page.getByLabel('Spreadsheet').setInputFiles({ name: 'problems.csv', mimeType: 'text/csv', buffer: badCsv })
    await e2e.submit(page, 'Import plan', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['The file has 3 problems, listed below: nothing was imported'])
    assert.deepEqual(await tableRows(page), [
      '2 | Timescale | The timescale must be a real date, for example ‘2 June 2008’',
      '2 | Owner | No one called ‘Nobody We Know’ is in the partnership’s people: add them first, or check the spelling',
      '3 | Objective | The objective is the same as row 2’s in aim 1',
    ])
    assert.equal(await page.getByLabel('Title of the plan').inputValue(), 'A plan with problems', 'what was typed is kept')
    assert.match(await page.locator('.govuk-inset-text').innerText(), /choose it again/)
    await e2e.visit(page, '/plans')
    assert.equal(await page.getByText('A plan with problems').count(), 0)
  })

  test('a good file becomes the plan, which downloads in both formats as it came in', async () => {
    await e2e.visit(page, '/plans/import')
    await page.getByLabel('Title of the plan').fill('Delivery plan imported in the browser')
    await page.getByLabel('Lead body (optional)').selectOption({ label: 'Changing for Children Board' })
    await page.getByLabel('Spreadsheet').setInputFiles({ name: 'delivery-plan-2007.csv', mimeType: 'text/csv', buffer: demoCsv })
    await e2e.submit(page, 'Import plan')
    assert.equal(await heading(page), 'Delivery plan imported in the browser')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /imported: 6 aims, 26 objectives and 26 progress updates/)
    assert.match(await page.locator('main').innerText(), /Develop and Publish Commissioning Framework/)

    for (const [link, extension] of [
      ['Download as CSV', 'csv'],
      ['Download as Excel', 'xlsx'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()])
      assert.equal(download.suggestedFilename(), `Delivery plan imported in the browser.${extension}`)
      const path = await download.path()
      const content = await readFile(path)
      const rows = await rowsOf(`plan.${extension}`, content)
      assert.deepEqual(rows[0], ['Number', 'Aim', 'Objective', 'Timescale', 'Outcome', 'Owner', 'Lead body', 'Status', 'RAG', 'Last update'])
      assert.equal(rows.length, 27, link)
      assert.deepEqual(
        rows.slice(1).map((r) => r[2]),
        (await rowsOf('demo.csv', demoCsv)).slice(1).map((r) => r[2]),
        `${link}: every objective, in order`,
      )
    }
  })

  test('the import works without JavaScript', async () => {
    const plain = await e2e.newPage({ javaScript: false })
    await e2e.signIn(plain)
    await e2e.visit(plain, '/plans/import')
    await plain.getByLabel('Title of the plan').fill('Imported with no JavaScript')
    await plain.getByLabel('Spreadsheet').setInputFiles({ name: 'delivery-plan-2007.csv', mimeType: 'text/csv', buffer: demoCsv })
    await e2e.submit(plain, 'Import plan')
    assert.equal(await heading(plain), 'Imported with no JavaScript')
  })

  test('a viewer may download a plan but not import one', async () => {
    const viewer = await e2e.newPage()
    await e2e.signIn(viewer, 'viewer@demo.thrive.local')
    await e2e.visit(viewer, '/plans/import', { status: 403 })
    await e2e.visit(viewer, '/plans')
    await e2e.follow(viewer, 'Children’s Trust Approach Delivery Plan')
    const href = await viewer.getByRole('link', { name: 'Download as CSV' }).getAttribute('href')
    const response = await viewer.request.get(href!)
    assert.equal(response.status(), 200)
    assert.match(await response.text(), /Develop and Publish Commissioning Framework,January 2008 \(draft September 2007\)/)
  })
})
