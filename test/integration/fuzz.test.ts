import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import { routesOf } from '../../src/platform/http/route-list.ts'
import { seedDemo, type DemoCredentials } from '../../demo/seed.ts'
import { testDatabase } from '../support/database.ts'
import { TestClient } from '../support/client.ts'
import { createPartnership } from '../support/fixtures.ts'
import { formsOf, linksOf, type PageForm } from '../support/fuzz/pages.ts'
import { patternOf, RoutePattern } from '../support/fuzz/routes.ts'

/*
 * Sends hostile input to every route the app has, signed in as an admin and
 * signed out, and expects no 5xx: whatever arrives is refused or checked at
 * the edge, never handed raw to the database. The routes come from the app
 * itself, so a new route is walked without being listed here. The demo
 * partnership gives the pages real records, and a crawl of its pages finds
 * real ids for every address and the fields of every form, so hostile values
 * get past the address and reach the code behind it.
 */

let database: DatabaseHandle
let app: FastifyInstance
let credentials: DemoCredentials
let patterns: RoutePattern[]
/** An organisation of another partnership: its id is real, but not the visitor's to see. */
let otherPartnershipsId: string
let adminUserId: string
/** What went wrong behind each 5xx, by request, so a failure says why. */
const faults = new Map<string, string>()

// ---------------------------------------------------------------- hostile values

const nul = '\0'
const tooBig = '99999999999999999999'
const noSuchId = '00000000-0000-4000-8000-000000000000'

/** For a path parameter, already encoded as it would be in an address: not an id, too big a number, non-ASCII and broken UTF-8, NUL. */
const hostileParams = ['abc', tooBig, '..%2F%E2%88%95%F0%9F%98%80%ED%A0%80', '%00']

/** For a query value or form field, as text (NUL is sent on its own: it is refused before anything else is looked at). */
const hostileText = ['abc', tooBig, '0000', '-1', '2025-02-30', 'April 0000', 'x'.repeat(5000), '∕ünï😀\ud800', noSuchId]

/** Field names forms commonly have, sent to every form beside its own. */
const commonFields = [
  'id',
  'name',
  'title',
  'email',
  'q',
  'meetingId',
  'bodyId',
  'agendaItemId',
  'personId',
  'organisationId',
  'ownerId',
  'userId',
  'indicatorId',
  'objectiveId',
  'outcomeId',
  'planId',
  'aimId',
  'strategyId',
  'workstreamId',
  'groupId',
  'partnershipId',
  'version',
  'status',
  'role',
  'period',
  'area',
  'areaCode',
  'value',
  'count',
  'denominator',
  'position',
  'returnTo',
]

/** Query names pages read; the crawl adds those its links and filter forms use. */
const queryNames = new Set([
  'q',
  'id',
  'organisation',
  'status',
  'body',
  'kind',
  'on',
  'strategy',
  'framework',
  'period',
  'breakdown',
  'area',
  'group',
  'format',
  'returnTo',
  'meeting',
  'item',
  'owner',
  'outcome',
  'year',
])

/** A lone surrogate has no UTF-8: in an address it goes as the bytes a careless client would send. */
const inQuery = (value: string) => encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '')) + (/[\ud800-\udfff]/.test(value) ? '%ED%A0%80' : '')

// ---------------------------------------------------------------- sending

interface Failure {
  who: string
  request: string
  detail: string
  status: number
}
const failures: Failure[] = []
let sent = 0

type Fields = [string, string][]

