import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { inPartnership } from '../../src/platform/db/tenancy.ts'
import { londonToday } from '../../src/platform/dates/index.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let t: TestApp
let partnershipId: string
let otherPartnership: string
let editorEmail: string
let viewerEmail: string
let contributorEmail: string
let outsiderEmail: string
const ids: Record<string, string> = {}

const signedIn = async (email: string) => {
  const client = new TestClient(t.app)
  await client.signIn(email)
  return client
}

const indicatorRow = (partnership: string, title: string) => ({
  partnership_id: partnership,
  title,
  value_type: 'proportion' as const,
  multiplier: 100,
  polarity: 'low-is-good' as const,
  frequency: 'quarterly' as const,
  period_type: 'quarter' as const,
  comparison_method: 'ci-95' as const,
})

before(async () => {
  t = await testApp()
  const db = t.database.db
  partnershipId = (await createPartnership(db, 'requests')).id
  otherPartnership = (await createPartnership(db, 'elsewhere')).id
  editorEmail = (await createMember(db, partnershipId, 'editor')).user.email
  viewerEmail = (await createMember(db, partnershipId, 'viewer')).user.email
  contributorEmail = (await createMember(db, partnershipId, 'contributor')).user.email
  outsiderEmail = (await createMember(db, otherPartnership, 'admin')).user.email
  const org = (partnership: string, name: string, archived = false) =>
    db
      .insertInto('organisations')
      .values({ partnership_id: partnership, name, sector: 'nhs', is_statutory: true, archived_at: archived ? new Date() : null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ids.ccg = (await org(partnershipId, 'NHS Oldham CCG')).id
  ids.police = (await org(partnershipId, 'Greater Manchester Police')).id
  ids.pct = (await org(partnershipId, 'Oldham Primary Care Trust', true)).id
  ids.elsewhere = (await org(otherPartnership, 'Somebody else’s trust')).id
  ids.smoking = (
    await db.insertInto('indicators').values(indicatorRow(partnershipId, 'Smoking status at time of delivery')).returning('id').executeTakeFirstOrThrow()
  ).id
  ids.breastfeeding = (
    await db.insertInto('indicators').values(indicatorRow(partnershipId, 'Breastfeeding at 6 to 8 weeks')).returning('id').executeTakeFirstOrThrow()
  ).id
  ids.retired = (
    await db
      .insertInto('indicators')
      .values({ ...indicatorRow(partnershipId, 'A retired measure'), archived_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
})

after(() => t.close())

const fields = (overrides: Record<string, string | string[]> = {}) => ({
  organisationId: ids.ccg!,
  periodLabel: '2024/25 Q2',
  'dueOn-day': '31',
  'dueOn-month': '10',
  'dueOn-year': '2199',
  indicatorIds: [ids.smoking!, ids.breastfeeding!],
  notes: 'Persons only, by ward if you have it',
  ...overrides,
})
const idOf = (location: unknown) => String(location).split('/').pop()!
const version = async (id: string) =>
  String((await t.database.db.selectFrom('data_requests').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)

describe('data requests', () => {
  test('every mistake is reported at once and nothing is saved; then a request is made and audited', async () => {
    const editor = await signedIn(editorEmail)
    const count = async () => (await t.database.db.selectFrom('data_requests').select('id').execute()).length
    const bad = await editor.post(
      '/data-requests/new',
      { organisationId: '', periodLabel: ' ', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2025', notes: 'n'.repeat(2001) },
      { formPage: '/data-requests/new' },
    )
    assert.equal(bad.statusCode, 400)
    for (const message of [
      'Select the organisation asked for the values',
      'Enter the period the values are for, like 2024/25 Q2',
      'The due date must be a real date',
      'Select at least one indicator the values are for',
      'Notes must be 2,000 characters or fewer',
    ]) {
      assert.match(bad.body, new RegExp(message), message)
    }
    const choices = await editor.post('/data-requests/new', fields({ organisationId: ids.pct!, indicatorIds: [ids.retired!] }), { formPage: '/' })
    assert.match(choices.body, /Select the organisation asked for the values/, 'an archived organisation')
    assert.match(choices.body, /Select indicators from the list/, 'an archived indicator')
    const foreign = await editor.post('/data-requests/new', fields({ organisationId: ids.elsewhere! }), { formPage: '/' })
    assert.match(foreign.body, /Select the organisation asked for the values/, 'another partnership’s organisation')
    assert.equal(await count(), 0)

    const created = await editor.post('/data-requests/new', fields(), { formPage: '/' })
    assert.equal(created.statusCode, 303)
    const page = (await (await signedIn(viewerEmail)).get(String(created.headers.location))).body
    assert.match(page, /NHS Oldham CCG, 2024\/25 Q2/)
    assert.match(page, /31 October 2199/)
    assert.match(page, /govuk-tag--blue">Requested/)
    assert.match(page, /Breastfeeding at 6 to 8 weeks[\s\S]*Smoking status at time of delivery/)
    assert.match(page, /Requested values for 2024\/25 Q2 from NHS Oldham CCG, due 31 October 2199/, 'the history comes from the audit trail')
    assert.doesNotMatch(page, /Mark as submitted/, 'a viewer is offered no changes')
  })

  test('a request still waiting after its due date shows as late, never stored; the list sorts by due date, filters and downloads', async () => {
    const editor = await signedIn(editorEmail)
    const late = await editor.post(
      '/data-requests/new',
      fields({ organisationId: ids.police!, periodLabel: '2024/25 Q1', 'dueOn-day': '31', 'dueOn-month': '7', 'dueOn-year': '2024' }),
      { formPage: '/' },
    )
    const lateId = idOf(late.headers.location)
    assert.equal((await t.database.db.selectFrom('data_requests').select('status').where('id', '=', lateId).executeTakeFirstOrThrow()).status, 'requested')
    const viewer = await signedIn(viewerEmail)
    const list = (await viewer.get('/data-requests')).body
    assert.match(list, /Greater Manchester Police[\s\S]*31 July 2024[\s\S]*govuk-tag--red">Late[\s\S]*NHS Oldham CCG[\s\S]*31 October 2199[\s\S]*Requested/)
    const onlyLate = (await viewer.get('/data-requests?status=late')).body
    assert.match(onlyLate, /1 request</)
    assert.match(onlyLate, /Greater Manchester Police/)
    const requested = (await viewer.get('/data-requests?status=requested')).body
    assert.match(requested, /1 request</)
    assert.match(requested, /NHS Oldham CCG/)
    const byOrganisation = (await viewer.get(`/data-requests?organisation=${ids.ccg}`)).body
    assert.doesNotMatch(byOrganisation, /Greater Manchester Police<span/)
    const csv = await viewer.get('/data-requests?status=late&format=csv')
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    assert.equal(
      csv.body.replace(/^\ufeff/, ''),
      'Organisation,Period,Due on,Status,Indicators,Notes\r\nGreater Manchester Police,2024/25 Q1,2024-07-31,Late,2,"Persons only, by ward if you have it"\r\n',
    )
    const xlsx = await viewer.get('/data-requests?format=xlsx')
    assert.equal(xlsx.statusCode, 200)
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK')
    assert.ok(londonToday() > '2024-07-31')
  })

  test('requested → submitted → approved, back to requested; a skipped step and a stale page are refused; every change audited', async () => {
    const editor = await signedIn(editorEmail)
    const id = idOf((await editor.post('/data-requests/new', fields({ periodLabel: '2024/25 Q3' }), { formPage: '/' })).headers.location)
    const skipped = await editor.post(`/data-requests/${id}/status`, { status: 'approved', version: await version(id) }, { formPage: '/' })
    assert.equal(skipped.statusCode, 400)
    assert.match(skipped.body, /A request that is requested cannot be marked approved: it must be submitted first/)
    const v1 = await version(id)
    assert.equal((await editor.post(`/data-requests/${id}/status`, { status: 'submitted', version: v1 }, { formPage: '/' })).statusCode, 303)
    const stale = await editor.post(`/data-requests/${id}/status`, { status: 'requested', version: v1 }, { formPage: '/' })
    assert.equal(stale.statusCode, 409)
    assert.equal((await editor.post(`/data-requests/${id}/status`, { status: 'approved', version: await version(id) }, { formPage: '/' })).statusCode, 303)
    assert.equal((await editor.post(`/data-requests/${id}/status`, { status: 'requested', version: await version(id) }, { formPage: '/' })).statusCode, 303)
    const viewer = await signedIn(viewerEmail)
    assert.equal((await viewer.post(`/data-requests/${id}/status`, { status: 'submitted', version: await version(id) }, { formPage: '/' })).statusCode, 403)
    const contributor = await signedIn(contributorEmail)
    assert.equal((await contributor.get('/data-requests/new')).statusCode, 403)
    const page = (await viewer.get(`/data-requests/${id}`)).body
    assert.match(
      page,
      /Marked as submitted: the data request to NHS Oldham CCG for 2024\/25 Q3 \(requested → submitted\)[\s\S]*Approved: the data request[\s\S]*\(submitted → approved\)[\s\S]*Reopened: back to requested/,
    )
    const audits = await t.database.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('entity_id', '=', id)
      .where('action', '=', 'update')
      .orderBy('id')
      .execute()
    assert.deepEqual(
      audits.map((a) => [(a.before as { status: string }).status, (a.after as { status: string }).status]),
      [
        ['requested', 'submitted'],
        ['submitted', 'approved'],
        ['approved', 'requested'],
      ],
    )
  })

  test('changing a request keeps its history; archived requests take no changes until restored', async () => {
    const editor = await signedIn(editorEmail)
    const id = idOf((await editor.post('/data-requests/new', fields({ periodLabel: '2024/25 Q4' }), { formPage: '/' })).headers.location)
    const form = (await editor.get(`/data-requests/${id}/edit`)).body
    assert.match(form, /name="dueOn-day"[^>]*value="31"/)
    assert.match(form, new RegExp(`value="${ids.smoking}" checked`))
    const changed = await editor.post(
      `/data-requests/${id}/edit`,
      fields({ periodLabel: '2024/25 Q4', 'dueOn-day': '30', 'dueOn-month': '4', indicatorIds: [ids.smoking!], version: await version(id) }),
      { formPage: '/' },
    )
    assert.equal(changed.statusCode, 303)
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('entity_id', '=', id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow()
    assert.equal((audit.before as { due_on: string }).due_on, '2199-10-31')
    assert.equal((audit.after as { due_on: string }).due_on, '2199-04-30')
    assert.deepEqual((audit.after as { indicatorIds: string[] }).indicatorIds, [ids.smoking])
    const stale = await editor.post(`/data-requests/${id}/edit`, fields({ version: '1' }), { formPage: '/' })
    assert.equal(stale.statusCode, 409)
    assert.equal((await editor.post(`/data-requests/${id}/archive`, { version: await version(id) }, { formPage: '/' })).statusCode, 303)
    assert.doesNotMatch((await editor.get('/data-requests')).body, new RegExp(id))
    assert.match((await editor.get('/data-requests?archived=yes')).body, new RegExp(id))
    const refused = await editor.post(`/data-requests/${id}/status`, { status: 'submitted', version: await version(id) }, { formPage: '/' })
    assert.equal(refused.statusCode, 409)
    assert.equal((await editor.post(`/data-requests/${id}/restore`, { version: await version(id) }, { formPage: '/' })).statusCode, 303)
  })

  test('another partnership finds none of them, and the database itself keeps them apart', async () => {
    const any = await t.database.db.selectFrom('data_requests').select('id').where('partnership_id', '=', partnershipId).executeTakeFirstOrThrow()
    const outsider = await signedIn(outsiderEmail)
    assert.equal((await outsider.get(`/data-requests/${any.id}`)).statusCode, 404)
    assert.match((await outsider.get('/data-requests')).body, /No data requests yet/)
    const seen = await inPartnership(t.database.db, otherPartnership, async (trx) => ({
      requests: await trx.selectFrom('data_requests').select('id').execute(),
      indicators: await trx.selectFrom('data_request_indicators').select('request_id').execute(),
    }))
    assert.deepEqual(seen, { requests: [], indicators: [] })
    assert.ok((await inPartnership(t.database.db, partnershipId, (trx) => trx.selectFrom('data_requests').select('id').execute())).length > 0)
  })
})
