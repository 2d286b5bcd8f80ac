import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey, summary, tableRows } from './support/journey.ts'

const partnershipName = 'Oldham Children and Young People’s Strategic Partnership'
const newUser = { email: 'kay.ogden@example.org', name: 'Kay Ogden', password: 'a long enough passphrase' }

async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).trim()
}

describe('administration, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('switching partnership: the page lists both, refuses no choice, and the dashboard follows the switch', async () => {
    const db = e2e.running.db
    const admin = await db.selectFrom('users').select('id').where('email', '=', e2e.running.demo.email).executeTakeFirstOrThrow()
    const other = await db
      .insertInto('partnerships')
      .values({ slug: 'rochdale', name: 'Rochdale Children’s Partnership' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.insertInto('memberships').values({ partnership_id: other.id, user_id: admin.id, role: 'viewer' }).execute()

    await e2e.visit(page, '/')
    await e2e.follow(page, 'Switch partnership')
    assert.equal(await heading(page), 'Your partnerships')
    assert.equal(await page.getByLabel(partnershipName).isChecked(), true, 'the current one is chosen')
    assert.match(await page.locator('.govuk-radios').innerText(), /Rochdale Children’s Partnership\s+Your role: viewer/)

    // Without JavaScript a radio cannot be unchosen, but a stale or tampered form can arrive without one.
    await page.evaluate(() => document.querySelectorAll<HTMLInputElement>('input[name="partnershipId"]').forEach((input) => (input.checked = false)))
    await e2e.submit(page, 'Switch partnership', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Select one of your partnerships'])

    await page.getByLabel('Rochdale Children’s Partnership').check()
    await e2e.submit(page, 'Switch partnership')
    assert.equal(await heading(page), 'Rochdale Children’s Partnership')
    assert.match(await page.locator('.thrive-partnership-bar').innerText(), /\(viewer\)/)
    assert.equal(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Users' }).count(), 0)

    await e2e.visit(page, '/partnerships')
    await page.getByLabel(partnershipName).check()
    await e2e.submit(page, 'Switch partnership')
    assert.equal(await heading(page), partnershipName)
    assert.match(await page.locator('.thrive-partnership-bar').innerText(), /\(admin\)/)
  })

  test('the users list shows each member with their role', async () => {
    await e2e.follow(page, 'Users', { within: 'nav' })
    assert.equal(await heading(page), 'Users')
    assert.equal(await page.locator('table caption').innerText(), '4 members')
    const rows = await tableRows(page)
    assert.ok(
      rows.some((row) => row.startsWith('Demo partnership manager (you) | admin@demo.thrive.local | Admin | ')),
      rows.join('\n'),
    )
    assert.ok(
      rows.some((row) => row.startsWith('Demo viewer | viewer@demo.thrive.local | Viewer | ')),
      rows.join('\n'),
    )
  })

  test('inviting someone: errors first, then a link with which they make their own account and join with the role given', async () => {
    await e2e.visit(page, '/admin/users')
    await e2e.submit(page, 'Invite someone')
    assert.equal(await heading(page), 'Invite someone')

    await e2e.submit(page, 'Send invitation', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter an email address', 'Enter the person’s name', 'Select a role'])

    await page.getByLabel('Email address').fill('kay.ogden at example.org')
    await page.getByLabel('Name', { exact: true }).fill(newUser.name)
    await page.getByRole('radio', { name: /^Contributor/ }).check()
    await e2e.submit(page, 'Send invitation', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter an email address in the correct format, like name@example.org'])
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), newUser.name, 'what was typed is kept')
    assert.equal(await page.getByRole('radio', { name: /^Contributor/ }).isChecked(), true)

    await page.getByLabel('Email address').fill(newUser.email)
    await e2e.submit(page, 'Send invitation')
    const confirmation = await flash(page)
    assert.match(confirmation, /We’ve invited kay\.ogden@example\.org to join as contributor/)
    const link = new URL(/https?:\/\/\S+\/join\/[A-Za-z0-9_-]{43}/.exec(confirmation)?.[0] ?? 'http://missing/').pathname
    assert.match(await page.locator('main').innerText(), /Invitations waiting \(1\)/)

    const theirs = await e2e.newPage()
    await e2e.visit(theirs, link)
    assert.equal(await heading(theirs), `Join ${partnershipName}`)
    assert.equal(await theirs.getByLabel('Your name').inputValue(), newUser.name)
    await theirs.getByLabel('Choose a password').fill(newUser.password)
    await e2e.submit(theirs, 'Create account and join')
    assert.equal(await heading(theirs), partnershipName)
    assert.match(await theirs.locator('.thrive-partnership-bar').innerText(), /Signed in as Kay Ogden \(contributor\)/)
    await e2e.signOut(theirs)
  })

  test('a user’s page changes their role and refuses a short password', async () => {
    await e2e.visit(page, '/admin/users')
    await e2e.follow(page, `Change ${newUser.name}`)
    assert.equal(await heading(page), newUser.name)

    await page.getByRole('radio', { name: /^Editor/ }).check()
    await e2e.submit(page, 'Save role')
    assert.match(await flash(page), /Kay Ogden’s role is editor/)
    assert.match((await summary(page)).Role ?? '', /^Editor/)

    await page.getByLabel('New password').fill('short')
    await e2e.submit(page, 'Set password', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Password must be 12 characters or more'])
  })

  test('removing a user asks first, then they are gone from the list', async () => {
    await e2e.visit(page, '/admin/users')
    await e2e.follow(page, `Change ${newUser.name}`)
    await e2e.submit(page, `Remove ${newUser.name}`)
    assert.equal(await heading(page), `Remove ${newUser.name} from the partnership?`)
    await e2e.submit(page, 'Remove user')
    assert.equal(new URL(page.url()).pathname, '/admin/users')
    assert.match(await flash(page), /Kay Ogden has been removed from the partnership/)
    assert.equal(await page.locator('table caption').innerText(), '4 members')
    assert.ok(!(await tableRows(page)).some((row) => row.includes(newUser.email)))
  })

  test('settings: the partnership’s area and public pages, every mistake shown, then saved', async () => {
    await e2e.follow(page, 'Settings', { within: 'nav' })
    assert.equal(await heading(page), 'Partnership settings')
    assert.equal(await page.getByLabel('The local authority it serves').inputValue(), 'E08000004')
    const name = page.getByLabel('Name', { exact: true })
    const kept = await name.inputValue()
    await name.fill('')
    await e2e.submit(page, 'Save settings', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the partnership’s name'])
    await page.getByLabel('Name', { exact: true }).fill(kept)
    await e2e.submit(page, 'Save settings')
    assert.match(await flash(page), /Partnership settings saved/)
  })

  test('the audit trail filters by who, kind and action, explains a bad date, and shows an event’s before and after', async () => {
    await e2e.follow(page, 'Audit trail', { within: 'nav' })
    assert.equal(await heading(page), 'Audit trail')
    const total = await e2e.running.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    assert.match(await page.locator('table caption').innerText(), new RegExp(`^${Number(total.n)} events`))

    await page.getByLabel('Who').selectOption({ label: 'Demo partnership manager (admin@demo.thrive.local)' })
    await page.getByLabel('What kind of record').selectOption({ label: 'Membership' })
    await page.getByLabel('Action').selectOption({ label: 'Changed' })
    await e2e.submit(page, 'Apply filters')
    const rows = await tableRows(page)
    assert.equal(rows.length, 1, rows.join('\n'))
    assert.match(rows[0] ?? '', /\| Demo partnership manager \| Changed \| Changed ‘Kay Ogden’ from contributor to editor \(Membership\)$/)

    await e2e.follow(page, 'Changed ‘Kay Ogden’ from contributor to editor')
    assert.equal(await heading(page), 'Changed ‘Kay Ogden’ from contributor to editor')
    const details = await summary(page)
    assert.equal(details.Who, 'Demo partnership manager')
    assert.equal(details['Kind of record'], 'Membership')
    assert.match(await page.locator('main').innerText(), /2 fields changed: Role, Version\./)
    assert.ok((await tableRows(page)).includes('Role Changed | contributor | editor'))

    await e2e.follow(page, 'Audit trail', { within: '.govuk-back-link, nav' })
    await page.getByLabel('Day').first().fill('31')
    await page.getByLabel('Month').first().fill('2')
    await page.getByLabel('Year').first().fill('2026')
    await page.getByLabel('Day').last().fill('1')
    await page.getByLabel('Month').last().fill('1')
    await e2e.submit(page, 'Apply filters', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Date from must be a real date', 'Date to must include a year'])
    assert.equal(await page.getByLabel('Day').first().inputValue(), '31', 'what was typed is kept')
    assert.match(await page.locator('main').innerText(), /Correct the dates to see the audit trail\./)

    await e2e.visit(page, '/admin/audit?kind=organisation&action=archive')
    assert.match(await page.locator('main').innerText(), /No changes match these filters\./)
    await e2e.signOut(page)
  })
})
