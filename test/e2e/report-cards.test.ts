import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey } from './support/journey.ts'

// The demo's Year 6 obesity report card: read it, change it, link and unlink
// an objective, and add commentary, as the demo partnership manager. Every
// page reached, error states included, is checked with axe.
const indicator = 'Year 6: prevalence of obesity (including severe obesity)'

async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner__content').innerText()).trim()
}

describe('report cards, as the demo partnership manager', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the demo card tells the story behind the curve, its actions with where each stands, and dated commentary newest first', async () => {
    await e2e.visit(page, '/indicators')
    await e2e.follow(page, indicator)
    await e2e.follow(page, 'Report card', { within: 'nav.thrive-sections' })
    assert.equal(await heading(page), 'Report card')
    const main = await page.locator('main').innerText()
    assert.match(main, /A quarter of Oldham’s Year 6 children are obese or severely obese: 25\.3% in 2019\/20/)
    assert.match(main, /Public Health and the 0–19 service/)
    assert.match(main, /Whole-school approaches/)
    const actions = await page.locator('#actions + table').innerText()
    assert.match(actions, /Needs analysis including service mapping by each delivery partnership\tChildren’s Trust Approach Delivery Plan, aim 2/)
    assert.match(actions, /Ensure that strategies and commissioning related to children and young people reflect the needs identified in the JSNA/)
    assert.match(main, /15 December 2020\s+By Director of Public Health[\s\S]*10 December 2019/)
  })

  test('changing the card, linking an objective from a plan and unlinking it again', async () => {
    await e2e.submit(page, 'Change the report card')
    assert.equal(await heading(page), 'Change the report card')
    await page.getByLabel('What works (optional)').fill('Whole-school approaches.\nA healthy start through Right Start.')
    await e2e.submit(page, 'Save report card')
    assert.equal(await flash(page), 'Report card saved')
    assert.match(await page.locator('main').innerText(), /A healthy start through Right Start\./)

    await e2e.submit(page, 'Change the report card')
    await e2e.submit(page, 'Link the objectives', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Select at least one objective to link'])
    await page.getByLabel('Aim 6: Annual review of progress').check()
    await e2e.submit(page, 'Link the objectives')
    assert.equal(await flash(page), 'Objective linked')
    assert.match(await page.locator('#actions + table').innerText(), /Annual review of progress/)
    await e2e.submit(page, 'Unlink Annual review of progress')
    assert.equal(await flash(page), '‘Annual review of progress’ is no longer linked')
    assert.doesNotMatch(await page.locator('#actions + table').innerText(), /Annual review of progress/)
  })

  test('commentary: a missing text is refused with the date kept, then the entry shows first with its author', async () => {
    await e2e.visit(page, '/indicators')
    await e2e.follow(page, indicator)
    await e2e.follow(page, 'Report card', { within: 'nav.thrive-sections' })
    await page.getByLabel('Year').fill('2021')
    await page.getByLabel('Month').fill('1')
    await page.getByLabel('Day').fill('29')
    await e2e.submit(page, 'Add commentary', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the commentary'])
    assert.equal(await page.getByLabel('Year').inputValue(), '2021')
    await page.getByLabel('Commentary', { exact: true }).fill('Illustrative: the district partnerships have each taken the figures to their locality plans.')
    await e2e.submit(page, 'Add commentary')
    assert.equal(await flash(page), 'Commentary added')
    const first = await page.locator('.thrive-commentary li').first().innerText()
    assert.match(first, /29 January 2021\s+By Demo partnership manager\s+Illustrative: the district partnerships/)
  })
})
