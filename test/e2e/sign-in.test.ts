import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey } from './support/journey.ts'
import { hashPassword } from '../../src/platform/auth/passwords.ts'

const partnershipName = 'Oldham Children and Young People’s Strategic Partnership'

async function menu(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link').allInnerTexts()).map((t) => t.trim())
}

describe('signing in and out', () => {
  const e2e = journey()

  test('an empty form gets the GOV.UK error pattern', async () => {
    const page = await e2e.newPage()
    await e2e.visit(page, '/sign-in')
    assert.equal(await heading(page), 'Sign in')
    await e2e.submit(page, 'Sign in', { status: 400 })
    assert.equal(await page.title(), 'Error: Sign in – Thrive')
    assert.deepEqual(await errorSummary(page), ['Enter your email address', 'Enter your password'])
    assert.match(await page.locator('#email-error').innerText(), /Enter your email address/)
    assert.match(await page.locator('#password-error').innerText(), /Enter your password/)
    // The summary's links take a keyboard user to the field.
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter your password' }).click()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'password')
  })

  test('a wrong password keeps the email typed and does not say which part was wrong', async () => {
    const page = await e2e.newPage()
    await e2e.visit(page, '/sign-in')
    await page.getByLabel('Email address').fill(e2e.running.demo.email)
    await page.getByLabel('Password', { exact: true }).fill('not the demo password')
    await e2e.submit(page, 'Sign in', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter a correct email address and password'])
    assert.equal(await page.getByLabel('Email address').inputValue(), e2e.running.demo.email)
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the password is never sent back')
  })

  test('a form left open past its cookie says it has expired and changes nothing', async () => {
    const page = await e2e.newPage()
    await e2e.visit(page, '/sign-in')
    await page.context().clearCookies()
    await page.getByLabel('Email address').fill(e2e.running.demo.email)
    await page.getByLabel('Password', { exact: true }).fill(e2e.running.demo.password)
    await e2e.submit(page, 'Sign in', { status: 403 })
    assert.equal(await heading(page), 'Your form has expired')
    assert.deepEqual(
      await page
        .context()
        .cookies()
        .then((all) => all.filter((c) => c.name === 'thrive_session')),
      [],
    )
  })

  test('someone with an account but no partnership is told to ask an admin', async () => {
    await e2e.running.db
      .insertInto('users')
      .values({ email: 'no.partnership@example.org', display_name: 'Alex Newcomer', password_hash: await hashPassword(e2e.running.demo.password) })
      .execute()
    const page = await e2e.newPage()
    await e2e.signIn(page, 'no.partnership@example.org')
    assert.equal(await heading(page), 'You are not in a partnership yet')
    assert.deepEqual(await menu(page), ['Home'])
    await e2e.visit(page, '/organisations', { status: 403 })
    assert.match(await page.locator('main').innerText(), /You are not a member of any partnership yet/)
    await e2e.signOut(page)
  })

  test('a signed-out visit to a partnership page goes to sign in, then back to that page', async () => {
    const page = await e2e.newPage()
    await e2e.visit(page, '/organisations?sector=police')
    assert.equal(new URL(page.url()).pathname, '/sign-in')
    assert.equal(await heading(page), 'Sign in')
    await page.getByLabel('Email address').fill('editor@demo.thrive.local')
    await page.getByLabel('Password', { exact: true }).fill(e2e.running.demo.password)
    await e2e.submit(page, 'Sign in')
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/organisations?sector=police')
    assert.equal(await heading(page), 'Partner organisations')
    assert.match(await page.locator('.thrive-partnership-bar').innerText(), /Signed in as Demo editor \(editor\)/)
  })

  test('the admin’s dashboard shows the partnership, its counts and the admin pages; signing out ends it', async () => {
    const page = await e2e.newPage()
    await e2e.signIn(page)
    assert.equal(new URL(page.url()).pathname, '/')
    assert.equal(await heading(page), partnershipName)
    const db = e2e.running.db
    const organisations = await db.selectFrom('organisations').select(['is_statutory']).where('archived_at', 'is', null).execute()
    const statutory = organisations.filter((o) => o.is_statutory).length
    assert.match(await page.locator('main').innerText(), new RegExp(`${organisations.length} current, of which ${statutory} statutory`))
    const items = await menu(page)
    for (const item of ['Home', 'Organisations', 'People', 'Users', 'Audit trail'])
      assert.ok(items.includes(item), `${item} is in the menu: ${items.join(', ')}`)
    assert.ok(!items.includes('Sign in'))
    assert.equal(await page.getByRole('heading', { name: 'Administration' }).count(), 1)

    await e2e.signOut(page)
    assert.deepEqual(await menu(page), ['Home', 'Sign in'])
    await e2e.visit(page, '/organisations')
    assert.equal(new URL(page.url()).pathname, '/sign-in', 'the session is over')
  })

  test('a viewer’s dashboard has no admin pages in it or in the menu', async () => {
    const page = await e2e.newPage()
    await e2e.signIn(page, 'viewer@demo.thrive.local')
    assert.equal(await heading(page), partnershipName)
    const items = await menu(page)
    for (const item of ['Home', 'Organisations', 'People']) assert.ok(items.includes(item), `${item} is in the menu: ${items.join(', ')}`)
    for (const item of ['Users', 'Audit trail']) assert.ok(!items.includes(item), `${item} is not in a viewer’s menu`)
    assert.equal(await page.getByRole('heading', { name: 'Administration' }).count(), 0)
    await e2e.signOut(page)
  })
})
