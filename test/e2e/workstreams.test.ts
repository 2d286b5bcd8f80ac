import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey } from './support/journey.ts'

const youth = 'Integrated Youth Services Delivery Partnership'
const contributing = 'Have things to do and opportunities to contribute to their communities'
const noWorkstream = 'No workstream contributes to this outcome'

/** The golden thread's row for an outcome, as its cells read. */
async function threadRow(page: Page, outcome: string): Promise<string> {
  return page.locator('table tbody tr', { has: page.getByRole('link', { name: outcome, exact: true }) }).innerText()
}

describe('workstreams and the golden thread, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    // Given nothing yet links a workstream to this outcome: the demo links youth work, play, sport and music to it.
    const db = e2e.running.db
    const outcome = await db.selectFrom('framework_outcomes').select('outcome_id').where('title', '=', contributing).executeTakeFirstOrThrow()
    await db.deleteFrom('workstream_outcomes').where('outcome_id', '=', outcome.outcome_id).execute()
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the golden thread shows the outcome no workstream contributes to', async () => {
    await e2e.visit(page, '/golden-thread')
    assert.equal(await heading(page), 'The golden thread')
    assert.match(await threadRow(page, contributing), new RegExp(noWorkstream))
  })

  test('a delivery partnership’s page lists its workstreams by kind, and a workstream is added there, linked to the outcome', async () => {
    // The 2008 delivery partnerships have ended, so they are reached from the workstreams list rather than the current bodies.
    await e2e.follow(page, 'Plans', { within: 'nav' })
    await e2e.visit(page, '/workstreams')
    await e2e.follow(page, youth)
    assert.match(await page.locator('main').innerText(), /Workstreams\s+Strategies\s+Young Peoples Housing Strategy\s+Services\s+Connexions/)
    await e2e.follow(page, 'Add a workstream')
    assert.equal(await heading(page), 'Add a workstream')
    assert.equal(
      await page.getByLabel('Body', { exact: true }).inputValue(),
      await page.getByRole('option', { name: youth, exact: true }).getAttribute('value'),
      'the body is chosen already',
    )

    await page.getByLabel('Title').fill('Youth Council')
    await e2e.submit(page, 'Save workstream', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Select whether it is a strategy, a service or a project'])
    assert.equal(await page.getByLabel('Title').inputValue(), 'Youth Council', 'what was typed is kept')

    await page.getByLabel('Service', { exact: true }).check()
    await page.getByLabel('Description (optional)').fill('Young people elected to speak for their peers, building on the existing forums.')
    await page.getByLabel(contributing).check()
    await e2e.submit(page, 'Save workstream')
    assert.equal(await heading(page), 'Youth Council')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /‘Youth Council’ added/)

    await e2e.follow(page, youth)
    assert.match(await page.locator('main').innerText(), /Youth Council/)
  })

  test('the outcome’s page shows the workstream and its body, and the gap is gone from the golden thread', async () => {
    await e2e.follow(page, 'Youth Council')
    await e2e.follow(page, contributing)
    assert.equal(await heading(page), contributing)
    const main = await page.locator('main').innerText()
    assert.match(main, /Youth Council \(service of the Integrated Youth Services Delivery Partnership\)/)
    assert.match(main, /Runs the service ‘Youth Council’/)
    assert.doesNotMatch(main, new RegExp(noWorkstream))
    await e2e.follow(page, 'The golden thread')
    assert.doesNotMatch(await threadRow(page, contributing), new RegExp(noWorkstream))
  })

  test('the list filters by body and kind; a workstream is changed, archived after confirming, and restored', async () => {
    await e2e.visit(page, '/workstreams')
    assert.equal(await heading(page), 'Workstreams')
    await page.getByLabel('Body').selectOption({ label: youth })
    await page.getByLabel('Kind').selectOption({ label: 'Strategy' })
    await e2e.submit(page, 'Apply filters')
    assert.deepEqual(await page.locator('table caption').allInnerTexts(), [youth])
    assert.match(await page.locator('table').innerText(), /Young Peoples Housing Strategy/)
    assert.doesNotMatch(await page.locator('table').innerText(), /Youth Council/)

    await e2e.visit(page, `/workstreams?body=${new URL(page.url()).searchParams.get('body')}`)
    await e2e.follow(page, 'Youth Council')
    await e2e.submit(page, 'Change workstream')
    assert.equal(await heading(page), 'Change Youth Council')
    assert.ok(await page.getByLabel(contributing).isChecked(), 'the outcome stays ticked')
    await page.getByLabel('Title').fill('Youth Council and Youth Parliament')
    await e2e.submit(page, 'Save workstream')
    assert.equal(await heading(page), 'Youth Council and Youth Parliament')

    await e2e.submit(page, 'Archive workstream')
    assert.equal(await heading(page), 'Archive Youth Council and Youth Parliament?')
    await e2e.submit(page, 'Archive')
    assert.match(await page.locator('.govuk-warning-text').innerText(), /This workstream was archived on/)
    await e2e.submit(page, 'Restore workstream')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /restored/)
  })
})

describe('workstreams without JavaScript, and as a viewer', () => {
  const e2e = journey()

  test('the form works without JavaScript', async () => {
    const page = await e2e.newPage({ javaScript: false })
    await e2e.signIn(page, 'editor@demo.thrive.local')
    await e2e.visit(page, '/workstreams/new')
    await page.getByLabel('Body', { exact: true }).selectOption({ label: 'Learning Delivery Partnership' })
    await page.getByLabel('Title').fill('Reading Recovery')
    await page.getByLabel('Project', { exact: true }).check()
    await page.getByLabel('Enjoy growing up in Oldham and do well in the early years, school and college').check()
    await e2e.submit(page, 'Save workstream')
    assert.equal(await heading(page), 'Reading Recovery')
    assert.match(await page.locator('main').innerText(), /Project of the Learning Delivery Partnership/)
  })

  test('a viewer reads the workstreams and the golden thread but is offered no changes', async () => {
    const page = await e2e.newPage()
    await e2e.signIn(page, 'viewer@demo.thrive.local')
    await e2e.visit(page, '/workstreams')
    assert.equal(await page.getByRole('button', { name: 'Add a workstream' }).count(), 0)
    await e2e.follow(page, 'Connexions')
    assert.equal(await page.getByRole('button', { name: 'Change workstream' }).count(), 0)
    await e2e.follow(page, 'Are supported to make the successful journey into adulthood, work and independence')
    assert.match(await page.locator('main').innerText(), /Connexions/)
    await e2e.visit(page, '/workstreams/new', { status: 403 })
  })
})
