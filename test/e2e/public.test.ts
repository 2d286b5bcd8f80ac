import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { heading, journey, tableRows } from './support/journey.ts'

const partnershipName = 'Oldham Children and Young People’s Strategic Partnership'

describe('pages anyone can see, signed out', () => {
  const e2e = journey({
    extraRoutes: (app) =>
      app.get('/test-fault', async () => {
        throw new Error('a fault inside the service')
      }),
  })

  test('the home page offers sign-in and lists published partnerships', async () => {
    const page = await e2e.newPage()
    await e2e.visit(page, '/')
    assert.equal(await heading(page), 'Thrive')
    assert.equal(await page.title(), 'Welcome – Thrive')
    assert.equal(await page.getByRole('button', { name: 'Sign in' }).getAttribute('href'), '/sign-in')
    await e2e.follow(page, partnershipName)
    assert.equal(new URL(page.url()).pathname, '/p/oldham')
  })

  test('the public partnership page shows the partner organisations, with no sign-in', async () => {
    const page = await e2e.newPage()
    await e2e.visit(page, '/p/oldham')
    assert.equal(await heading(page), partnershipName)
    assert.match(await page.locator('.govuk-body-l').innerText(), /a place where children and young people thrive/)
    const rows = await tableRows(page)
    assert.ok(rows.includes('Oldham Metropolitan Borough Council | Local authority | Statutory'), rows.join('\n'))
    assert.ok(rows.includes('Greater Manchester Police | Police | Statutory'), rows.join('\n'))
    assert.equal(await page.locator('.thrive-partnership-bar').count(), 0, 'nobody is signed in')
  })

  test('an unpublished partnership’s page is not found', async () => {
    const page = await e2e.newPage()
    await e2e.running.db.updateTable('partnerships').set({ is_published: false }).where('slug', '=', 'oldham').execute()
    try {
      await e2e.visit(page, '/p/oldham', { status: 404 })
      assert.equal(await heading(page), 'Page not found')
    } finally {
      await e2e.running.db.updateTable('partnerships').set({ is_published: true }).where('slug', '=', 'oldham').execute()
    }
  })

  for (const [path, title] of [
    ['/accessibility', 'Accessibility statement'],
    ['/cookies', 'Cookies'],
    ['/privacy', 'Privacy notice'],
  ] as const) {
    test(`${title} is linked from every page’s footer`, async () => {
      const page = await e2e.newPage()
      await e2e.visit(page, '/')
      await e2e.follow(page, title === 'Privacy notice' ? 'Privacy' : title, { within: 'footer' })
      assert.equal(new URL(page.url()).pathname, path)
      assert.equal(await heading(page), title)
    })
  }

  test('a page that does not exist says so and links home', async () => {
    const page = await e2e.newPage()
    await e2e.visit(page, '/no-such-page', { status: 404 })
    assert.equal(await heading(page), 'Page not found')
    assert.equal(await page.getByRole('link', { name: 'Go to the home page' }).getAttribute('href'), '/')
  })

  test('a fault in the service is a plain 500 page', async () => {
    const page = await e2e.newPage()
    await e2e.visit(page, '/test-fault', { status: 500 })
    assert.equal(await heading(page), 'Sorry, there is a problem with the service')
    assert.doesNotMatch(await page.locator('body').innerText(), /a fault inside the service/)
  })

  test('a page someone’s role does not allow is a 403 that explains, not a form', async () => {
    const page = await e2e.newPage()
    await e2e.signIn(page, 'viewer@demo.thrive.local')
    await e2e.visit(page, '/organisations/new', { status: 403 })
    assert.equal(await heading(page), 'You do not have permission to see this page')
    assert.equal(await page.locator('form input[name="name"]').count(), 0)
    await e2e.visit(page, '/admin/users', { status: 403 })
    assert.equal(await heading(page), 'You do not have permission to see this page')
    await e2e.signOut(page)
  })

  test('/health and /info answer in JSON for monitoring', async () => {
    const page = await e2e.newPage()
    const health = await page.request.get('/health')
    assert.equal(health.status(), 200)
    assert.deepEqual(await health.json(), { status: 'ok', database: 'ok' })
    const info = await page.request.get('/info')
    assert.equal(((await info.json()) as { name: string }).name, 'thrive')
  })
})
