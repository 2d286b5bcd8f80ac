import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey } from './support/journey.ts'

describe('the indicator library, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the library lists the partnership’s KPIs with their outcomes and target leads, and filters by outcome', async () => {
    await e2e.follow(page, 'Performance', { within: 'nav' })
    assert.equal(await heading(page), 'Indicators')
    const table = page.locator('table')
    assert.match(await table.innerText(), /Year 6: prevalence of obesity \(including severe obesity\)[\s\S]*Director of Public Health/)
    await page.getByLabel('Outcome').selectOption({ label: 'Are safe and feel safe' })
    await e2e.submit(page, 'Apply filters')
    const rows = await page.locator('tbody tr').allInnerTexts()
    assert.ok(rows.length >= 1)
    assert.ok(
      rows.every((row) => /Are safe and feel safe/.test(row)),
      'only indicators measuring the outcome',
    )
    await e2e.follow(page, 'Admission episodes for alcohol-specific conditions, under 18s')
    assert.equal(await heading(page), 'Admission episodes for alcohol-specific conditions, under 18s')
    assert.match(await page.locator('main').innerText(), /Crude rate \(per 100,000\)[\s\S]*Low is good[\s\S]*92904/)
  })

  test('adding one: every mistake at once, then the saved indicator; changing, archiving and restoring it', async () => {
    await e2e.visit(page, '/indicators')
    await e2e.submit(page, 'Add an indicator')
    assert.equal(await heading(page), 'Add an indicator')
    await page.getByLabel('Title').fill('Reception: prevalence of obesity (including severe obesity)')
    await page.getByLabel('Crude rate').check()
    await page.getByLabel('100 (a percentage)').check()
    await page.getByLabel('Low is good').check()
    await page.getByLabel('Academic year (September to August)').check()
    await e2e.submit(page, 'Save indicator', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['A crude rate is per 1,000 or per 10,000 or per 100,000'])
    assert.equal(await page.getByLabel('Title').inputValue(), 'Reception: prevalence of obesity (including severe obesity)', 'what was typed is kept')

    await page.getByLabel('Proportion or percentage').check()
    await page.getByLabel('Target lead (optional)').selectOption({ label: 'Director of Public Health' })
    await page.getByLabel('Owning body (optional)').selectOption({ label: 'Health and Wellbeing Board' })
    await page.getByLabel('Are as healthy as they can be, including emotionally and mentally').check()
    await e2e.submit(page, 'Save indicator')
    assert.equal(await heading(page), 'Reception: prevalence of obesity (including severe obesity)')
    assert.match(
      await page.locator('main').innerText(),
      /Proportion or percentage \(%\)[\s\S]*Director of Public Health[\s\S]*Health and Wellbeing Board[\s\S]*Are as healthy as they can be/,
    )

    await e2e.submit(page, 'Change the definition')
    await page.getByLabel('Unit (optional)').fill('children')
    await e2e.submit(page, 'Save indicator')
    assert.match(await page.locator('main').innerText(), /in children/)

    await e2e.follow(page, 'Archive this indicator')
    await e2e.submit(page, 'Archive')
    assert.equal(await heading(page), 'Indicators')
    assert.doesNotMatch(await page.locator('table').innerText(), /Reception: prevalence/)
    await e2e.follow(page, 'Archived indicators')
    await e2e.follow(page, 'Reception: prevalence of obesity (including severe obesity)')
    await e2e.submit(page, 'Restore this indicator')
    assert.match(await page.locator('main').innerText(), /Change the definition/)
  })

  test('comparator groups: the demo’s Greater Manchester boroughs by name, and a new group whose unknown code is refused then corrected', async () => {
    await e2e.visit(page, '/indicators')
    await e2e.follow(page, 'Comparator groups')
    assert.equal(await heading(page), 'Comparator groups')
    await e2e.follow(page, 'Greater Manchester')
    assert.match(await page.locator('table').innerText(), /10 areas[\s\S]*Oldham\tE08000004/)

    await e2e.visit(page, '/comparator-groups')
    await e2e.submit(page, 'Add a comparator group')
    await page.getByLabel('Name').fill('Pennine boroughs')
    await page.getByLabel('Another group').check()
    await page.getByLabel('Area codes').fill('E08000004, E08000005, E08099999')
    await e2e.submit(page, 'Save group', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['This code is not in the register of areas: E08099999'])
    await page.getByLabel('Area codes').fill('E08000004, E08000005, E08000033')
    await e2e.submit(page, 'Save group')
    assert.equal(await heading(page), 'Pennine boroughs')
    assert.match(await page.locator('table').innerText(), /Calderdale[\s\S]*Oldham[\s\S]*Rochdale/)
  })

  test('values: the form refuses a mistyped period, then the value shows with its calculated limits', async () => {
    await e2e.visit(page, '/indicators')
    await e2e.follow(page, 'Year 6: prevalence of obesity (including severe obesity)')
    await e2e.follow(page, 'Values', { within: 'nav[aria-label="Parts of this indicator"]' })
    assert.equal(await heading(page), 'Values')
    await e2e.submit(page, 'Add a value')
    await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Oldham (E08000004)' })
    await page.getByLabel('Period').fill('2030')
    await page.getByLabel('Count (optional)').fill('650')
    await page.getByLabel('Denominator (optional)').fill('2,600')
    await page.getByLabel('This is an illustrative figure, not a published one').check()
    await e2e.submit(page, 'Save value', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the period like 2018/19'])
    await page.getByLabel('Period').fill('2030/31')
    await e2e.submit(page, 'Save value')
    assert.equal(await heading(page), 'Values')
    const row = page.locator('tbody tr', { hasText: '2030/31' })
    assert.match(await row.innerText(), /Oldham\tPersons\t650\t2,600\t25\.0 \(calculated\)\t23\.4 to 26\.7 \(calculated\)[\s\S]*Illustrative/)
  })
})
