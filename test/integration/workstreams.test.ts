import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Kysely } from 'kysely'
import { createMember, createPartnership } from '../support/fixtures.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import type { Database } from '../../src/platform/db/tables.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { workstreamService } from '../../src/strategy/workstreams/service.ts'
import { workstreamForm } from '../../src/strategy/workstreams/schema.ts'

let t: TestApp
let db: Kysely<Database>
let partnershipId: string
let editor: Actor
let viewer: Actor
let chair: Actor
let outsider: Actor
let editorEmail: string
let viewerEmail: string
const ids = {} as Record<'cin' | 'learning' | 'safe' | 'healthy' | 'dropped' | 'objective' | 'archivedObjective' | 'elsewhere', string>

const form = (bodyId: string, title: string, extra: Record<string, unknown> = {}) =>
  workstreamForm.parse({ bodyId, title, kind: 'service', description: '', leadId: '', ...extra })

/** A framework whose version in force (2) dropped one outcome of version 1, and a plan with a current and an archived objective. */
async function strategy(partnership: string) {
  const outcome = async () => (await db.insertInto('outcomes').values({ partnership_id: partnership }).returning('id').executeTakeFirstOrThrow()).id
  const version = (number: number, stage: 'adopted' | 'superseded') =>
    db
      .insertInto('framework_versions')
      .values({
        partnership_id: partnership,
        number,
        title: `Strategic Framework v${number}`,
        ambition: 'A place where children and young people thrive',
        stage,
        adopted_on: `201${number}-01-29`,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  const [safe, healthy, dropped] = [await outcome(), await outcome(), await outcome()]
  const v1 = (await version(1, 'superseded')).id
  const v2 = (await version(2, 'adopted')).id
  await db
    .insertInto('framework_outcomes')
    .values([
      { partnership_id: partnership, framework_id: v1, outcome_id: safe, position: 1, title: 'Are safe' },
      { partnership_id: partnership, framework_id: v1, outcome_id: dropped, position: 2, title: 'Are happy at home' },
      { partnership_id: partnership, framework_id: v2, outcome_id: safe, position: 1, title: 'Are safe and feel safe' },
      {
        partnership_id: partnership,
        framework_id: v2,
        outcome_id: healthy,
        position: 2,
        title: 'Are as healthy as they can be, including emotionally and mentally',
      },
    ])
    .execute()
  const plan = await db
    .insertInto('plans')
    .values({ partnership_id: partnership, title: 'Children’s Trust Approach Delivery Plan' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const archivedPlan = await db
    .insertInto('plans')
    .values({ partnership_id: partnership, title: 'An old plan', archived_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow()
  const aim = async (planId: string) =>
    (
      await db
        .insertInto('plan_aims')
        .values({ partnership_id: partnership, plan_id: planId, number: 4, title: 'Embed Integrated Delivery' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const objective = async (aimId: string) =>
    (
      await db
        .insertInto('plan_objectives')
        .values({
          partnership_id: partnership,
          aim_id: aimId,
          position: 1,
          title: 'Fully implement CAF and other integrated systems',
          timescale_kind: 'ongoing',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  return { safe, healthy, dropped, objective: await objective(await aim(plan.id)), archivedObjective: await objective(await aim(archivedPlan.id)) }
}

before(async () => {
  t = await testApp({ LOG_LEVEL: 'error' })
  db = t.database.db
  partnershipId = (await createPartnership(db, 'workstreams')).id
  const e = await createMember(db, partnershipId, 'editor')
  const v = await createMember(db, partnershipId, 'viewer')
  editor = e.actor
  editorEmail = e.user.email
  viewer = v.actor
  viewerEmail = v.user.email
  const c = await createMember(db, partnershipId, 'contributor')
  chair = c.actor
  outsider = (await createMember(db, partnershipId, 'contributor', 'outsider@example.org')).actor
  const body = async (name: string) =>
    (await db.insertInto('bodies').values({ partnership_id: partnershipId, name, kind: 'delivery-partnership' }).returning('id').executeTakeFirstOrThrow()).id
  ids.cin = await body('Children in Need Delivery Partnership')
  ids.learning = await body('Learning Delivery Partnership')
  const person = (
    await db
      .insertInto('people')
      .values({ partnership_id: partnershipId, name: null, role_title: 'Lead officer, Children in Need', user_id: c.user.id })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db.insertInto('body_members').values({ partnership_id: partnershipId, body_id: ids.cin, person_id: person, role: 'lead-officer' }).execute()
  Object.assign(ids, await strategy(partnershipId))
  const other = (await createPartnership(db, 'elsewhere')).id
  ids.elsewhere = (await strategy(other)).safe
})
after(() => t.close())

describe('the workstreams service', () => {
  test('a workstream is saved with its outcomes and objectives, audited with them, and listed under its body by kind', async () => {
    const workstreams = workstreamService(db)
    const created = await workstreams.create(editor, form(ids.cin, 'Safeguarding & Child Protection', { outcomeIds: [ids.safe], objectiveIds: ids.objective }))
    const page = await workstreams.page(viewer, created.id)
    assert.deepEqual(
      page.outcomes.map((o) => [o.title, o.inForce]),
      [['Are safe and feel safe', true]],
    )
    assert.deepEqual(
      page.objectives.map((o) => o.title),
      ['Fully implement CAF and other integrated systems'],
    )
    const audit = await db.selectFrom('audit_events').select(['action', 'summary', 'after']).where('entity_id', '=', created.id).executeTakeFirstOrThrow()
    assert.equal(audit.summary, 'Added workstream ‘Safeguarding & Child Protection’ to the Children in Need Delivery Partnership')
    assert.deepEqual((audit.after as { outcomeIds: string[] }).outcomeIds, [ids.safe])

    await workstreams.create(editor, form(ids.cin, 'AIM Project', { kind: 'project' }))
    const sections = await workstreams.ofBody(viewer, ids.cin)
    assert.deepEqual(
      sections.map((g) => [g.heading, g.rows.map((r) => r.title)]),
      [
        ['Services', ['Safeguarding & Child Protection']],
        ['Projects', ['AIM Project']],
      ],
    )
    const list = await workstreams.list(viewer, { status: 'current', kind: 'project' })
    assert.deepEqual(
      list.groups.map((g) => [g.bodyName, g.rows.map((r) => r.title)]),
      [['Children in Need Delivery Partnership', ['AIM Project']]],
    )
  })

  test('admins and editors change any body’s workstreams, its chair or lead officer only theirs, viewers and other contributors none', async () => {
    const workstreams = workstreamService(db)
    await assert.rejects(workstreams.create(viewer, form(ids.cin, 'Messenger')), ForbiddenError)
    await assert.rejects(workstreams.create(outsider, form(ids.cin, 'Messenger')), ForbiddenError)
    await assert.rejects(workstreams.create(chair, form(ids.learning, 'Academies')), ForbiddenError)
    await assert.rejects(workstreams.assertMayChangeSome(viewer), ForbiddenError)
    await assert.rejects(workstreams.assertMayChangeSome(outsider), ForbiddenError)
    const mine = await workstreams.create(chair, form(ids.cin, 'Messenger', { kind: 'project' }))
    const theirs = await workstreams.create(editor, form(ids.learning, 'Academies', { kind: 'project' }))
    await assert.rejects(workstreams.archive(chair, theirs.id, theirs.version), ForbiddenError)
    await assert.rejects(workstreams.update(chair, mine.id, mine.version, form(ids.learning, 'Messenger')), ForbiddenError, 'not to a body they do not lead')
    const archived = await workstreams.archive(chair, mine.id, mine.version)
    assert.ok(archived.archived_at)
    const restored = await workstreams.restore(chair, mine.id, archived.version)
    assert.equal(restored.archived_at, null)
    const actions = await db.selectFrom('audit_events').select('action').where('entity_id', '=', mine.id).orderBy('at').execute()
    assert.deepEqual(
      actions.map((a) => a.action),
      ['create', 'archive', 'restore'],
    )
  })

  test('a title is unique among a body’s current workstreams, whatever its case', async () => {
    const workstreams = workstreamService(db)
    const first = await workstreams.create(editor, form(ids.cin, 'Domestic Violence'))
    await assert.rejects(
      workstreams.create(editor, form(ids.cin, 'domestic violence')),
      (e: unknown) => e instanceof ValidationError && /already exists under this body/.test(e.fields.title ?? ''),
    )
    await workstreams.create(editor, form(ids.learning, 'Domestic Violence'))
    const archived = await workstreams.archive(editor, first.id, first.version)
    const second = await workstreams.create(editor, form(ids.cin, 'Domestic Violence'))
    await assert.rejects(
      workstreams.restore(editor, first.id, archived.version),
      (e: unknown) => e instanceof ValidationError && /cannot be restored/.test(e.fields.title ?? ''),
    )
    assert.ok(second.id)
  })

  test('a stale version is refused and changes nothing; so is a change to an archived workstream', async () => {
    const workstreams = workstreamService(db)
    const item = await workstreams.create(editor, form(ids.cin, 'Referral and Assessment'))
    await workstreams.update(editor, item.id, item.version, form(ids.cin, 'Referral and Assessment', { description: 'The front door', outcomeIds: [ids.safe] }))
    await assert.rejects(workstreams.update(editor, item.id, item.version, form(ids.cin, 'Stale title')), ConflictError)
    const latest = await workstreams.get(editor, item.id)
    assert.equal(latest.row.title, 'Referral and Assessment')
    assert.deepEqual(latest.outcomeIds, [ids.safe])
    const archived = await workstreams.archive(editor, item.id, latest.row.version)
    await assert.rejects(workstreams.update(editor, item.id, archived.version, form(ids.cin, 'Referral and Assessment')), ConflictError)
  })

  test('links only to what the form offers, but a link the framework in force dropped is kept until unticked', async () => {
    const workstreams = workstreamService(db)
    const invalid = (field: string) => (e: unknown) => e instanceof ValidationError && field in e.fields
    await assert.rejects(workstreams.create(editor, form(ids.cin, 'Family Support', { outcomeIds: [ids.dropped] })), invalid('outcomeIds'))
    await assert.rejects(workstreams.create(editor, form(ids.cin, 'Family Support', { outcomeIds: [ids.elsewhere] })), invalid('outcomeIds'))
    await assert.rejects(workstreams.create(editor, form(ids.cin, 'Family Support', { objectiveIds: [ids.archivedObjective] })), invalid('objectiveIds'))
    await assert.rejects(workstreams.create(editor, form(ids.cin, 'Family Support', { leadId: '00000000-0000-4000-8000-000000000000' })), invalid('leadId'))

    const item = await workstreams.create(editor, form(ids.cin, 'Family Support Tiers 3&4', { outcomeIds: [ids.safe] }))
    // Linked while version 1 was in force.
    await db.insertInto('workstream_outcomes').values({ partnership_id: partnershipId, workstream_id: item.id, outcome_id: ids.dropped }).execute()
    const options = await workstreams.formOptions(editor, item.id)
    assert.deepEqual(
      options.outcomes.map((o) => [o.title, o.inForce]),
      [
        ['Are safe and feel safe', true],
        ['Are as healthy as they can be, including emotionally and mentally', true],
        ['Are happy at home', false],
      ],
    )
    const page = await workstreams.page(viewer, item.id)
    assert.deepEqual(
      page.outcomes.map((o) => [o.title, o.inForce]),
      [
        ['Are safe and feel safe', true],
        ['Are happy at home', false],
      ],
    )
    const kept = await workstreams.update(
      editor,
      item.id,
      item.version,
      form(ids.cin, 'Family Support Tiers 3&4', { outcomeIds: [ids.safe, ids.dropped, ids.healthy] }),
    )
    assert.deepEqual((await workstreams.get(editor, item.id)).outcomeIds.sort(), [ids.safe, ids.dropped, ids.healthy].sort())
    await workstreams.update(editor, item.id, kept.version, form(ids.cin, 'Family Support Tiers 3&4', { outcomeIds: [ids.healthy] }))
    assert.deepEqual((await workstreams.get(editor, item.id)).outcomeIds, [ids.healthy])
  })

  test('another partnership’s workstream cannot be found', async () => {
    const other = (await createPartnership(db, 'another')).id
    const admin = (await createMember(db, other, 'admin')).actor
    const item = await workstreamService(db).create(editor, form(ids.learning, 'Study Support'))
    await assert.rejects(workstreamService(db).page(admin, item.id), NotFoundError)
  })
})

describe('workstream pages', () => {
  test('the form shows its errors and keeps what was typed, then saves; the body’s page lists it with a link to add another', async () => {
    const client = new TestClient(t.app)
    await client.signIn(editorEmail)
    const bad = await client.post(
      '/workstreams/new',
      { bodyId: ids.cin, title: 'Out of Hours Service (EDT)', kind: '', outcomeIds: ids.safe },
      { formPage: '/workstreams/new' },
    )
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Select whether it is a strategy, a service or a project/)
    assert.match(bad.body, /value="Out of Hours Service \(EDT\)"/)
    assert.match(bad.body, new RegExp(`value="${ids.safe}" checked`))
    const saved = await client.post(
      '/workstreams/new',
      { bodyId: ids.cin, title: 'Out of Hours Service (EDT)', kind: 'service', outcomeIds: ids.safe, objectiveIds: [ids.objective] },
      { formPage: '/workstreams/new' },
    )
    assert.equal(saved.statusCode, 303)
    const shown = await client.get(String(saved.headers.location))
    assert.equal(shown.statusCode, 200)
    assert.match(shown.body, new RegExp(`href="/outcomes/${ids.safe}">Are safe and feel safe</a>`))
    assert.match(shown.body, new RegExp(`href="/objectives/${ids.objective}">4.1 Fully implement CAF`))

    const body = await client.get(`/bodies/${ids.cin}`)
    assert.match(body.body, /<h2 class="govuk-heading-m" id="workstreams">Workstreams<\/h2>/)
    assert.match(body.body, /Out of Hours Service \(EDT\)/)
    assert.match(body.body, new RegExp(`href="/workstreams/new\\?body=${ids.cin}">Add a workstream`))

    const reader = new TestClient(t.app)
    await reader.signIn(viewerEmail)
    const read = await reader.get(`/bodies/${ids.cin}`)
    assert.match(read.body, /Out of Hours Service \(EDT\)/)
    assert.doesNotMatch(read.body, /Add a workstream/)
    assert.equal((await reader.get('/workstreams/new')).statusCode, 403)
  })

  test('a stale edit gets the conflict page with the form kept; archiving asks first', async () => {
    const workstreams = workstreamService(db)
    const item = await workstreams.create(editor, form(ids.learning, 'Music Service'))
    await workstreams.update(editor, item.id, item.version, form(ids.learning, 'Music Service', { description: 'Instrumental lessons' }))
    const client = new TestClient(t.app)
    await client.signIn(editorEmail)
    const stale = await client.post(
      `/workstreams/${item.id}/edit`,
      { version: String(item.version), bodyId: ids.learning, title: 'Music and Arts Service', kind: 'service' },
      { formPage: `/workstreams/${item.id}/edit` },
    )
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /was changed by someone else/)
    assert.match(stale.body, /value="Music and Arts Service"/)
    const confirm = await client.get(`/workstreams/${item.id}/archive`)
    assert.match(confirm.body, /Archive Music Service\?/)
    const archived = await client.post(
      `/workstreams/${item.id}/archive`,
      { version: String(item.version + 1) },
      { formPage: `/workstreams/${item.id}/archive` },
    )
    assert.equal(archived.statusCode, 303)
    const again = await client.post(`/workstreams/${item.id}/archive`, { version: String(item.version + 2) }, { formPage: `/workstreams/${item.id}` })
    assert.equal(again.statusCode, 409)
    const list = await client.get(`/workstreams?body=${ids.learning}&status=archived`)
    assert.match(list.body, /Music Service/)
  })
})
