import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey, summary, tableRows } from './support/journey.ts'

async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).trim()
}

// Next year, so the meeting is upcoming whenever the test runs and shows on "my work".
const year = String(new Date().getFullYear() + 1)
const itemTitle = 'Establishment of the Children and Young People’s Strategic Partnership'
const actionText = 'Arrange the two Staff College workshops'

describe('meetings, agendas, decisions and actions, as the demo admin', () => {
  const e2e = journey()
  let page: Page
  let meetingPath = ''

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the list of meetings filters by body and by when', async () => {
    await e2e.follow(page, 'Meetings', { within: 'nav' })
    assert.equal(await heading(page), 'Meetings')
    await page.getByLabel('Body').selectOption({ label: 'Health and Wellbeing Board' })
    await page.getByLabel('When').selectOption({ label: 'All' })
    await e2e.submit(page, 'Apply filters')
    const url = new URL(page.url())
    assert.equal(url.searchParams.get('when'), 'all')
    assert.match(url.searchParams.get('body') ?? '', /^[0-9a-f-]{36}$/)
    assert.equal(await page.getByLabel('When').inputValue(), 'all', 'the filter is kept')
    for (const row of await tableRows(page)) assert.match(row, /\| Health and Wellbeing Board \|/)
  })

  test('scheduling one: the form with errors keeps what was typed, then the saved meeting', async () => {
    await e2e.visit(page, '/meetings')
    await e2e.submit(page, 'Schedule a meeting')
    assert.equal(await heading(page), 'Schedule a meeting')

    await page.getByLabel('Location (optional)').fill('Civic Centre, Oldham')
    await page.getByLabel('Day').fill('31')
    await page.getByLabel('Month').fill('2')
    await page.getByLabel('Year').fill(year)
    await e2e.submit(page, 'Save meeting', { status: 400 })
    // Every mistake at once, in the order of the form.
    assert.deepEqual(await errorSummary(page), ['Select the body that is meeting', 'The meeting date must be a real date, like 29 1 2019'])
    assert.equal(await page.getByLabel('Location (optional)').inputValue(), 'Civic Centre, Oldham', 'what was typed is kept')
    assert.equal(await page.getByLabel('Day').inputValue(), '31', 'the date typed is kept')

    await page.getByLabel('Body').selectOption({ label: 'Health and Wellbeing Board' })
    await page.getByLabel('Day').fill('29')
    await page.getByLabel('Month').fill('1')
    await e2e.submit(page, 'Save meeting')
    assert.match(new URL(page.url()).pathname, /^\/meetings\/[0-9a-f-]{36}$/)
    meetingPath = new URL(page.url()).pathname
    assert.match(await flash(page), /Meeting scheduled/)
    assert.ok((await heading(page)).startsWith(`Meeting on 29 January ${year}`), await heading(page))
    const details = await summary(page)
    assert.equal(details.Body, 'Health and Wellbeing Board')
    assert.equal(details.Status, 'Scheduled')
    assert.equal(details.Location, 'Civic Centre, Oldham')
  })

  test('adding an agenda item: its errors, then the item on the meeting page', async () => {
    await e2e.visit(page, meetingPath)
    await e2e.follow(page, 'Add an agenda item')
    assert.equal(await heading(page), 'Add an agenda item')
    await e2e.submit(page, 'Save agenda item', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the item’s title', 'Select whether the item is for decision, for noting or for information'])

    await page.getByLabel('Title').fill(itemTitle)
    await page.getByLabel('Presenter (optional)').selectOption({ label: 'Assistant Director Safeguarding and Partnerships' })
    await page.getByLabel('For decision').check()
    await page.getByLabel('The paper (optional)').fill('Proposes a Children and Young People’s Strategic Partnership Board.')
    await e2e.submit(page, 'Save agenda item')
    assert.match(await flash(page), /Agenda item ‘Establishment of the Children and Young People’s Strategic Partnership’ added/)
    const item = page.locator('section', { has: page.getByRole('heading', { name: `1. ${itemTitle}` }) })
    assert.match(await item.innerText(), /For decision\s+Presented by Assistant Director Safeguarding and Partnerships/)
  })

  test('adding a recommendation, refusing an empty one, and recording the decision on it', async () => {
    await e2e.visit(page, meetingPath)
    await page.getByText(`Add a recommendation to ‘${itemTitle}’`).click()
    await e2e.submit(page, 'Add recommendation', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the label, like a)', 'Enter what the meeting is asked to do'])

    await page.getByLabel('Label').fill('a)')
    await page.getByLabel('The meeting is asked to').fill('Approve the approach to establish the Strategic Framework and Strategy via engagement workshops.')
    await e2e.submit(page, 'Add recommendation')
    assert.match(await flash(page), /Recommendation added/)

    await page.getByRole('combobox', { name: 'Decision on a)' }).selectOption({ label: 'Approved' })
    // Each recommendation's fields are named after it, so a screen reader user knows which one they are in.
    await page.getByRole('textbox', { name: `Decision on a) of ‘${itemTitle}’ as minuted (optional)` }).fill('Approved as recommended')
    await e2e.submit(page, 'Record decision on a)')
    assert.match(await flash(page), /Decision recorded/)
    const recommendation = page.locator('li[id^="recommendation-"]')
    assert.match(await recommendation.innerText(), /a\) Approve the approach.*\n?Approved Approved as recommended/)
    assert.equal(await page.getByRole('button', { name: 'Change decision on a)' }).count(), 1)
  })

  test('recording attendance shows who came and whether the meeting was quorate', async () => {
    await e2e.visit(page, meetingPath)
    await e2e.submit(page, 'Record attendance', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Select the person', 'Select whether they were present, sent apologies, were absent or substituted'])

    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Director of Children’s Services (member)' })
    await page.getByLabel('Present', { exact: true }).check()
    await e2e.submit(page, 'Record attendance')
    assert.match(await flash(page), /Attendance recorded/)
    assert.deepEqual(
      (await page.locator('#attendance ~ table tbody tr').first().locator('td').allInnerTexts()).slice(0, 2).map((t) => t.trim()),
      ['Director of Children’s Services', 'Present'],
    )
    assert.match((await summary(page)).Quoracy ?? '', /1 (counted as attending|of the \d+ needed present or substituted)/)
  })

  test('raising an action from the meeting: its errors, then the action among those arising', async () => {
    await e2e.visit(page, meetingPath)
    await e2e.follow(page, 'Add an action')
    assert.equal(await heading(page), 'Add an action')
    await e2e.submit(page, 'Save action', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Describe the action'])

    await page.getByLabel('Action', { exact: true }).fill(actionText)
    await page.getByLabel('Owner (optional)').selectOption({ label: 'Director of Children’s Services' })
    // Due long ago, so it is overdue.
    await page.getByLabel('Day').fill('7')
    await page.getByLabel('Month').fill('2')
    await page.getByLabel('Year').fill('2019')
    await e2e.submit(page, 'Save action')
    assert.equal(new URL(page.url()).pathname, meetingPath)
    assert.match(await flash(page), /Action added/)
    assert.match(
      await page.locator('#actions + ul').innerText(),
      /Arrange the two Staff College workshops — Director of Children’s Services, due 7 February 2019 \(Open\)/,
    )
  })

  test('the actions list filters to the overdue, and an action’s page takes an update', async () => {
    await e2e.visit(page, '/actions')
    assert.equal(await heading(page), 'Actions')
    await page.getByLabel('Overdue only').check()
    await e2e.submit(page, 'Apply filters')
    assert.equal(new URL(page.url()).searchParams.get('overdue'), 'yes')
    const rows = await tableRows(page)
    assert.ok(rows.length > 0)
    for (const row of rows) assert.match(row, /Overdue/)
    assert.ok(
      rows.some((r) => r.startsWith(`${actionText} | Health and Wellbeing Board | Director of Children’s Services | 7 February 2019 Overdue | Open`)),
      rows.join('\n'),
    )

    await e2e.follow(page, actionText)
    assert.equal(await heading(page), actionText)
    assert.match(await page.locator('.govuk-warning-text').innerText(), /This action is overdue\./)
    const details = await summary(page)
    assert.equal(details.Owner, 'Director of Children’s Services')
    assert.equal(details.Due, '7 February 2019')
    assert.match(details['Arising from'] ?? '', new RegExp(`^Health and Wellbeing Board meeting on 29 January ${year}$`))

    await e2e.submit(page, 'Add update', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the update'])
    await page.getByLabel('Add an update').fill('Workshop 1 booked with the Staff College.')
    await page.getByLabel('In progress').check()
    await e2e.submit(page, 'Add update')
    assert.match(await flash(page), /Update added/)
    assert.equal((await summary(page)).Status, 'In progress')
    assert.match(await page.locator('main ul.govuk-list').innerText(), /In progress\): Workshop 1 booked with the Staff College\./)
  })

  test('my work shows the actions and meetings of the person the account belongs to', async () => {
    await e2e.follow(page, 'My work', { within: 'nav' })
    assert.equal(await heading(page), 'My work')
    assert.match(await page.locator('main').innerText(), /not linked to a person/)

    // The account is linked to its person record by an admin elsewhere; here the link is made directly.
    const db = e2e.running.db
    const user = await db.selectFrom('users').select('id').where('email', '=', e2e.running.demo.email).executeTakeFirstOrThrow()
    await db.updateTable('people').set({ user_id: user.id }).where('role_title', '=', 'Director of Children’s Services').execute()
    await e2e.visit(page, '/my-work')
    assert.match(await page.locator('main').innerText(), /Signed in as Director of Children’s Services\./)
    assert.ok((await tableRows(page)).some((r) => r.startsWith(`${actionText} | Health and Wellbeing Board |`)))
    assert.match(await page.locator('main ul.govuk-list').innerText(), new RegExp(`Health and Wellbeing Board, 29 January ${year}.*Civic Centre, Oldham`))
    await e2e.signOut(page)
  })
})