function multipartPayload(fields: Fields): { payload: Buffer; contentType: string } {
  const boundary = '----thrivefuzz7MA4YWxkTrZu0gW'
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
  // The file field, empty, as a browser sends it when no file is chosen.
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`)
  return { payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** A browser walking the app: signed in as the demo admin, or signed out. */
class Visitor {
  readonly client: TestClient
  private csrf = ''

  readonly name: string
  private readonly signedIn: boolean

  constructor(name: string, signedIn: boolean) {
    this.name = name
    this.signedIn = signedIn
    this.client = new TestClient(app)
  }

  async start(): Promise<void> {
    if (this.signedIn) await this.client.signIn(credentials.email, credentials.password)
    this.csrf = await this.client.csrfToken(this.signedIn ? '/' : '/sign-in')
  }

  private check(method: string, url: string, detail: string, response: LightMyRequestResponse) {
    sent++
    if (response.statusCode < 500) return
    const request = `${method} ${url.slice(0, 160)}`
    failures.push({ who: this.name, request, detail: `${detail.slice(0, 120)}: ${faults.get(`${method} ${url}`) ?? '?'}`, status: response.statusCode })
  }

  async get(url: string, detail = ''): Promise<LightMyRequestResponse> {
    const response = await this.client.send({ method: 'GET', url })
    this.check('GET', url, detail, response)
    return response
  }

  async post(url: string, fields: Fields, detail: string, multipart = false): Promise<LightMyRequestResponse> {
    const withToken: Fields = [['_csrf', this.csrf], ...fields.filter(([n]) => n !== '_csrf')]
    const { payload, contentType } = multipart
      ? multipartPayload(withToken)
      : { payload: new URLSearchParams(withToken).toString(), contentType: 'application/x-www-form-urlencoded' }
    const response = await this.client.send({ method: 'POST', url, headers: { 'content-type': contentType }, payload })
    this.check('POST', url, detail, response)
    // A form that signs the admin out (their own session ended, say) must not leave the rest of the walk signed out.
    if (this.signedIn && String(response.headers.location ?? '').startsWith('/sign-in')) await this.start()
    return response
  }
}

// ---------------------------------------------------------------- crawling

/** Concrete addresses seen for each pattern, so parameters can be filled with real ids. */
const seen = new Map<string, string>()
/** The first form seen posting to each POST pattern. */
const formsByPattern = new Map<string, PageForm & { path: string }>()

/** Every page reachable from the home page and the pages without parameters, one address per pattern. */
async function crawl(visitor: Visitor): Promise<void> {
  const queue = ['/', ...patterns.filter((p) => p.route.method === 'GET' && p.params.length === 0).map((p) => p.route.url)]
  const visited = new Set<string>()
  while (queue.length) {
    const url = queue.shift()!
    const path = url.split('?')[0]!
    const pattern = patternOf(patterns, 'GET', path)
    if (visited.has(path) || !pattern || (seen.has(pattern.key) && seen.get(pattern.key) !== path)) continue
    visited.add(path)
    seen.set(pattern.key, path)
    const response = await visitor.get(url, 'crawl')
    if (!String(response.headers['content-type'] ?? '').startsWith('text/html')) continue
    for (const link of linksOf(response.body)) {
      // The admin's own account is left alone: the walk would change its password or remove it.
      if (link.includes(adminUserId)) continue
      for (const [name] of new URLSearchParams(link.split('?')[1] ?? '')) queryNames.add(name)
      queue.push(link)
    }
    for (const form of formsOf(response.body, path)) {
      const action = form.action.split('?')[0]!
      if (form.method !== 'post') {
        for (const [name] of form.fields) queryNames.add(name)
        continue
      }
      const postPattern = patternOf(patterns, 'POST', action)
      if (!postPattern || action.includes(adminUserId)) continue
      if (!seen.has(postPattern.key)) seen.set(postPattern.key, action)
      if (!formsByPattern.has(postPattern.key)) formsByPattern.set(postPattern.key, { ...form, path: action })
    }
  }
}

/**
 * A real value for a parameter, from any address seen whose pattern agrees
 * with this one up to that parameter (`/people/:id/archive` takes its id from
 * `/people/:id`), else an id nobody has.
 */
function realValue(pattern: RoutePattern, index: number): string {
  const prefix = pattern.segments.slice(0, index + 1).join('/')
  for (const other of patterns) {
    const example = seen.get(other.key)
    if (example && other.segments.slice(0, index + 1).join('/') === prefix) return example.split('/')[index]!
  }
  return noSuchId
}

const realAddress = (pattern: RoutePattern) => pattern.fill((_, i) => realValue(pattern, i))

/** Whether a field takes a number: its starting value is one, or its name says so. */
const numeric = (fields: Fields, name: string) =>
  /^-?\d+(\.\d+)?$/.test(fields.find(([n]) => n === name)?.[1] ?? '') ||
  /version|position|count|denominator|value|number|order|rank|year|day|month|threshold|multiplier|decimal|tolerance|lower|upper|limit|quorum/i.test(name)

const withField = (fields: Fields, name: string, value: string): Fields =>
  fields.some(([n]) => n === name) ? fields.map(([n, v]) => [n, n === name ? value : v]) : [...fields, [name, value]]

// ---------------------------------------------------------------- the walk

let setUpStarted = 0
before(async () => {
  setUpStarted = Date.now()
  database = await testDatabase()
  // A page slowed by a busy test machine must not be answered "busy" (503) and taken for a fault.
  app = await createApp(loadConfig({ LOG_LEVEL: 'silent', REQUEST_TIMEOUT_SECONDS: '600' }), { db: database.db })
  app.addHook('onError', async (request, _reply, error) => {
    faults.set(`${request.method} ${request.url}`, String(error.message).slice(0, 200))
  })
  await app.ready()
  credentials = await seedDemo(database.db)
  const other = await createPartnership(database.db, 'fuzz-other')
  const organisation = await database.db
    .insertInto('organisations')
    .values({ partnership_id: other.id, name: 'Another partnership’s organisation', sector: 'vcfs', is_statutory: false })
    .returning('id')
    .executeTakeFirstOrThrow()
  otherPartnershipsId = organisation.id
  adminUserId = (await database.db.selectFrom('users').select('id').where('email', '=', credentials.email).executeTakeFirstOrThrow()).id
  patterns = routesOf(app).map((r) => new RoutePattern(r))
})

after(async () => {
  await app?.close()
  await database?.close()
})

test('every route, given hostile input, answers without a server error', async () => {
  const started = Date.now()
  const admin = new Visitor('admin', true)
  const signedOut = new Visitor('signed out', false)
  await admin.start()
  await signedOut.start()
  await crawl(admin)
  const crawled = sent

  const gets = patterns.filter((p) => p.route.method === 'GET' && !p.route.url.startsWith('/assets'))
  // Signing out is walked last, on its own: it would end the admin's session.
  const posts = patterns.filter((p) => p.route.method === 'POST' && p.route.url !== '/sign-out')
  const queryWith = (value: (index: number) => string) => [...queryNames].map((n, i) => `${encodeURIComponent(n)}=${inQuery(value(i))}`).join('&')
  const phases: string[] = []
  let phaseStarted = started
  const phase = (name: string) => {
    phases.push(`${name} ${((Date.now() - phaseStarted) / 1000).toFixed(1)} s`)
    phaseStarted = Date.now()
  }
  phase(`crawl of ${crawled} pages`)

  for (const pattern of gets) {
    const address = realAddress(pattern)
    // Every query name the pages use at once, each given a different hostile value, turn by turn (pages read each name on its own, so one does not hide another).
    // The first turn also repeats names (arrays where one value is expected) and breaks the encoding.
    const odd = `&q=1&status=a&status=b&body=${noSuchId}&body=abc&q[x]=1&%=%E0%A4%A`
    for (let turn = 0; turn < 4; turn++) {
      await admin.get(`${address}?${queryWith((i) => hostileText[(i + turn) % hostileText.length]!)}${turn === 0 ? odd : ''}`, `query turn ${turn}`)
    }
    await admin.get(`${address}?${queryWith(() => nul)}`, 'query NUL')
  }
  phase('queries')

  // Path parameters, one at a time with the others real; a POST sends the form its page gave.
  for (const pattern of [...gets, ...posts]) {
    const form = formsByPattern.get(pattern.key)
    for (const [index, segment] of pattern.segments.entries()) {
      if (!segment.startsWith(':')) continue
      for (const value of [...hostileParams, otherPartnershipsId]) {
        const address = pattern.fill((_, i) => (i === index ? value : realValue(pattern, i)))
        if (pattern.route.method === 'GET') await admin.get(address, `${segment}=${value.slice(0, 20)}`)
        else await admin.post(address, form?.fields ?? [], `${segment}=${value.slice(0, 20)}`, form?.multipart)
      }
    }
    // Signed out, every route once: hostile address, query and form together.
    const address = `${pattern.fill(() => 'abc')}?${queryWith(() => 'abc')}&returnTo=/%E2%88%95`
    if (pattern.route.method === 'GET') await signedOut.get(address, 'signed out')
    else
      await signedOut.post(
        address,
        [
          ['name', 'abc'],
          ['returnTo', '/%E2%88%95'],
        ],
        'signed out',
      )
  }
  phase('addresses')

  // Forms: each field made hostile in turn, the rest as the page gave them; then every field at once.
  for (const pattern of posts) {
    const form = formsByPattern.get(pattern.key)
    const address = form?.path ?? realAddress(pattern)
    const fields: Fields = form?.fields ?? []
    const multipart = form?.multipart ?? false
    const names = [...new Set(fields.map(([n]) => n))].filter((n) => n !== '_csrf')
    for (const name of names) {
      await admin.post(address, withField(fields, name, 'abc'), `${name}=abc`, multipart)
      // Too big a number only where a number goes: elsewhere it is just text, as 'abc' was.
      if (numeric(fields, name)) await admin.post(address, withField(fields, name, tooBig), `${name}=${tooBig}`, multipart)
    }
    // Every field sent twice, as a repeated checkbox would be, where one text is expected.
    await admin.post(address, [...fields, ...names.map((n): [string, string] => [n, 'abc'])], 'every field twice', multipart)
    // Dates: real days in years PostgreSQL cannot keep or no record could need.
    for (const year of names.filter((n) => n === 'year' || n.endsWith('-year') || n.endsWith('Year'))) {
      const date = year.slice(0, -4).replace(/-$/, '')
      // The three boxes are named `day`, `startsOn-day` or `dueDay`.
      const part = (p: string) => (year === 'year' ? p : year.endsWith('-year') ? `${date}-${p}` : `${date}${p[0]!.toUpperCase()}${p.slice(1)}`)
      for (const value of ['0000', '1899', '10000']) {
        await admin.post(address, withField(withField(withField(fields, part('day'), '1'), part('month'), '1'), year, value), `${date} in ${value}`, multipart)
      }
    }
    // Periods, typed as people write them, in years out of range.
    if (names.includes('period')) {
      for (const value of ['0000', '0000/01', '0000 - 02', '0000/01 Q1', 'April 0000', '9999/00'])
        await admin.post(address, withField(fields, 'period', value), `period=${value}`, multipart)
    }
    // The form's own fields and the common ones, each a different hostile value, turn by turn; then NUL in one.
    const every = [...names, ...commonFields.filter((n) => !names.includes(n))]
    for (let turn = 0; turn < 4; turn++) {
      await admin.post(
        address,
        every.map((n, i) => [n, hostileText[(i + turn) % hostileText.length]!]),
        `every field, turn ${turn}`,
        multipart,
      )
    }
    await admin.post(address, withField(fields, names[0] ?? 'name', `a${nul}`), 'NUL', multipart)
  }
  phase('forms')

  await signedOut.post('/sign-out', [['returnTo', '/%E2%88%95']], 'sign out')
  await admin.post('/sign-out', [], 'sign out')

  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  const unfilled = posts.filter((p) => !formsByPattern.has(p.key)).length
  console.log(
    `fuzz: ${sent} requests in ${seconds} s (${phases.join(', ')}), after ${((started - setUpStarted) / 1000).toFixed(1)} s setting up; forms for ${formsByPattern.size} of ${posts.length} POST routes (${unfilled} sent common fields only)`,
  )
  assert.ok(patterns.some((p) => p.key === 'GET /people/:id') && patterns.some((p) => p.key === 'POST /actions'), 'the routes are the app’s own')
  assert.ok(formsByPattern.size > posts.length / 2, `the crawl found forms for most POST routes (${formsByPattern.size} of ${posts.length})`)
  const report = failures
    .slice(0, 60)
    .map((f) => `${f.status} ${f.who} ${f.request} ${f.detail}`)
    .join('\n')
  assert.equal(failures.length, 0, `${failures.length} requests got a server error:\n${report}`)
})
