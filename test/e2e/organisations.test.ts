import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey, summary, tableRows } from './support/journey.ts'

/** The names in the organisations table, in order. */
async function names(page: Page): Promise<string[]> {
  return (await page.locator('table tbody tr td:first-child a').allInnerTexts()).map((t) => t.trim())
}

async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).trim()
}

describe('partner organisations, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the list shows every current organisation, filters by sector and says when nothing matches', async () => {
    await e2e.follow(page, 'Organisations', { within: 'nav' })
    assert.equal(await heading(page), 'Partner organisations')
    const current = await e2e.running.db.selectFrom('organisations').select('name').where('archived_at', 'is', null).execute()
    assert.equal(await page.locator('table caption').innerText(), `${current.length} organisations`)
    assert.deepEqual(new Set(await names(page)), new Set(current.map((o) => o.name)))

    await page.getByLabel('Sector').selectOption({ label: 'Police' })
    await e2e.submit(page, 'Apply filters')
    assert.equal(new URL(page.url()).searchParams.get('sector'), 'police')
    assert.deepEqual(await tableRows(page), ['Greater Manchester Police | Police | Statutory | 1'])
    assert.equal(await page.getByLabel('Sector').inputValue(), 'police', 'the filter is kept')

    await e2e.visit(page, '/organisations?statutory=no&q=Oldham')
    const nonStatutory = await names(page)
    assert.ok(nonStatutory.length > 0)
    for (const row of await tableRows(page)) assert.match(row, /Oldham.*\| Non-statutory \|/i)

    await page.getByLabel('Name contains').fill('No organisation is called this')
    await e2e.submit(page, 'Apply filters')
    assert.equal(await page.locator('table').count(), 0)
    assert.match(await page.locator('main').innerText(), /No organisations match these filters\. Clear the filters\./)
    await e2e.follow(page, 'Clear filters')
    assert.equal(await page.locator('table caption').innerText(), `${current.length} organisations`)
  })

  test('an organisation’s page shows its details and its people', async () => {
    await e2e.visit(page, '/organisations?q=Greater+Manchester+Police')
    await e2e.follow(page, 'Greater Manchester Police')
    assert.equal(await heading(page), 'Greater Manchester Police')
    const details = await summary(page)
    assert.equal(details.Sector, 'Police')
    assert.equal(details['Partner type'], 'Statutory partner')
    assert.equal(details.Website, 'https://www.gmp.police.uk')
    assert.deepEqual(await page.locator('main ul.govuk-list li').allInnerTexts(), ['Chief Superintendent, Oldham district'])
  })

  test('adding one: the empty form, the form with errors, then the saved organisation', async () => {
    await e2e.visit(page, '/organisations')
    await e2e.submit(page, 'Add an organisation')
    assert.equal(await heading(page), 'Add an organisation')

    await e2e.submit(page, 'Save organisation', { status: 400 })
    assert.deepEqual(await errorSummary(page), [
      'Enter the organisation’s name',
      'Select the sector the organisation belongs to',
      'Select whether the organisation is a statutory partner',
    ])
    assert.equal(await page.title(), 'Error: Add an organisation – Oldham Children and Young People’s Strategic Partnership')

    await page.getByLabel('Name').fill('Mahdlo Youth Zone')
    await page.getByLabel('Voluntary, community and faith').check()
    await page.getByLabel('No', { exact: true }).check()
    await page.getByLabel('Website (optional)').fill('mahdlo dot org')
    await e2e.submit(page, 'Save organisation', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter a website address in the correct format, like https://www.oldham.gov.uk'])
    assert.equal(await page.getByLabel('Name').inputValue(), 'Mahdlo Youth Zone', 'what was typed is kept')
    assert.equal(await page.getByLabel('Voluntary, community and faith').isChecked(), true)
    assert.equal(await page.getByLabel('Website (optional)').inputValue(), 'mahdlo dot org')

    await page.getByLabel('Website (optional)').fill('https://www.mahdlo.org')
    await page.getByLabel('Description (optional)').fill('Youth centre in Oldham town centre, open seven days a week.')
    await e2e.submit(page, 'Save organisation')
    assert.match(new URL(page.url()).pathname, /^\/organisations\/[0-9a-f-]{36}$/)
    assert.match(await flash(page), /Organisation ‘Mahdlo Youth Zone’ added/)
    assert.equal(await heading(page), 'Mahdlo Youth Zone')
    const details = await summary(page)
    assert.equal(details.Sector, 'Voluntary, community and faith')
    assert.equal(details['Partner type'], 'Non-statutory partner')
    assert.equal(details.Website, 'https://www.mahdlo.org')
    assert.equal(details.Description, 'Youth centre in Oldham town centre, open seven days a week.')

    // The same name again is refused, so the directory has one entry per organisation.
    await e2e.visit(page, '/organisations/new')
    await page.getByLabel('Name').fill('mahdlo youth zone')
    await page.getByLabel('Other').check()
    await page.getByLabel('No', { exact: true }).check()
    await e2e.submit(page, 'Save organisation', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['An organisation called ‘Mahdlo Youth Zone’ already exists'])
  })

  test('changing one: the form starts with what is saved, and the change shows', async () => {
    await e2e.visit(page, '/organisations?q=Mahdlo')
    await e2e.follow(page, 'Mahdlo Youth Zone')
    await e2e.submit(page, 'Change organisation')
    assert.equal(await heading(page), 'Change Mahdlo Youth Zone')
    assert.equal(await page.getByLabel('Name').inputValue(), 'Mahdlo Youth Zone')
    assert.equal(await page.getByLabel('Website (optional)').inputValue(), 'https://www.mahdlo.org')

    await page.getByLabel('Name').fill('')
    await e2e.submit(page, 'Save organisation', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the organisation’s name'])

    await page.getByLabel('Name').fill('Mahdlo Oldham Youth Zone')
    await e2e.submit(page, 'Save organisation')
    assert.match(await flash(page), /Organisation ‘Mahdlo Oldham Youth Zone’ saved/)
    assert.equal(await heading(page), 'Mahdlo Oldham Youth Zone')
    assert.equal((await summary(page)).Website, 'https://www.mahdlo.org')
  })

  test('two people changing one at once: the second is told, sees the latest, and keeps their own changes', async () => {
    const organisation = await e2e.running.db.selectFrom('organisations').select('id').where('name', '=', 'Mahdlo Oldham Youth Zone').executeTakeFirstOrThrow()
    const editPath = `/organisations/${organisation.id}/edit`
    const other = await e2e.newPage()
    await e2e.signIn(other, 'editor@demo.thrive.local')
    await e2e.visit(page, editPath)
    await e2e.visit(other, editPath)

    await other.getByLabel('Description (optional)').fill('Opened in 2012; run by the OnSide charity.')
    await e2e.submit(other, 'Save organisation')
    assert.match(await flash(other), /saved/)

    await page.getByLabel('Website (optional)').fill('https://mahdlo.org')
    await e2e.submit(page, 'Save organisation', { status: 409 })
    const [conflict] = await errorSummary(page)
    assert.match(conflict ?? '', /was changed by someone else while you were editing it\. Your changes have not been saved\./)
    assert.equal(await page.getByRole('heading', { name: 'The latest saved version' }).count(), 1)
    assert.equal((await summary(page)).Description, 'Opened in 2012; run by the OnSide charity.')
    assert.equal(await page.getByLabel('Website (optional)').inputValue(), 'https://mahdlo.org', 'their own change is still in the form')

    // Saving again, having seen the latest, is a deliberate choice and goes through.
    await e2e.submit(page, 'Save organisation')
    assert.equal((await summary(page)).Website, 'https://mahdlo.org')
    await e2e.signOut(other)
  })

  test('archiving asks first, hides it from the current list, and restoring brings it back', async () => {
    await e2e.visit(page, '/organisations?q=Mahdlo')
    await e2e.follow(page, 'Mahdlo Oldham Youth Zone')
    await e2e.submit(page, 'Archive organisation')
    assert.equal(await heading(page), 'Archive Mahdlo Oldham Youth Zone?')
    await e2e.submit(page, 'Archive organisation')
    assert.match(await flash(page), /Organisation ‘Mahdlo Oldham Youth Zone’ archived/)
    assert.match(await page.locator('.govuk-warning-text').innerText(), /This organisation was archived on \d{1,2} [A-Z][a-z]+ \d{4}\./)
    const archivedPage = page.url()

    await e2e.visit(page, '/organisations')
    assert.ok(!(await names(page)).includes('Mahdlo Oldham Youth Zone'))
    await page.getByLabel('Status').selectOption({ label: 'Archived' })
    await e2e.submit(page, 'Apply filters')
    assert.deepEqual(await tableRows(page), ['Mahdlo Oldham Youth Zone Archived | Voluntary, community and faith | Non-statutory | 0'])

    await e2e.visit(page, archivedPage)
    await e2e.submit(page, 'Restore organisation')
    assert.match(await flash(page), /Organisation ‘Mahdlo Oldham Youth Zone’ restored/)
    assert.equal(await page.locator('.govuk-warning-text').count(), 0)
    await e2e.visit(page, '/organisations?q=Mahdlo')
    assert.deepEqual(await names(page), ['Mahdlo Oldham Youth Zone'])
  })

  test('archiving what someone else has just changed is refused, with a link to the latest', async () => {
    const organisation = await e2e.running.db.selectFrom('organisations').select('id').where('name', '=', 'Mahdlo Oldham Youth Zone').executeTakeFirstOrThrow()
    await e2e.visit(page, `/organisations/${organisation.id}/archive`)
    const other = await e2e.newPage()
    await e2e.signIn(other, 'editor@demo.thrive.local')
    await e2e.visit(other, `/organisations/${organisation.id}/edit`)
    await other.getByLabel('Description (optional)').fill('Changed while the archive page was open.')
    await e2e.submit(other, 'Save organisation')

    await e2e.submit(page, 'Archive organisation', { status: 409 })
    assert.equal(await heading(page), 'Nothing was changed')
    assert.match(await page.locator('main').innerText(), /was changed by someone else/)
    await e2e.follow(page, 'See the latest version')
    assert.equal((await summary(page)).Description, 'Changed while the archive page was open.')
    assert.equal(await page.locator('.govuk-warning-text').count(), 0, 'still not archived')
    await e2e.signOut(other)
    await e2e.signOut(page)
  })
})
