import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { organisationService } from '../../src/directory/organisations/service.ts'
import { inPartnership } from '../../src/platform/db/tenancy.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

// The page cache (src/platform/http/page-cache.ts) may only ever serve a page
// that rendering it afresh would give: these tests change data every way the
// app does and look at the very next request.

const cached = (response: { headers: Record<string, unknown> }) => response.headers['x-thrive-page-cache'] === 'hit'
/** Asks until the page is served from memory (a one-time message left by a change is shown, uncached, first). */
async function warm(client: TestClient, url: string): Promise<void> {
  for (let i = 0; i < 3; i++) if (cached(await client.get(url))) return
  assert.fail(`${url} was never served from the cache`)
}
const nonceOf = (csp: unknown) => /'nonce-([^']+)'/.exec(String(csp))?.[1]

describe('the page cache', () => {
  let t: TestApp
  let admin: TestClient
  let viewer: TestClient
  let elsewhere: TestClient
  let actor: Actor
  let otherActor: Actor

  before(async () => {
    t = await testApp()
    const oldham = await createPartnership(t.database.db, 'oldham')
    const rochdale = await createPartnership(t.database.db, 'rochdale')
    const a = await createMember(t.database.db, oldham.id, 'admin')
    const v = await createMember(t.database.db, oldham.id, 'viewer')
    const r = await createMember(t.database.db, rochdale.id, 'admin')
    actor = a.actor
    otherActor = r.actor
    admin = new TestClient(t.app)
    viewer = new TestClient(t.app)
    elsewhere = new TestClient(t.app)
    await admin.signIn(a.user.email)
    await viewer.signIn(v.user.email)
    await elsewhere.signIn(r.user.email)
  })
  after(async () => t.close())

  test('a page asked for again is served from memory, with this response’s own CSRF token and CSP nonce', async () => {
    const first = await admin.get('/organisations')
    assert.equal(first.statusCode, 200)
    assert.equal(cached(first), false)
    const second = await admin.get('/organisations')
    assert.equal(second.statusCode, 200)
    assert.ok(cached(second), 'the second request is a hit')
    const nonce = nonceOf(second.headers['content-security-policy'])
    assert.ok(nonce && second.body.includes(`nonce="${nonce}"`), 'the page carries the nonce its own CSP header allows')
    assert.notEqual(nonceOf(first.headers['content-security-policy']), nonce)
    const token = /name="_csrf" value="([^"]+)"/.exec(second.body)?.[1]
    assert.ok(token && !second.body.includes('csrf-'), 'the token is put back, no mark is left')
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '')
    assert.equal(strip(second.body), strip(first.body), 'the same page')

    const posted = await admin.post('/organisations', { name: 'Token from a cached page', sector: 'vcfs', isStatutory: 'no' }, { csrf: token })
    assert.equal(posted.statusCode, 303, 'the token from a cached page is accepted')
  })

  test('a change made through the app shows on the very next request', async () => {
    await warm(admin, '/organisations')
    const added = await admin.post('/organisations', { name: 'Oldham Youth Council', sector: 'vcfs', isStatutory: 'no' }, { formPage: '/organisations/new' })
    assert.equal(added.statusCode, 303)
    const after = await admin.get('/organisations')
    assert.equal(cached(after), false)
    assert.match(after.body, /Oldham Youth Council/)
  })

  test('a change made outside the web app (a service call, as the command line makes) shows on the very next request', async () => {
    await warm(admin, '/organisations')
    await organisationService(t.database.db).create(actor, {
      name: 'Added behind the page’s back',
      sector: 'nhs',
      isStatutory: true,
      website: null,
      description: '',
    })
    const after = await admin.get('/organisations')
    assert.equal(cached(after), false)
    assert.match(after.body, /Added behind the page’s back/)
  })

  test('a change to the platform’s shared tables (a person’s name) reaches every partnership’s pages', async () => {
    await warm(admin, '/organisations')
    await t.database.db.updateTable('users').set({ display_name: 'Renamed Admin' }).where('id', '=', actor.userId).execute()
    const after = await admin.get('/organisations')
    assert.equal(cached(after), false)
    assert.match(after.body, /Renamed Admin/)
  })

  test('another partnership’s changes leave this partnership’s pages cached', async () => {
    await warm(admin, '/organisations')
    await organisationService(t.database.db).create(otherActor, { name: 'Rochdale only', sector: 'nhs', isStatutory: true, website: null, description: '' })
    const after = await admin.get('/organisations')
    assert.ok(cached(after))
    assert.doesNotMatch(after.body, /Rochdale only/)
    assert.match((await elsewhere.get('/organisations')).body, /Rochdale only/)
  })

  test('a transaction rolled back moves no version', async () => {
    await warm(admin, '/organisations')
    await assert.rejects(
      inPartnership(t.database.db, actor.partnershipId, async (trx) => {
        await trx
          .insertInto('organisations')
          .values({ partnership_id: actor.partnershipId, name: 'Never committed', sector: 'nhs', is_statutory: true })
          .execute()
        throw new Error('changed my mind')
      }),
    )
    assert.ok(cached(await admin.get('/organisations')))
  })

  test('each person gets their own page: another role in the same partnership is never served the admin’s', async () => {
    await warm(admin, '/organisations')
    const asViewer = await viewer.get('/organisations')
    assert.equal(cached(asViewer), false)
    assert.doesNotMatch(asViewer.body, /Add an organisation/)
  })

  test('not kept: signed-out pages, a page with a one-time message, and anything but a 200 page', async () => {
    const anonymous = new TestClient(t.app)
    await anonymous.get('/sign-in')
    assert.equal(cached(await anonymous.get('/sign-in')), false)
    await admin.get('/organisations/00000000-0000-4000-8000-000000000000')
    assert.equal(cached(await admin.get('/organisations/00000000-0000-4000-8000-000000000000')), false)
    const flashed = await t.app.inject({ method: 'GET', url: '/organisations', headers: { cookie: `${admin.cookieHeader()}; thrive_flash=Saved` } })
    assert.equal(cached(flashed), false)
    assert.match(flashed.body, /Saved/)
  })

  // background_jobs neither: its progress moves every half second while an import runs, and shows only on the
  // progress page, which is never kept; what an ended job changed moves the versions as any change does.
  test('every table but the sessions, the throttles, the background jobs and the versions’ own moves the data version when it changes', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'note_data_change')
      ORDER BY 1`.execute(t.database.db)
    assert.deepEqual(
      rows.map((r) => r.name),
      ['background_jobs', 'data_version_changes', 'data_versions', 'kysely_migration', 'kysely_migration_lock', 'rate_limit_windows', 'sessions'],
      'a new table needs the trigger: CREATE TRIGGER note_data_change … EXECUTE FUNCTION thrive_note_data_change()',
    )
    const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM data_version_changes`.execute(t.database.db)
    assert.equal(pending.rows[0]!.n, 0, 'nothing is left behind once transactions commit')
  })
})
