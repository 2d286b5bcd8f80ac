import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership, testPassword } from '../support/fixtures.ts'
import { TestClient } from '../support/client.ts'

// Several apps over one database: each config under test (throttling, a proxy
// in front, a route that throws) is its own app, without paying for a database each.
let database: DatabaseHandle
let db: Db
const apps: FastifyInstance[] = []
let partnershipId: string
let editorEmail: string

async function appWith(env: NodeJS.ProcessEnv = {}, extraRoutes?: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', ...env }), { db })
  extraRoutes?.(app)
  await app.ready()
  apps.push(app)
  return app
}

function cookie(response: LightMyRequestResponse, name: string) {
  return response.cookies.find((c) => c.name === name)
}

function cspDirectives(response: LightMyRequestResponse): Map<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '')
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  )
}

const countOf = async (table: 'organisations' | 'audit_events' | 'sessions') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const organisationFields = { name: 'Oldham Youth Service', sector: 'local-authority', isStatutory: 'yes', website: '', description: '' }

before(async () => {
  database = await testDatabase()
  db = database.db
  const partnership = await createPartnership(db, 'security')
  partnershipId = partnership.id
  editorEmail = (await createMember(db, partnershipId, 'editor')).user.email
})

after(async () => {
  for (const app of apps) await app.close()
  await database.close()
})

describe('session cookie', () => {
  test('is HttpOnly and SameSite=Lax, and not Secure on plain HTTP without a proxy', async () => {
    const client = new TestClient(await appWith())
    const response = await client.signIn(editorEmail)
    const session = cookie(response, 'thrive_session')
    assert.ok(session, 'signing in sets the session cookie')
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Lax')
    assert.equal(session.path, '/')
    assert.notEqual(session.secure, true)
  })

  test('is Secure behind a TLS proxy (TRUST_PROXY=true, X-Forwarded-Proto: https), with HSTS', async () => {
    const app = await appWith({ TRUST_PROXY: 'true' })
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' }
    const page = await app.inject({ method: 'GET', url: '/sign-in', headers })
    const csrfCookie = cookie(page, 'thrive_csrf')
    assert.ok(csrfCookie)
    assert.equal(csrfCookie.secure, true, 'the CSRF secret cookie is Secure too')
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1]
    assert.ok(token)
    const response = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { ...headers, cookie: `thrive_csrf=${csrfCookie.value}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, email: editorEmail, password: testPassword }).toString(),
    })
    assert.equal(response.statusCode, 303)
    const session = cookie(response, 'thrive_session')
    assert.ok(session)
    assert.equal(session.secure, true)
    assert.equal(session.httpOnly, true)
    assert.equal(session.sameSite, 'Lax')
    assert.match(String(response.headers['strict-transport-security']), /max-age=\d+/)
  })
})

describe('security headers', () => {
  test('the CSP has a fresh nonce per page, no unsafe-inline, and every script tag carries the nonce', async () => {
    const app = await appWith()
    const first = await app.inject({ method: 'GET', url: '/' })
    const second = await app.inject({ method: 'GET', url: '/' })
    const header = String(first.headers['content-security-policy'])
    assert.doesNotMatch(header, /unsafe-inline/)
    assert.doesNotMatch(header, /unsafe-eval/)

    const scriptSrc = cspDirectives(first).get('script-src') ?? []
    const nonces = scriptSrc.filter((v) => v.startsWith("'nonce-")).map((v) => v.slice("'nonce-".length, -1))
    assert.equal(nonces.length, 1, `script-src has one nonce: ${scriptSrc.join(' ')}`)
    const nonce = nonces[0]!
    assert.ok(nonce.length >= 16, 'the nonce is long enough not to be guessed')

    const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    assert.ok(scripts.length >= 1, 'the page has script tags to check')
    for (const tag of scripts) assert.match(tag, new RegExp(`nonce="${nonce}"`), `script tag without the page's nonce: ${tag}`)

    const secondNonce = (cspDirectives(second).get('script-src') ?? []).find((v) => v.startsWith("'nonce-"))
    assert.ok(secondNonce)
    assert.notEqual(secondNonce, `'nonce-${nonce}'`, 'each response gets its own nonce')
  })

  test('frames, sniffing and referrers are shut off', async () => {
    const app = await appWith()
    for (const url of ['/', '/sign-in', '/no-such-page']) {
      const response = await app.inject({ method: 'GET', url })
      assert.deepEqual(cspDirectives(response).get('frame-ancestors'), ["'none'"], url)
      assert.deepEqual(cspDirectives(response).get('object-src'), ["'none'"], url)
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url)
      assert.equal(response.headers['referrer-policy'], 'no-referrer', url)
      assert.ok(response.headers['x-frame-options'], url)
    }
  })
})

describe('CSRF', () => {
  test('a form posted with no token, a wrong token or another browser’s token is refused and changes nothing', async () => {
    const app = await appWith()
    const editor = new TestClient(app)
    await editor.signIn(editorEmail)
    const other = new TestClient(app)
    const othersToken = await other.csrfToken('/sign-in')
    const before = { organisations: await countOf('organisations'), audit: await countOf('audit_events') }

    for (const csrf of [null, 'not-a-real-token', othersToken]) {
      const response = await editor.post('/organisations', organisationFields, { csrf })
      assert.equal(response.statusCode, 403, `token ${String(csrf)}`)
      assert.match(response.body, /Your form has expired/)
    }
    assert.equal(await countOf('organisations'), before.organisations)
    assert.equal(await countOf('audit_events'), before.audit)

    // The same form with the page's own token goes through, so the refusals above were the token's doing.
    const accepted = await editor.post('/organisations', organisationFields, { formPage: '/organisations/new' })
    assert.equal(accepted.statusCode, 303)
    assert.equal(await countOf('organisations'), before.organisations + 1)
  })

  test('signing out needs the token too, so another site cannot sign a person out', async () => {
    const app = await appWith()
    const client = new TestClient(app)
    await client.signIn(editorEmail)
    const refused = await client.post('/sign-out', {}, { csrf: null })
    assert.equal(refused.statusCode, 403)
    assert.equal((await client.get('/organisations')).statusCode, 200, 'still signed in')
  })
})

