import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey, summary } from './support/journey.ts'

const partnershipName = 'Oldham Children and Young People’s Strategic Partnership'

// The same journeys with JavaScript switched off in the browser: the forms,
// their errors and the redirects must all work from the HTML alone.
describe('with JavaScript switched off', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage({ javaScript: false })
  })

  test('the browser really is running no scripts', async () => {
    // govuk-frontend's inline snippet marks the body when scripts run: it does with them on, and never here.
    const withScripts = await e2e.newPage()
    await e2e.visit(withScripts, '/')
    assert.match((await withScripts.locator('body').getAttribute('class')) ?? '', /govuk-frontend-supported/)
    await e2e.visit(page, '/')
    assert.doesNotMatch((await page.locator('body').getAttribute('class')) ?? '', /js-enabled|govuk-frontend-supported/)
  })

  test('signing in: errors, then the dashboard', async () => {
    await e2e.visit(page, '/sign-in')
    await e2e.submit(page, 'Sign in', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter your email address', 'Enter your password'])

    await page.getByLabel('Email address').fill(e2e.running.demo.email)
    await page.getByLabel('Password', { exact: true }).fill('wrong password')
    await e2e.submit(page, 'Sign in', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter a correct email address and password'])
    assert.equal(await page.getByLabel('Email address').inputValue(), e2e.running.demo.email)

    await page.getByLabel('Password', { exact: true }).fill(e2e.running.demo.password)
    await e2e.submit(page, 'Sign in')
    assert.equal(new URL(page.url()).pathname, '/')
    assert.equal(await heading(page), partnershipName)
  })

  test('adding an organisation: errors, then saved', async () => {
    await e2e.follow(page, 'Organisations', { within: 'nav' })
    await e2e.submit(page, 'Add an organisation')
    assert.equal(await heading(page), 'Add an organisation')

    await page.getByLabel('Name').fill('Positive Steps')
    await e2e.submit(page, 'Save organisation', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Select the sector the organisation belongs to', 'Select whether the organisation is a statutory partner'])
    assert.equal(await page.getByLabel('Name').inputValue(), 'Positive Steps')

    await page.getByLabel('Voluntary, community and faith').check()
    await page.getByLabel('No', { exact: true }).check()
    await page.getByLabel('Website (optional)').fill('https://www.positive-steps.org.uk')
    await e2e.submit(page, 'Save organisation')
    assert.equal(await heading(page), 'Positive Steps')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Organisation ‘Positive Steps’ added/)
    assert.equal((await summary(page)).Website, 'https://www.positive-steps.org.uk')
  })

  test('filtering the list and adding a person to the new organisation', async () => {
    await e2e.visit(page, '/organisations')
    await page.getByLabel('Name contains').fill('Positive')
    await e2e.submit(page, 'Apply filters')
    assert.deepEqual(await page.locator('table tbody tr td:first-child a').allInnerTexts(), ['Positive Steps'])

    await e2e.visit(page, '/people/new')
    await page.getByLabel('Name (optional)').fill('Jo Whitehead')
    await page.getByLabel('Organisation (optional)').selectOption({ label: 'Positive Steps' })
    await page.getByLabel('Email address (optional)').fill('jo@')
    await e2e.submit(page, 'Save person', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter an email address in the correct format, like name@example.org'])
    await page.getByLabel('Email address (optional)').fill('jo.whitehead@positive-steps.org.uk')
    await e2e.submit(page, 'Save person')
    assert.equal(await heading(page), 'Jo Whitehead')
    assert.equal((await summary(page)).Organisation, 'Positive Steps')
  })

  test('signing out', async () => {
    await e2e.signOut(page)
    await e2e.visit(page, '/people')
    assert.equal(new URL(page.url()).pathname, '/sign-in')
  })
})
