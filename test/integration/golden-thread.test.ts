import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Kysely } from 'kysely'
import { createMember, createPartnership } from '../support/fixtures.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import type { Database } from '../../src/platform/db/tables.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { NotFoundError } from '../../src/platform/errors.ts'
import { goldenThreadService } from '../../src/strategy/golden-thread/service.ts'
import { workstreamService } from '../../src/strategy/workstreams/service.ts'
import { workstreamForm } from '../../src/strategy/workstreams/schema.ts'

let t: TestApp
let db: Kysely<Database>
let partnershipId: string
let viewer: Actor
let editor: Actor
let viewerEmail: string
const ids: Record<string, string> = {}
const now = new Date('2008-02-15T12:00:00Z')

async function insert<T extends keyof Database & string>(table: T, values: Record<string, unknown>): Promise<string> {
  const row = await db
    .insertInto(table)
    .values({ partnership_id: partnershipId, ...values } as never)
    .returning('id' as never)
    .executeTakeFirstOrThrow()
  return (row as { id: string }).id
}

/**
 * Version 2 of the framework (in force) has three outcomes and four
 * commitments; version 1 had an outcome version 2 dropped. A plan of a
 * strategy has objectives serving some outcomes; a delivery partnership runs
 * workstreams; the GM Children's Plan's priorities are aligned to some.
 */
