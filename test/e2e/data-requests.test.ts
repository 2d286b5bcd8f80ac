import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey, summary, tableRows } from './support/journey.ts'

// Data requests to partners (create → submit → approve) and the partnership's
// own localities, as the demo partnership manager. Every page reached, error
// states included, is checked with axe.

async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner__content').innerText()).trim()
}

describe('data requests and localities, as the demo partnership manager', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the demo’s requests are listed soonest due first, the overdue one tagged late, and the list filters by status', async () => {
    await e2e.visit(page, '/data-requests')
    assert.equal(await heading(page), 'Data requests')
    const rows = (await tableRows(page)).map((r) => r.replace(/\s+/g, ' '))
    assert.deepEqual(rows, [
      'NHS Oldham Clinical Commissioning Group for 2019/20 Q3 | 2019/20 Q3 | 31 January 2020 | 2 | Approved',
      'Oldham Cares for 2019/20 Q4 | 2019/20 Q4 | 29 May 2020 | 1 | Late',
      'Oldham Metropolitan Borough Council for 2019/20 | 2019/20 | 30 September 2020 | 1 | Submitted',
    ])
    await page.getByLabel('Status').selectOption({ label: 'Late' })
    await e2e.submit(page, 'Apply filters')
    assert.deepEqual(
      (await tableRows(page)).map((r) => r.split(' | ')[0]!.replace(/\s+/g, ' ')),
      ['Oldham Cares for 2019/20 Q4'],
    )
  })

  test('a request is made with every mistake shown at once, then submitted and approved, its history kept', async () => {
    await e2e.visit(page, '/data-requests')
    await e2e.submit(page, 'Request values')
    assert.equal(await heading(page), 'Request values from a partner')
    await page.getByLabel('Day', { exact: true }).fill('31')
    await page.getByLabel('Month', { exact: true }).fill('2')
    await page.getByLabel('Year', { exact: true }).fill('2099')
    await e2e.submit(page, 'Save data request', { status: 400 })
    assert.deepEqual(await errorSummary(page), [
      'Select the organisation asked for the values',
      'Enter the period the values are for, like 2024/25 Q2',
      'The due date must be a real date',
      'Select at least one indicator the values are for',
    ])
    await page.getByLabel('Organisation').selectOption({ label: 'Oldham schools and academies' })
    await page.getByLabel('Period').fill('2024/25 Q2')
    await page.getByLabel('Day', { exact: true }).fill('28')
    await page.getByLabel('Under-18 conceptions').check()
    await e2e.submit(page, 'Save data request')
    assert.equal(await heading(page), 'Oldham schools and academies, 2024/25 Q2')
    assert.equal((await summary(page)).Status, 'Requested')
    assert.equal((await summary(page)).Due, '28 February 2099')

    await e2e.submit(page, 'Mark as submitted')
    assert.equal(await flash(page), 'Status changed to submitted')
    assert.equal((await summary(page)).Status, 'Submitted')
    await e2e.submit(page, 'Approve')
    assert.equal((await summary(page)).Status, 'Approved')
    const history = await page.locator('table').innerText()
    assert.match(history, /Requested values for 2024\/25 Q2 from Oldham schools and academies[\s\S]*Marked as submitted[\s\S]*Approved: the data request/)

    await e2e.submit(page, 'Change data request')
    assert.equal(await heading(page), 'Change the data request')
    await page.getByLabel('Notes (optional)').fill('Termly figures are fine.')
    await e2e.submit(page, 'Save data request')
    assert.match((await summary(page)).Notes ?? '', /Termly figures are fine\./)
    await e2e.submit(page, 'Archive data request')
    assert.equal(await heading(page), 'Data requests')
    await e2e.follow(page, 'Archived data requests')
    assert.equal(await heading(page), 'Archived data requests')
    await e2e.follow(page, 'Oldham schools and academies for 2024/25 Q2')
    await e2e.submit(page, 'Restore data request')
    assert.equal(await flash(page), 'Data request restored')
  })

  test('localities: Oldham’s six districts, a new one refused with its mistakes then added, and renamed', async () => {
    await e2e.visit(page, '/localities')
    assert.equal(await heading(page), 'Localities and wards')
    const names = (await tableRows(page)).map((r) => r.split(' | ')[0])
    assert.deepEqual(names, ['Chadderton', 'Failsworth and Hollinwood', 'Oldham East', 'Oldham West', 'Royton, Shaw and Crompton', 'Saddleworth and Lees'])
    assert.match((await tableRows(page))[3]!, /Oldham West \| E08000004-WEST \| Locality \| Oldham \| 3/)

    await e2e.submit(page, 'Add a locality or ward')
    await page.getByLabel('Ward', { exact: true }).check()
    await page.getByLabel('Code').fill('E08000004-CENTRE')
    await e2e.submit(page, 'Save', { status: 400 })
    assert.deepEqual(await errorSummary(page), [
      'Enter the ward’s ONS code: E05 and six digits, like E05000870',
      'Enter the name',
      'Select the area it is part of',
    ])
    await page.getByLabel('Locality', { exact: true }).check()
    await page.getByLabel('Name').fill('Town centre')
    await page.getByLabel('Part of').selectOption({ label: 'Oldham West (E08000004-WEST)' })
    await e2e.submit(page, 'Save')
    assert.equal(await flash(page), 'Town centre (E08000004-CENTRE) added')
    assert.ok((await tableRows(page)).some((r) => /^Town centre \| E08000004-CENTRE \| Locality \| Oldham West \| 0/.test(r)))

    await e2e.follow(page, 'Change Town centre')
    assert.equal(await heading(page), 'Change Town centre')
    await page.getByLabel('Name').fill('Oldham town centre')
    await page.getByLabel('Part of').selectOption({ label: 'Oldham (E08000004)' })
    await e2e.submit(page, 'Save')
    assert.ok((await tableRows(page)).some((r) => /^Oldham town centre \| E08000004-CENTRE \| Locality \| Oldham \| 0/.test(r)))
  })
})
