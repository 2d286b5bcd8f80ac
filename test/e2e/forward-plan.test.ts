import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey } from './support/journey.ts'

const title = 'Annual report of the Local Safeguarding Children Board'

describe('the forward plan, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the plan places the quarterly update against the Health and Wellbeing Board’s meetings, linked from the meetings list', async () => {
    await e2e.follow(page, 'Meetings', { within: 'nav' })
    await e2e.follow(page, 'forward plan')
    assert.equal(await heading(page), 'Forward plan')
    await page.getByLabel('Body').selectOption({ label: 'Health and Wellbeing Board' })
    await e2e.submit(page, 'Apply filter')
    const table = page.locator('table').first()
    assert.match(await table.innerText(), /Quarterly update from the Children and Young People’s Strategic Partnership Board/)
    assert.ok((await table.locator('a[href^="/meetings/"]').count()) > 0, 'the meetings are linked')
  })

  test('adding an item: errors keep what was typed, then it is saved, archived after confirming, and restored', async () => {
    await e2e.visit(page, '/forward-plan')
    await e2e.submit(page, 'Add an item')
    assert.equal(await heading(page), 'Add an item to the forward plan')
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Day').first().fill('30')
    await page.getByLabel('Month').first().fill('2')
    await page
      .getByLabel('Year')
      .first()
      .fill(String(new Date().getFullYear() + 1))
    await e2e.submit(page, 'Save item', { status: 400 })
    assert.deepEqual(await errorSummary(page), [
      'Select the body the item goes to',
      'Select whether the item is for decision, for noting or for information',
      'The first date it is due must be a real date',
    ])
    assert.equal(await page.getByLabel('Title').inputValue(), title, 'what was typed is kept')

    await page.getByLabel('Body', { exact: true }).selectOption({ label: 'Health and Wellbeing Board' })
    await page.getByLabel('For noting').check()
    await page.getByLabel('Day').first().fill('1')
    await page.getByLabel('Month').first().fill('6')
    await page.getByLabel('Annually').check()
    await e2e.submit(page, 'Save item')
    assert.equal(await heading(page), 'Forward plan')
    assert.match(await page.locator('table').first().innerText(), new RegExp(title))

    await e2e.follow(page, `Change ${title}`)
    await e2e.follow(page, 'Archive this item')
    assert.equal(await heading(page), `Archive ${title}?`)
    await e2e.submit(page, 'Archive')
    assert.doesNotMatch(await page.locator('table').first().innerText(), new RegExp(title))
    await e2e.submit(page, `Restore ${title}`)
    assert.match(await page.locator('table').first().innerText(), new RegExp(title))
  })
})