before(async () => {
  t = await testApp({ LOG_LEVEL: 'error' })
  db = t.database.db
  partnershipId = (await createPartnership(db, 'golden-thread')).id
  const v = await createMember(db, partnershipId, 'viewer')
  viewer = v.actor
  viewerEmail = v.user.email
  editor = (await createMember(db, partnershipId, 'editor')).actor
  for (const key of ['safe', 'healthy', 'school', 'dropped']) ids[key] = await insert('outcomes', {})
  for (const key of ['c1', 'c2', 'c3', 'c4']) ids[key] = await insert('commitments', {})
  const v1 = await insert('framework_versions', {
    number: 1,
    title: 'Draft Strategic Framework',
    ambition: 'Thrive',
    stage: 'superseded',
    adopted_on: '2018-11-01',
  })
  const v2 = await insert('framework_versions', {
    number: 2,
    title: 'Strategic Framework 2019',
    ambition: 'Thrive',
    stage: 'adopted',
    adopted_on: '2019-01-29',
  })
  await db
    .insertInto('framework_outcomes')
    .values([
      { partnership_id: partnershipId, framework_id: v1, outcome_id: ids.dropped!, position: 1, title: 'Are happy at home' },
      { partnership_id: partnershipId, framework_id: v2, outcome_id: ids.safe!, position: 1, title: 'Are safe and feel safe' },
      { partnership_id: partnershipId, framework_id: v2, outcome_id: ids.healthy!, position: 2, title: 'Are as healthy as they can be' },
      { partnership_id: partnershipId, framework_id: v2, outcome_id: ids.school!, position: 3, title: 'Do well in the early years, school and college' },
    ])
    .execute()
  const commitments = [
    ['c1', 'offered the necessary protection'],
    ['c2', 'supported to make their voice heard'],
    ['c3', 'supported to enjoy good mental wellbeing'],
    ['c4', 'start school ready to learn'],
  ]
  await db
    .insertInto('framework_commitments')
    .values(
      commitments.map(([key, text], i) => ({
        partnership_id: partnershipId,
        framework_id: v2,
        commitment_id: ids[key!]!,
        position: i + 1,
        text: `Every Oldham child will be ${text}`,
      })),
    )
    .execute()
  await db
    .insertInto('commitment_outcomes')
    .values([
      { partnership_id: partnershipId, framework_id: v2, commitment_id: ids.c1!, outcome_id: ids.safe! },
      { partnership_id: partnershipId, framework_id: v2, commitment_id: ids.c3!, outcome_id: ids.healthy! },
      { partnership_id: partnershipId, framework_id: v2, commitment_id: ids.c4!, outcome_id: ids.school! },
    ])
    .execute()
  const gm = (
    await db
      .insertInto('external_frameworks')
      .values({ title: 'GM Children’s Plan', publisher: 'GMCA', scope: 'regional' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const priority = async (position: number, title: string) =>
    (await db.insertInto('external_priorities').values({ framework_id: gm, position, title }).returning('id').executeTakeFirstOrThrow()).id
  ids.p5 = await priority(5, 'Safe and Secure')
  ids.p7 = await priority(7, 'Good Mental Health')
  await db.insertInto('outcome_alignments').values({ partnership_id: partnershipId, outcome_id: ids.safe!, priority_id: ids.p5 }).execute()
  await db.insertInto('commitment_alignments').values({ partnership_id: partnershipId, commitment_id: ids.c1!, priority_id: ids.p7 }).execute()

  const body = (name: string) => insert('bodies', { name, kind: 'delivery-partnership' })
  ids.board = await body('Changing for Children Board')
  ids.icg = await body('Integrated Commissioning Group')
  ids.cin = await body('Children in Need Delivery Partnership')
  ids.strategy = await insert('strategies', { title: 'Children and Young People Plan', starts_on: '2007-04-01', ends_on: '2009-03-31' })
  ids.plan = await insert('plans', { title: 'Children’s Trust Approach Delivery Plan', strategy_id: ids.strategy, lead_body_id: ids.board })
  const oldPlan = await insert('plans', { title: 'Withdrawn plan', archived_at: new Date() })
  const aim = await insert('plan_aims', { plan_id: ids.plan, number: 3, title: 'Embed Integrated Commissioning' })
  const oldAim = await insert('plan_aims', { plan_id: oldPlan, number: 1, title: 'Old aim' })
  const objective = (aimId: string, position: number, title: string, extra: Record<string, unknown> = {}) =>
    insert('plan_objectives', { aim_id: aimId, position, title, timescale_kind: 'ongoing', ...extra })
  ids.o1 = await objective(aim, 1, 'Revisit terms of reference for the ICG', {
    timescale_kind: 'month',
    timescale_starts_on: '2007-11-01',
    timescale_ends_on: '2007-11-30',
    lead_body_id: ids.icg,
  })
  ids.o2 = await objective(aim, 2, 'Develop and publish the Commissioning Framework')
  ids.o3 = await objective(aim, 3, 'A dropped objective with no outcome')
  ids.o4 = await objective(aim, 4, 'An archived objective', { archived_at: new Date() })
  ids.o5 = await objective(oldAim, 1, 'An objective of an archived plan')
  await db
    .insertInto('objective_outcomes')
    .values([
      { partnership_id: partnershipId, objective_id: ids.o1!, outcome_id: ids.safe! },
      { partnership_id: partnershipId, objective_id: ids.o4!, outcome_id: ids.healthy! },
    ])
    .execute()
  const update = (objectiveId: string, reported_on: string, status: string, rag: string | null) =>
    insert('objective_updates', { objective_id: objectiveId, reported_on, status, rag, author_label: 'Lead officer' })
  await update(ids.o1!, '2007-10-01', 'on-track', 'green')
  await update(ids.o1!, '2007-12-01', 'at-risk', 'amber')
  await update(ids.o3!, '2007-12-01', 'dropped', null)

  const workstreams = workstreamService(db)
  const form = (title: string, outcomeIds: string[]) => workstreamForm.parse({ bodyId: ids.cin, title, kind: 'service', outcomeIds })
  await workstreams.create(editor, form('CAMH’s', [ids.healthy!]))
  const archived = await workstreams.create(editor, form('Education Psychology', [ids.school!]))
  await workstreams.archive(editor, archived.id, archived.version)
})
after(() => t.close())

describe('one outcome’s golden thread', () => {
  test('its commitments, priorities (saying through what), objectives with their latest status, and the bodies behind them', async () => {
    const page = await goldenThreadService(db).outcome(viewer, ids.safe!, now)
    assert.deepEqual(page.outcome, { id: ids.safe, title: 'Are safe and feel safe', description: '', position: 1, inForce: true })
    assert.deepEqual(
      page.commitments.map((c) => c.position),
      [1],
    )
    assert.deepEqual(
      page.priorities.map((p) => [p.priorityTitle, p.direct, p.viaCommitments.map((c) => c.position)]),
      [
        ['Safe and Secure', true, []],
        ['Good Mental Health', false, [1]],
      ],
    )
    assert.deepEqual(
      page.plans.map((p) => [p.planTitle, p.strategyTitle, p.objectives.map((o) => [o.number, o.status, o.rag, o.reportedOn, o.timescaleText, o.overdue])]),
      [['Children’s Trust Approach Delivery Plan', 'Children and Young People Plan', [['3.1', 'at-risk', 'amber', '2007-12-01', 'November 2007', true]]]],
    )
    assert.deepEqual(
      page.bodies.map((b) => [b.name, b.roles]),
      [
        ['Changing for Children Board', ['Leads the plan ‘Children’s Trust Approach Delivery Plan’']],
        ['Integrated Commissioning Group', ['Leads objective 3.1 of ‘Children’s Trust Approach Delivery Plan’']],
      ],
    )
    assert.deepEqual(page.gaps, ['No workstream contributes to this outcome', 'No indicator measures this outcome'])
  })

  test('an archived objective or workstream serves nothing', async () => {
    const healthy = await goldenThreadService(db).outcome(viewer, ids.healthy!, now)
    assert.deepEqual(healthy.plans, [])
    assert.deepEqual(
      healthy.workstreams.map((w) => w.title),
      ['CAMH’s'],
    )
    assert.deepEqual(
      healthy.bodies.map((b) => b.roles),
      [['Runs the service ‘CAMH’s’']],
    )
    assert.deepEqual(healthy.gaps, [
      'No objective serves this outcome',
      'It is not aligned to any regional or national priority',
      'No indicator measures this outcome',
    ])
    const school = await goldenThreadService(db).outcome(viewer, ids.school!, now)
    assert.deepEqual(school.gaps, [
      'No objective serves this outcome',
      'No workstream contributes to this outcome',
      'It is not aligned to any regional or national priority',
      'No indicator measures this outcome',
    ])
  })

  test('an outcome the version in force dropped keeps its page, in its last wording, with no gaps', async () => {
    const page = await goldenThreadService(db).outcome(viewer, ids.dropped!, now)
    assert.deepEqual([page.outcome.title, page.outcome.inForce, page.gaps], ['Are happy at home', false, []])
  })

  test('an outcome of another partnership, or none at all, is not found', async () => {
    const other = (await createPartnership(db, 'elsewhere')).id
    const admin = (await createMember(db, other, 'admin')).actor
    await assert.rejects(goldenThreadService(db).outcome(admin, ids.safe!), NotFoundError)
    await assert.rejects(goldenThreadService(db).outcome(viewer, '00000000-0000-4000-8000-000000000000'), NotFoundError)
  })
})

describe('the golden thread across the partnership', () => {
  test('counts per outcome, and the gaps: outcomes no objective serves, objectives with no outcome, commitments nothing delivers', async () => {
    const page = await goldenThreadService(db).overview(viewer, now)
    assert.deepEqual(
      page.rows.map((r) => [r.outcome.title, r.counts.commitments, r.counts.priorities, r.counts.objectives, r.counts.workstreams]),
      [
        ['Are safe and feel safe', 1, 2, 1, 0],
        ['Are as healthy as they can be', 1, 0, 0, 1],
        ['Do well in the early years, school and college', 1, 0, 0, 0],
      ],
    )
    assert.deepEqual(
      page.outcomesWithoutObjective.map((o) => o.title),
      ['Are as healthy as they can be', 'Do well in the early years, school and college'],
    )
    // Not the dropped one, the archived one or the archived plan's.
    assert.deepEqual(
      page.objectivesWithoutOutcome.flatMap((p) => p.objectives.map((o) => o.title)),
      ['Develop and publish the Commissioning Framework'],
    )
    assert.deepEqual(
      page.undeliveredCommitments.map((c) => [c.position, c.reason]),
      [
        [2, 'It serves no outcome'],
        [4, 'No objective or workstream serves the outcomes it serves'],
      ],
    )
  })

  test('the pages: linking a workstream to an outcome takes its gap away', async () => {
    const client = new TestClient(t.app)
    await client.signIn(viewerEmail)
    const before = await client.get('/golden-thread')
    assert.equal(before.statusCode, 200)
    assert.match(before.body, /4\. Every Oldham child will be start school ready to learn/)
    const outcome = await client.get(`/outcomes/${ids.school}`)
    assert.equal(outcome.statusCode, 200)
    assert.match(outcome.body, /No workstream contributes to this outcome/)
    await workstreamService(db).create(
      editor,
      workstreamForm.parse({ bodyId: ids.cin, title: 'Traveller Children', kind: 'service', outcomeIds: [ids.school] }),
    )
    const after = await client.get(`/outcomes/${ids.school}`)
    assert.doesNotMatch(after.body, /No workstream contributes to this outcome/)
    assert.match(after.body, /Traveller Children/)
    assert.doesNotMatch((await client.get('/golden-thread')).body, /start school ready to learn/)
    const dropped = await client.get(`/outcomes/${ids.dropped}`)
    assert.match(dropped.body, /This outcome is not in the framework in force \(Strategic Framework 2019\)/)
    assert.equal((await client.get('/outcomes/00000000-0000-4000-8000-000000000000')).statusCode, 404)
  })
})