describe('sign-in throttling', () => {
  test(`after LOGIN_MAX_FAILURES wrong passwords the right one is refused until the lock passes`, async () => {
    const app = await appWith({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' })
    const { user } = await createMember(db, partnershipId, 'viewer', 'throttled@example.org')
    const client = new TestClient(app)
    const attempt = (password: string) => client.post('/sign-in', { email: user.email, password }, { formPage: '/sign-in' })

    for (let i = 1; i <= 2; i++) {
      const wrong = await attempt('not the password at all')
      assert.equal(wrong.statusCode, 400)
      assert.match(wrong.body, /Enter a correct email address and password/)
    }
    const third = await attempt('still not the password')
    assert.equal(third.statusCode, 400)
    assert.match(third.body, /Enter a correct email address and password/, 'the same answer as an unknown email')

    const locked = await attempt(testPassword)
    assert.equal(locked.statusCode, 400, 'the right password is refused while locked')
    assert.match(locked.body, /Enter a correct email address and password/)
    assert.equal(cookie(locked, 'thrive_session'), undefined)
    const row = await db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow()
    assert.ok(row.locked_until && row.locked_until.getTime() > Date.now() + 14 * 60_000, 'locked for LOGIN_LOCK_MINUTES')

    // Fifteen minutes pass.
    await db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', user.id)
      .execute()
    const open = await attempt(testPassword)
    assert.equal(open.statusCode, 303)
    assert.ok(cookie(open, 'thrive_session'))
  })

  test('one address gets 30 attempts in five minutes, whichever accounts it tries', async () => {
    const app = await appWith()
    const client = new TestClient(app)
    const csrf = await client.csrfToken('/sign-in')
    for (let i = 0; i < 30; i++) {
      const response = await client.post('/sign-in', { email: `nobody${i}@example.org`, password: '' }, { csrf })
      assert.equal(response.statusCode, 400, `attempt ${i + 1}`)
    }
    const refused = await client.post('/sign-in', { email: editorEmail, password: testPassword }, { csrf })
    assert.equal(refused.statusCode, 429)
    assert.match(refused.body, /Too many attempts/)
    assert.equal(cookie(refused, 'thrive_session'), undefined)
  })
})

describe('signing out', () => {
  test('ends the session on the server, so the old cookie no longer works', async () => {
    const app = await appWith()
    const client = new TestClient(app)
    const signedIn = await client.signIn(editorEmail)
    const token = cookie(signedIn, 'thrive_session')!.value
    const withOldCookie = () => app.inject({ method: 'GET', url: '/organisations', headers: { cookie: `thrive_session=${token}` } })
    assert.equal((await withOldCookie()).statusCode, 200)
    const sessions = await countOf('sessions')

    const out = await client.post('/sign-out', {})
    assert.equal(out.statusCode, 303)
    assert.equal(out.headers.location, '/')
    assert.equal(await countOf('sessions'), sessions - 1)

    const replay = await withOldCookie()
    assert.equal(replay.statusCode, 302)
    assert.match(String(replay.headers.location), /^\/sign-in/)
  })
})

describe('error pages', () => {
  const leaks = [/\bat \S+ \(/, /\.ts:\d+/, /node_modules/, /Error:/, /stack/i]

  test('a missing page is a plain 404 page', async () => {
    const app = await appWith()
    for (const url of ['/no-such-page', '/organisations/../../etc/passwd', '/p/no-such-partnership']) {
      const response = await app.inject({ method: 'GET', url })
      assert.equal(response.statusCode, 404, url)
      assert.match(response.body, /Page not found/, url)
      for (const leak of leaks) assert.doesNotMatch(response.body, leak, url)
    }
  })

  test('an unexpected fault is a plain 500 page that shows nothing of the fault', async () => {
    const app = await appWith({}, (app) => {
      app.get('/fault', async () => {
        throw new Error('connection to db-internal.example:5432 refused at secret place')
      })
    })
    const response = await app.inject({ method: 'GET', url: '/fault' })
    assert.equal(response.statusCode, 500)
    assert.match(response.body, /Sorry, there is a problem with the service/)
    assert.doesNotMatch(response.body, /db-internal|secret place/)
    for (const leak of leaks) assert.doesNotMatch(response.body, leak)
    assert.match(String(response.headers['content-type']), /text\/html/)
  })
})

describe('machine endpoints', () => {
  test('/health says the service and its database are ok, uncached', async () => {
    const app = await appWith()
    const response = await app.inject({ method: 'GET', url: '/health' })
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /application\/json/)
    assert.equal(response.headers['cache-control'], 'no-store')
    assert.deepEqual(response.json(), { status: 'ok', database: 'ok' })
  })

  test('/info gives the version from package.json and the commit deployed', async () => {
    const app = await appWith({ GIT_COMMIT: '0123abcd' })
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    const response = await app.inject({ method: 'GET', url: '/info' })
    assert.equal(response.statusCode, 200)
    assert.deepEqual(response.json(), { name: 'thrive', version: pkg.version, commit: '0123abcd' })
  })
})
