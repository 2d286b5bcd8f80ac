import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey, summary, tableRows } from './support/journey.ts'

const council = 'Oldham Metropolitan Borough Council'

async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).trim()
}

describe('people, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the list shows everyone current, by name or role, and filters by organisation', async () => {
    await e2e.follow(page, 'People', { within: 'nav' })
    assert.equal(await heading(page), 'People')
    const current = await e2e.running.db.selectFrom('people').select('id').where('archived_at', 'is', null).execute()
    assert.equal(await page.locator('table caption').innerText(), `${current.length} people`)
    assert.ok((await tableRows(page)).some((row) => row.startsWith('Director of Children’s Services | ')))

    await page.getByLabel('Organisation').selectOption({ label: 'Greater Manchester Police' })
    await e2e.submit(page, 'Apply filters')
    assert.deepEqual(await tableRows(page), ['Chief Superintendent, Oldham district |  | Greater Manchester Police | '])

    await page.getByLabel('Name or title contains').fill('Nobody has this title')
    await e2e.submit(page, 'Apply filters')
    assert.equal(await page.locator('table').count(), 0)
    assert.match(await page.locator('main').innerText(), /No people match these filters\. Clear the filters\./)
  })

  test('a person’s page shows their role and links to their organisation', async () => {
    await e2e.visit(page, '/people?q=Director+of+Children')
    await e2e.follow(page, 'Director of Children’s Services')
    assert.equal(await heading(page), 'Director of Children’s Services')
    const details = await summary(page)
    assert.equal(details.Name, 'Not recorded')
    assert.equal(details['Role title'], 'Director of Children’s Services')
    assert.equal(details.Organisation, council)
    await e2e.follow(page, council, { within: '.govuk-summary-list' })
    assert.equal(await heading(page), council)
  })

  test('adding one from their organisation’s page: errors first, then saved', async () => {
    await e2e.visit(page, '/organisations?q=Oldham+Metropolitan')
    await e2e.follow(page, council)
    await e2e.follow(page, `Add a person to ${council}`)
    assert.equal(await heading(page), 'Add a person')
    assert.equal(await page.getByLabel('Organisation (optional)').locator('option:checked').innerText(), council, 'the organisation is chosen already')

    await e2e.submit(page, 'Save person', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter a name or a role title'])

    await page.getByLabel('Role title (optional)').fill('Head of Early Help')
    await page.getByLabel('Email address (optional)').fill('early help at oldham')
    await e2e.submit(page, 'Save person', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter an email address in the correct format, like name@example.org'])
    assert.equal(await page.getByLabel('Role title (optional)').inputValue(), 'Head of Early Help', 'what was typed is kept')
    assert.equal(await page.getByLabel('Organisation (optional)').locator('option:checked').innerText(), council)

    await page.getByLabel('Email address (optional)').fill('Early.Help@Oldham.gov.uk')
    await e2e.submit(page, 'Save person')
    assert.match(new URL(page.url()).pathname, /^\/people\/[0-9a-f-]{36}$/)
    assert.match(await flash(page), /‘Head of Early Help’ added/)
    assert.equal(await heading(page), 'Head of Early Help')
    const details = await summary(page)
    assert.equal(details.Organisation, council)
    assert.equal(details['Email address'], 'early.help@oldham.gov.uk')
  })

  test('changing one: the form starts with what is saved, and the change shows', async () => {
    await e2e.visit(page, '/people?q=Early+Help')
    await e2e.follow(page, 'Head of Early Help')
    await e2e.submit(page, 'Change person')
    assert.equal(await heading(page), 'Change Head of Early Help')
    assert.equal(await page.getByLabel('Email address (optional)').inputValue(), 'early.help@oldham.gov.uk')

    await page.getByLabel('Name (optional)').fill('Sam Ashworth')
    await page.getByLabel('Job title (optional)').fill('Service manager')
    await e2e.submit(page, 'Save person')
    assert.match(await flash(page), /‘Sam Ashworth’ saved/)
    assert.equal(await heading(page), 'Sam Ashworth')
    assert.equal(await page.locator('.govuk-caption-l').innerText(), 'Head of Early Help')
    assert.equal((await summary(page))['Job title'], 'Service manager')
  })

  test('archiving asks first and can be undone', async () => {
    await e2e.visit(page, '/people?q=Sam+Ashworth')
    await e2e.follow(page, 'Sam Ashworth')
    await e2e.submit(page, 'Archive person')
    assert.equal(await heading(page), 'Archive Sam Ashworth?')
    await e2e.submit(page, 'Archive person')
    assert.match(await flash(page), /‘Sam Ashworth’ archived/)
    assert.match(await page.locator('.govuk-warning-text').innerText(), /This person was archived on/)
    const personPage = page.url()

    await e2e.visit(page, '/people?q=Sam+Ashworth')
    assert.equal(await page.locator('table').count(), 0, 'archived people are not in the current list')
    await e2e.visit(page, '/people?q=Sam+Ashworth&status=archived')
    assert.deepEqual(await tableRows(page), [`Sam Ashworth\nHead of Early Help Archived | Service manager | ${council} | early.help@oldham.gov.uk`])

    await e2e.visit(page, personPage)
    await e2e.submit(page, 'Restore person')
    assert.match(await flash(page), /‘Sam Ashworth’ restored/)
    await e2e.signOut(page)
  })
})
