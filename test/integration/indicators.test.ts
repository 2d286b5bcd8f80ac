import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let t: TestApp
let partnershipId: string
let editorEmail: string
let viewerEmail: string
let lead: string
let body: string
let outcome: string
let droppedOutcome: string

const fields = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Year 6: prevalence of obesity (including severe obesity)',
  description: 'Children in Year 6 classified as obese or severely obese',
  rationale: '',
  source: 'National Child Measurement Programme',
  unit: 'children',
  valueType: 'proportion',
  multiplier: '100',
  decimalPlaces: '1',
  polarity: 'low-is-good',
  frequency: 'annual',
  periodType: 'academic-year',
  comparisonMethod: 'ci-95',
  smallNumberThreshold: '5',
  targetLeadId: '',
  owningBodyId: '',
  fingertipsId: '92033',
  ...overrides,
})

before(async () => {
  t = await testApp()
  const db = t.database.db
  partnershipId = (await createPartnership(db, 'indicators')).id
  editorEmail = (await createMember(db, partnershipId, 'editor')).user.email
  viewerEmail = (await createMember(db, partnershipId, 'viewer')).user.email
  lead = (
    await db.insertInto('people').values({ partnership_id: partnershipId, role_title: 'Director of Public Health' }).returning('id').executeTakeFirstOrThrow()
  ).id
  body = (
    await db
      .insertInto('bodies')
      .values({ partnership_id: partnershipId, name: 'Health and Wellbeing Board', kind: 'health-and-wellbeing-board' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  // A framework whose version in force has one outcome; an older one also had another.
  const v1 = await db
    .insertInto('framework_versions')
    .values({ partnership_id: partnershipId, number: 1, title: 'Draft', ambition: 'Thrive', stage: 'superseded', adopted_on: '2019-01-29' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const v2 = await db
    .insertInto('framework_versions')
    .values({ partnership_id: partnershipId, number: 2, title: 'Adopted', ambition: 'Thrive', stage: 'adopted', adopted_on: '2019-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow()
  outcome = (await db.insertInto('outcomes').values({ partnership_id: partnershipId }).returning('id').executeTakeFirstOrThrow()).id
  droppedOutcome = (await db.insertInto('outcomes').values({ partnership_id: partnershipId }).returning('id').executeTakeFirstOrThrow()).id
  await db
    .insertInto('framework_outcomes')
    .values([
      { partnership_id: partnershipId, framework_id: v1.id, outcome_id: outcome, position: 1, title: 'Are healthy' },
      { partnership_id: partnershipId, framework_id: v1.id, outcome_id: droppedOutcome, position: 2, title: 'Are ready for school' },
      { partnership_id: partnershipId, framework_id: v2.id, outcome_id: outcome, position: 1, title: 'Are as healthy as they can be' },
    ])
    .execute()
})

after(() => t.close())

describe('the indicator library', () => {
  test('an editor defines an indicator with its target lead, owning body and outcome, and everyone reads it', async () => {
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const created = await editor.post('/indicators', fields({ targetLeadId: lead, owningBodyId: body, outcomeIds: outcome }), { formPage: '/indicators/new' })
    assert.equal(created.statusCode, 303)
    const url = String(created.headers.location)

    const viewer = new TestClient(t.app)
    await viewer.signIn(viewerEmail)
    const page = (await viewer.get(url)).body
    assert.match(page, /<h1 class="govuk-heading-l">Year 6: prevalence of obesity/)
    assert.match(page, /Proportion or percentage \(%\), in children/)
    assert.match(page, /Low is good/)
    assert.match(page, /Director of Public Health/)
    assert.match(page, /<a class="govuk-link" href="\/outcomes\/[0-9a-f-]+">Are as healthy as they can be<\/a>/)
    assert.match(page, /92033/)
    assert.doesNotMatch(page, /Change the definition/, 'viewers are not offered changes')
    const list = (await viewer.get(`/indicators?outcome=${outcome}`)).body
    assert.match(list, /1 indicator</)
    assert.equal((await viewer.get(`/indicators?body=${lead}`)).body.includes('No indicators match these filters'), true)

    // The outcome's golden thread shows what measures it.
    assert.match(
      (await viewer.get(`/outcomes/${outcome}`)).body,
      /Indicators that measure it[\s\S]*Year 6: prevalence of obesity \(including severe obesity\)<\/a> \(target lead: Director of Public Health\)/,
    )

    const audit = await t.database.db.selectFrom('audit_events').select(['summary', 'after']).where('entity_type', '=', 'indicator').executeTakeFirstOrThrow()
    assert.match(audit.summary, /Added the indicator/)
    assert.deepEqual((audit.after as { outcomeIds: string[] }).outcomeIds, [outcome])
  })

  test('mistakes come back together by their fields, with what was typed kept, and nothing is saved', async () => {
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const before = await t.database.db.selectFrom('indicators').select('id').execute()
    const blank = await editor.post('/indicators', { title: '' }, { formPage: '/indicators/new' })
    assert.equal(blank.statusCode, 400)
    for (const message of [
      'Enter the indicator’s title',
      'Select what kind of value the indicator is',
      'Select whether high or low is good',
      'Select the period each value covers',
    ]) {
      assert.match(blank.body, new RegExp(message))
    }
    const incoherent = await editor.post(
      '/indicators',
      fields({ title: 'Under-18 conceptions', valueType: 'crude-rate', multiplier: '100', periodType: 'quarter', fingertipsId: '20401' }),
      { formPage: '/indicators/new' },
    )
    assert.equal(incoherent.statusCode, 400)
    assert.match(incoherent.body, /A crude rate is per 1,000 or per 10,000 or per 100,000/)
    assert.match(incoherent.body, /An indicator measured by quarter is quarterly/)
    assert.match(incoherent.body, /value="Under-18 conceptions"/)
    const duplicate = await editor.post('/indicators', fields({ title: 'year 6: PREVALENCE of obesity (including severe obesity)', fingertipsId: '' }), {
      formPage: '/indicators/new',
    })
    assert.equal(duplicate.statusCode, 400)
    assert.match(duplicate.body, /already exists/)
    const sameSource = await editor.post('/indicators', fields({ title: 'Another' }), { formPage: '/indicators/new' })
    assert.match(sameSource.body, /already has Fingertips indicator ID 92033/)
    const badLead = await editor.post('/indicators', fields({ title: 'Another', fingertipsId: '', targetLeadId: body }), { formPage: '/indicators/new' })
    assert.match(badLead.body, /Select the target lead from the list/)
    assert.equal((await t.database.db.selectFrom('indicators').select('id').execute()).length, before.length)
  })

  test('a change keeps a link to an outcome the framework in force dropped, a stale change is refused, and archiving hides it until restored', async () => {
    const db = t.database.db
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const created = await editor.post(
      '/indicators',
      fields({ title: 'School readiness', valueType: 'proportion', fingertipsId: '90631', outcomeIds: [outcome, droppedOutcome] }),
      { formPage: '/indicators/new' },
    )
    const id = String(created.headers.location).split('/').pop()!
    const form = (await editor.get(`/indicators/${id}/edit`)).body
    assert.match(form, /Are ready for school \(not in the framework in force\)/)

    const saved = await editor.post(
      `/indicators/${id}/edit`,
      fields({ title: 'School readiness: good level of development', fingertipsId: '90631', outcomeIds: droppedOutcome, version: '1' }),
      { formPage: `/indicators/${id}/edit` },
    )
    assert.equal(saved.statusCode, 303)
    const links = await db.selectFrom('indicator_outcomes').select('outcome_id').where('indicator_id', '=', id).execute()
    assert.deepEqual(
      links.map((l) => l.outcome_id),
      [droppedOutcome],
    )

    const stale = await editor.post(`/indicators/${id}/edit`, fields({ title: 'Stale', fingertipsId: '90631', version: '1' }), {
      formPage: `/indicators/${id}/edit`,
    })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /The latest saved version/)
    assert.equal(
      (await db.selectFrom('indicators').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title,
      'School readiness: good level of development',
    )

    const archived = await editor.post(`/indicators/${id}/archive`, { version: '2' }, { formPage: `/indicators/${id}/archive` })
    assert.equal(archived.statusCode, 303)
    assert.doesNotMatch((await editor.get('/indicators')).body, new RegExp(`href="/indicators/${id}"`))
    assert.match((await editor.get('/indicators?archived=yes')).body, new RegExp(`href="/indicators/${id}"`))
    const onArchived = await editor.post(`/indicators/${id}/edit`, fields({ title: 'Late', fingertipsId: '90631', version: '3' }), {
      formPage: `/indicators/${id}`,
    })
    assert.equal(onArchived.statusCode, 409)
    assert.match(onArchived.body, /has been archived/)
    const restored = await editor.post(`/indicators/${id}/restore`, { version: '3' }, { formPage: `/indicators/${id}` })
    assert.equal(restored.statusCode, 303)
    assert.match((await editor.get('/indicators')).body, new RegExp(`href="/indicators/${id}"`))
  })

  test('viewers are refused the forms and the changes, before anything is read', async () => {
    const viewer = new TestClient(t.app)
    await viewer.signIn(viewerEmail)
    assert.equal((await viewer.get('/indicators/new')).statusCode, 403)
    const refused = await viewer.post('/indicators', fields({ title: 'Refused' }), { formPage: '/indicators' })
    assert.equal(refused.statusCode, 403)
    assert.equal(await t.database.db.selectFrom('indicators').select('id').where('title', '=', 'Refused').executeTakeFirst(), undefined)
  })
})
