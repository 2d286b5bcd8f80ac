import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ConflictError, ForbiddenError, ValidationError } from '../../src/platform/errors.ts'
import { forwardPlanService } from '../../src/governance/forward-plan/service.ts'
import { plannedItemForm } from '../../src/governance/forward-plan/schema.ts'
import { meetingService } from '../../src/governance/meetings/service.ts'
import { meetingForm } from '../../src/governance/meetings/schema.ts'

let database: DatabaseHandle
let partnershipId: string
let editor: Actor
let viewer: Actor
let chair: Actor
let outsider: Actor
let hwb: string
let other: string

const quarterly = (bodyId: string, title = 'Quarterly update from the Strategic Partnership Board') =>
  plannedItemForm.parse({
    bodyId,
    title,
    purpose: 'noting',
    leadId: '',
    'firstDueOn-day': '1',
    'firstDueOn-month': '4',
    'firstDueOn-year': '2019',
    recurrence: 'quarterly',
  })

before(async () => {
  database = await testDatabase()
  const db = database.db
  partnershipId = (await createPartnership(db, 'forward-plan')).id
  editor = (await createMember(db, partnershipId, 'editor')).actor
  viewer = (await createMember(db, partnershipId, 'viewer')).actor
  const c = await createMember(db, partnershipId, 'contributor')
  chair = c.actor
  outsider = (await createMember(db, partnershipId, 'contributor', 'outsider@example.org')).actor
  hwb = (
    await db
      .insertInto('bodies')
      .values({ partnership_id: partnershipId, name: 'Health and Wellbeing Board', kind: 'health-and-wellbeing-board' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  other = (
    await db
      .insertInto('bodies')
      .values({ partnership_id: partnershipId, name: 'Changing for Children Board', kind: 'strategic-partnership-board' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const person = (
    await db
      .insertInto('people')
      .values({
        partnership_id: partnershipId,
        name: null,
        role_title: 'Cabinet Member',
        job_title: null,
        organisation_id: null,
        email: null,
        user_id: c.user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db.insertInto('body_members').values({ partnership_id: partnershipId, body_id: hwb, person_id: person, role: 'chair' }).execute()
})
after(() => database.close())

describe('the forward plan service', () => {
  test('a quarterly item is placed against the next meeting on or after each due date, the rest shown without one', async () => {
    const plan = forwardPlanService(database.db)
    const item = await plan.create(editor, quarterly(hwb))
    const meeting = await meetingService(database.db).create(
      editor,
      meetingForm.parse({ bodyId: hwb, day: '15', month: '1', year: '2027', time: '14:00', location: '', notes: '' }),
    )
    const page = await plan.plan(viewer, { body: hwb }, new Date('2026-11-23T12:00:00Z'))
    assert.equal(page.plans.length, 1)
    const [board] = page.plans
    assert.deepEqual(
      board!.meetings.map((m) => [m.meeting.id, m.occurrences.map((o) => o.due)]),
      [[meeting.id, ['2027-01-01']]],
    )
    assert.deepEqual(
      board!.unplaced.map((o) => o.due),
      ['2027-04-01', '2027-07-01', '2027-10-01'],
    )
    assert.equal(board!.unplaced[0]!.item.id, item.id)
    const audit = await database.db.selectFrom('audit_events').select(['action', 'summary']).where('entity_id', '=', item.id).execute()
    assert.deepEqual(audit, [{ action: 'create', summary: 'Added ‘Quarterly update from the Strategic Partnership Board’ to the forward plan' }])
  })

  test('admins and editors change any body’s plan, a chair only their own, viewers and other contributors none', async () => {
    const plan = forwardPlanService(database.db)
    await assert.rejects(plan.create(viewer, quarterly(hwb)), ForbiddenError)
    await assert.rejects(plan.create(outsider, quarterly(hwb)), ForbiddenError)
    await assert.rejects(plan.create(chair, quarterly(other)), ForbiddenError)
    await assert.rejects(plan.assertMayChangeSome(viewer), ForbiddenError)
    await assert.rejects(plan.assertMayChangeSome(outsider), ForbiddenError)
    const mine = await plan.create(chair, quarterly(hwb, 'Chair’s item'))
    const theirs = await plan.create(editor, quarterly(other, 'Editor’s item'))
    await assert.rejects(plan.archive(chair, theirs.id, theirs.version), ForbiddenError)
    await assert.rejects(
      plan.update(chair, mine.id, mine.version, quarterly(other, 'Moved')),
      ForbiddenError,
      'a chair cannot move an item to a body they do not chair',
    )
    const archived = await plan.archive(chair, mine.id, mine.version)
    assert.ok(archived.archived_at)
    const restored = await plan.restore(chair, mine.id, archived.version)
    assert.equal(restored.archived_at, null)
    const actions = await database.db.selectFrom('audit_events').select('action').where('entity_id', '=', mine.id).orderBy('at').execute()
    assert.deepEqual(
      actions.map((a) => a.action),
      ['create', 'archive', 'restore'],
    )
  })

  test('a stale version is refused and changes nothing; the end date must follow the first', async () => {
    const plan = forwardPlanService(database.db)
    const item = await plan.create(editor, quarterly(other, 'One Voice newsletter update'))
    await plan.update(editor, item.id, item.version, quarterly(other, 'One Voice newsletter: Children’s Trust update'))
    await assert.rejects(plan.update(editor, item.id, item.version, quarterly(other, 'Stale title')), ConflictError)
    assert.equal((await plan.get(editor, item.id)).title, 'One Voice newsletter: Children’s Trust update')
    assert.throws(
      () => plannedItemForm.parse({ bodyId: other, title: 'x', purpose: 'noting', firstDueOn: '2008-04-01', recurrence: 'quarterly', endsOn: '2008-04-01' }),
      (error: Error) => /must be after the first date/.test(error.message),
    )
    await assert.rejects(plan.create(editor, { ...quarterly(other), leadId: '00000000-0000-4000-8000-000000000000' }), ValidationError)
  })
})

describe('forward plan pages', () => {
  let t: TestApp
  let editorEmail: string
  let viewerEmail: string
  let body: string

  before(async () => {
    t = await testApp({ LOG_LEVEL: 'error' })
    const db = t.database.db
    const id = (await createPartnership(db, 'forward-plan-pages')).id
    editorEmail = (await createMember(db, id, 'editor')).user.email
    viewerEmail = (await createMember(db, id, 'viewer')).user.email
    body = (
      await db
        .insertInto('bodies')
        .values({ partnership_id: id, name: 'Health and Wellbeing Board', kind: 'health-and-wellbeing-board' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })
  after(() => t.close())

  test('the form shows its errors, keeps what was typed, then saves, changes and archives the item', async () => {
    const client = new TestClient(t.app)
    await client.signIn(editorEmail)
    const bad = await client.post(
      '/forward-plan/items/new',
      {
        bodyId: body,
        title: 'Quarterly update',
        purpose: '',
        'firstDueOn-day': '31',
        'firstDueOn-month': '2',
        'firstDueOn-year': '2019',
        recurrence: 'quarterly',
      },
      { formPage: '/forward-plan/items/new' },
    )
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Select whether the item is for decision/)
    assert.match(bad.body, /The first date it is due must be a real date/)
    assert.match(bad.body, /value="Quarterly update"/)
    assert.match(bad.body, /id="firstDueOn-day" name="firstDueOn-day" type="text" value="31"/)
    const saved = await client.post(
      '/forward-plan/items/new',
      {
        bodyId: body,
        title: 'Quarterly update',
        purpose: 'noting',
        'firstDueOn-day': '1',
        'firstDueOn-month': '4',
        'firstDueOn-year': '2019',
        recurrence: 'quarterly',
      },
      { formPage: '/forward-plan/items/new' },
    )
    assert.equal(saved.statusCode, 303)
    const page = await client.get(`/forward-plan?body=${body}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Quarterly update/)
    assert.match(page.body, /No meeting scheduled yet/)
    const id = /\/forward-plan\/items\/([0-9a-f-]{36})\/edit/.exec(page.body)![1]!
    const stale = await client.post(
      `/forward-plan/items/${id}/edit`,
      { bodyId: body, title: 'Changed', purpose: 'noting', firstDueOn: '2019-04-01', recurrence: 'quarterly', version: '1' },
      { formPage: `/forward-plan/items/${id}/edit` },
    )
    assert.equal(stale.statusCode, 303)
    const conflict = await client.post(
      `/forward-plan/items/${id}/edit`,
      { bodyId: body, title: 'Stale', purpose: 'noting', firstDueOn: '2019-04-01', recurrence: 'quarterly', version: '1' },
      { formPage: `/forward-plan/items/${id}/edit` },
    )
    assert.equal(conflict.statusCode, 409)
    assert.match(conflict.body, /The latest saved version/)
    assert.equal((await client.get(`/forward-plan/items/${id}/archive`)).statusCode, 200)
    const archived = await client.post(`/forward-plan/items/${id}/archive`, { version: '2' }, { formPage: `/forward-plan/items/${id}/archive` })
    assert.equal(archived.statusCode, 303)
    assert.match((await client.get(`/forward-plan?body=${body}`)).body, /Archived items[\s\S]*Restore Changed/)
    const onArchived = await client.post(
      `/forward-plan/items/${id}/edit`,
      { bodyId: body, title: 'Late', purpose: 'noting', firstDueOn: '2019-04-01', recurrence: 'quarterly', version: '3' },
      { formPage: `/forward-plan?body=${body}` },
    )
    assert.equal(onArchived.statusCode, 409)
    assert.match(onArchived.body, /has been archived, so your changes have not been saved/)
    assert.doesNotMatch(onArchived.body, /changed by someone else/)
  })

  test('a viewer reads the plan but is refused the form, before it is read', async () => {
    const client = new TestClient(t.app)
    await client.signIn(viewerEmail)
    assert.equal((await client.get('/forward-plan')).statusCode, 200)
    assert.doesNotMatch((await client.get('/forward-plan')).body, /Add an item/)
    assert.equal((await client.get('/forward-plan/items/new')).statusCode, 403)
    const refused = await client.post('/forward-plan/items/new', {}, { formPage: '/forward-plan' })
    assert.equal(refused.statusCode, 403)
  })
})
