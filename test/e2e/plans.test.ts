import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey, summary } from './support/journey.ts'

// A partnership manager writes a strategy and its plan in the browser, records
// progress that makes an objective slip, and finds it on the plan and on their
// own "My work" page. Every page reached is checked with axe.
const strategyTitle = 'Journey strategy for children and young people'
const planTitle = 'Journey action plan'
const aimTitle = 'Hold the partnership to account for its KPIs'
const board = 'Children and Young People’s Strategic Partnership Board'
const manager = 'Journey partnership manager'
const year = new Date().getFullYear()
const slipping = 'Agree the partnership’s own KPIs'
const objectives: [string, string, string][] = [
  // [title, as typed, as the plan shows it]
  [slipping, `Nov ${year + 4}`, `November ${year + 4}`],
  ['Regular updates to the Health and Wellbeing Board', 'quarterly', 'Quarterly'],
  ['Inform the JSNA work plan', 'in line with the planning cycle', 'In line with the planning cycle'],
  ['Deliver the early help review', `April ${year + 4} to March ${year + 5}`, `April ${year + 4} to March ${year + 5}`],
  ['Keep the voice of children at the heart of the Board', 'ongoing', 'Ongoing'],
]

async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).trim()
}

describe('strategies and delivery plans, as the demo partnership manager', () => {
  const e2e = journey()
  let page: Page
  let planPath = ''

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the demo’s 2019–2022 strategy and its action plan are there to read, with what needs attention', async () => {
    await e2e.follow(page, 'Plans', { within: 'nav' })
    assert.equal(await heading(page), 'Delivery plans')
    assert.match(await page.locator('table').first().innerText(), /Children and Young People Strategy 2019–2022 action plan/)
    await e2e.follow(page, 'Strategies')
    assert.match(await page.locator('table').first().innerText(), /Oldham Children and Young People Strategy 2019–2022\s+2019–2022/)
    await e2e.follow(page, 'Oldham Children and Young People Strategy 2019–2022')
    await e2e.follow(page, 'Children and Young People Strategy 2019–2022 action plan')
    assert.match(await page.locator('#needs-attention').innerText(), /Develop the Board’s own set of Key Performance Indicators/)
    await e2e.follow(page, 'Inform the JSNA work plan via the Health and Wellbeing Board’s JSNA sub-group')
    assert.equal((await summary(page))['Timescale'], 'In line with the planning cycle (JSNA)')
  })

  test('the manager links themselves to the directory, so their objectives reach My work', async () => {
    await e2e.visit(page, '/people/new')
    await page.getByLabel('Name').fill(manager)
    await page.getByLabel('Their account in this service (optional)').selectOption({ label: 'Demo partnership manager (admin@demo.thrive.local)' })
    await e2e.submit(page, 'Save person')
    assert.equal(await heading(page), manager)
  })

  test('a strategy: its errors keep what was typed, then it is saved with its period', async () => {
    await e2e.visit(page, '/strategies')
    await e2e.submit(page, 'Add a strategy')
    await page.getByLabel('Title').fill(strategyTitle)
    await e2e.submit(page, 'Save strategy', { status: 400 })
    assert.deepEqual(await errorSummary(page), [
      'Enter the date the strategy starts',
      'Enter the date the strategy ends',
      'Select the body that owns the strategy',
    ])
    assert.equal(await page.getByLabel('Title').inputValue(), strategyTitle)
    const starts = page.getByRole('group', { name: 'Starts' })
    await starts.getByLabel('Day').fill('1')
    await starts.getByLabel('Month').fill('4')
    await starts.getByLabel('Year').fill(String(year + 2))
    const ends = page.getByRole('group', { name: 'Ends' })
    await ends.getByLabel('Day').fill('31')
    await ends.getByLabel('Month').fill('3')
    await ends.getByLabel('Year').fill(String(year + 5))
    await page.getByLabel('Owner').selectOption({ label: board })
    await page.getByLabel('Active').check()
    await e2e.submit(page, 'Save strategy')
    assert.equal(await heading(page), strategyTitle)
    assert.equal((await summary(page))['Status'], 'Active')
    assert.match(await page.locator('.govuk-caption-l').innerText(), new RegExp(`${year + 2}–${year + 5}`))
  })

  test('a plan for the strategy, an aim, and objectives typed in the wordings plans use', async () => {
    await e2e.follow(page, 'Add a plan to this strategy')
    assert.equal(await heading(page), 'Add a delivery plan')
    await page.getByLabel('Title').fill(planTitle)
    await page.getByLabel('Lead body (optional)').selectOption({ label: board })
    await e2e.submit(page, 'Save plan')
    assert.equal(await heading(page), planTitle)
    assert.equal((await summary(page))['Strategy'], strategyTitle)
    planPath = new URL(page.url()).pathname

    await e2e.submit(page, 'Add an aim')
    assert.equal(await page.getByLabel('Number').inputValue(), '1')
    await page.getByLabel('Aim', { exact: true }).fill(aimTitle)
    await e2e.submit(page, 'Save aim')
    assert.match(await flash(page), /Aim 1 added/)

    await e2e.follow(page, 'Add an objective to aim 1')
    await page.getByLabel('Objective or milestone').fill(slipping)
    await page.getByLabel('Timescale').fill('sometime soon')
    await e2e.submit(page, 'Save objective', { status: 400 })
    assert.match((await errorSummary(page))[0]!, /^Enter the timescale as a date, a month, a quarter/)
    assert.equal(await page.getByLabel('Timescale').inputValue(), 'sometime soon', 'what was typed is kept')

    for (const [index, [title, typed]] of objectives.entries()) {
      if (index > 0) await e2e.follow(page, 'Add an objective to aim 1')
      await page.getByLabel('Objective or milestone').fill(title)
      await page.getByLabel('Timescale').fill(typed)
      await page.getByLabel('Owner (optional)').selectOption({ label: manager })
      await page.getByLabel('Lead body (optional)').selectOption({ label: board })
      await page.getByLabel('Are safe and feel safe').check()
      await e2e.submit(page, 'Save objective')
      assert.equal(await heading(page), planTitle)
    }
    const table = await page.locator('table', { has: page.locator('caption', { hasText: 'Objectives of aim 1' }) }).innerText()
    for (const [title, , shown] of objectives) {
      assert.ok(table.includes(title), title)
      assert.ok(table.includes(shown), shown)
    }
    assert.equal(await page.locator('#needs-attention').count(), 0, 'nothing needs attention yet')
  })

  test('an update at risk makes an objective slip: it shows on the plan and on My work', async () => {
    await e2e.follow(page, slipping)
    assert.equal(await heading(page), slipping)
    assert.equal((await summary(page))['Status'], 'Not started No RAG')
    await page.getByLabel('At risk').check()
    await page.getByLabel('Amber').check()
    await page.getByLabel('Commentary (optional)').fill('Partners have not yet agreed which existing KPIs to share.')
    await e2e.submit(page, 'Record progress')
    assert.match(await flash(page), /Progress update recorded/)
    assert.equal((await summary(page))['Status'], 'At risk Amber')
    assert.match(await page.locator('table').first().innerText(), /Partners have not yet agreed/)

    await e2e.follow(page, 'Back to the plan')
    assert.match(await page.locator('#needs-attention').innerText(), new RegExp(`${slipping}[\\s\\S]*Slipping`))
    assert.match(await page.locator('.govuk-summary-list').innerText(), /0 of 5 complete, 1 slipping/)

    await e2e.follow(page, 'My work', { within: 'nav' })
    const mine = page.locator('table', { has: page.locator('caption', { hasText: 'Objectives you own that are overdue or slipping' }) })
    assert.match(await mine.innerText(), new RegExp(`${slipping}[\\s\\S]*${planTitle}`))
  })

  test('without JavaScript, progress is recorded and an objective moved, archived and restored', async () => {
    const plain = await e2e.newPage({ javaScript: false })
    await e2e.signIn(plain)
    await e2e.visit(plain, planPath)
    await e2e.submit(plain, `Move down ${slipping}`)
    const first = plain
      .locator('table', { has: plain.locator('caption', { hasText: 'Objectives of aim 1' }) })
      .locator('tbody tr')
      .first()
    assert.match(await first.innerText(), /Regular updates to the Health and Wellbeing Board/)
    await e2e.follow(plain, slipping)
    await plain.getByLabel('Complete').check()
    await plain.getByLabel('Green').check()
    await e2e.submit(plain, 'Record progress')
    assert.equal((await summary(plain))['Status'], 'Complete Green')
    await e2e.submit(plain, 'Archive objective')
    assert.equal(await heading(plain), `Archive ${slipping}?`)
    await e2e.submit(plain, 'Archive objective')
    assert.equal(await heading(plain), planTitle)
    await e2e.follow(plain, slipping)
    await e2e.submit(plain, 'Restore objective')
    assert.match(await flash(plain), /restored/)
  })

  test('the change and archive pages of a strategy, plan, aim and objective, and an aim number already taken', async () => {
    await e2e.visit(page, planPath)
    await e2e.submit(page, 'Change plan')
    assert.equal(await heading(page), `Change ${planTitle}`)
    await e2e.follow(page, 'Back')
    await e2e.submit(page, 'Archive plan')
    assert.equal(await heading(page), `Archive ${planTitle}?`)
    await e2e.follow(page, 'Cancel')
    await e2e.follow(page, 'Change aim 1')
    await page.getByLabel('Aim', { exact: true }).fill('')
    await e2e.submit(page, 'Save aim', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the aim'])
    await e2e.follow(page, 'Archive this aim')
    assert.equal(await heading(page), 'Archive aim 1?')
    await e2e.follow(page, 'Cancel')
    await e2e.submit(page, 'Add an aim')
    await page.getByLabel('Number').fill('1')
    await page.getByLabel('Aim', { exact: true }).fill('A second first aim')
    await e2e.submit(page, 'Save aim', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Aim 1 already exists in this plan: choose another number'])
    await e2e.visit(page, planPath)
    await e2e.follow(page, 'Inform the JSNA work plan')
    await e2e.submit(page, 'Change objective')
    assert.equal(await page.getByLabel('Timescale').inputValue(), 'In line with the planning cycle')
    await e2e.follow(page, 'Back')
    await e2e.submit(page, 'Archive objective')
    await e2e.follow(page, 'Cancel')
    await e2e.visit(page, '/strategies')
    await e2e.follow(page, strategyTitle)
    await e2e.submit(page, 'Change strategy')
    assert.equal(await heading(page), `Change ${strategyTitle}`)
    await e2e.follow(page, 'Back')
    await e2e.submit(page, 'Archive strategy')
    await e2e.submit(page, 'Archive strategy')
    assert.match(await flash(page), /archived/)
    await e2e.submit(page, 'Restore strategy')
    assert.match(await flash(page), /restored/)
  })
})
