import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { demoSlug, seedDemoIfEmpty } from '../../demo/seed.ts'
import { planService } from '../../src/strategy/plans/service.ts'
import { objectiveService } from '../../src/strategy/objectives/service.ts'
import { testDatabase } from '../support/database.ts'

describe('the demo’s 2019–2022 strategy and action plan (seed 000 §4)', () => {
  let database: DatabaseHandle
  let db: Db
  let actor: Actor

  before(async () => {
    database = await testDatabase()
    db = database.db
    await seedDemoIfEmpty(db)
    const partnership = await db.selectFrom('partnerships').select('id').where('slug', '=', demoSlug).executeTakeFirstOrThrow()
    actor = { userId: null, label: 'test', partnershipId: partnership.id, role: 'viewer' }
  })

  after(() => database.close())

  test('the strategy is owned by the Strategic Partnership Board, active, for 2019–2022', async () => {
    const strategy = await db
      .selectFrom('strategies as s')
      .innerJoin('bodies as b', 'b.id', 's.owner_body_id')
      .select(['s.title', 's.status', 's.starts_on', 's.ends_on', 'b.name'])
      .executeTakeFirstOrThrow()
    assert.deepEqual(strategy, {
      title: 'Oldham Children and Young People Strategy 2019–2022',
      status: 'active',
      starts_on: '2019-04-01',
      ends_on: '2022-03-31',
      name: 'Children and Young People’s Strategic Partnership Board',
    })
  })

  test('its action plan has the seed’s four aims in order, every objective owned and serving outcomes of the framework', async () => {
    const plans = planService(db)
    const plan = await db
      .selectFrom('plans')
      .select('id')
      .where('title', '=', 'Children and Young People Strategy 2019–2022 action plan')
      .executeTakeFirstOrThrow()
    const page = await plans.page(actor, plan.id, '2026-11-23')
    assert.deepEqual(
      page.aims.map((a) => a.aim.number),
      [1, 2, 3, 4],
    )
    const objectives = page.aims.flatMap((a) => a.objectives)
    assert.equal(objectives.length, 12)
    assert.ok(
      objectives.every((o) => o.ownerLabel && o.outcomes.length > 0),
      'each has an owner and serves an outcome',
    )
    assert.ok(
      objectives.some(
        (o) =>
          o.title.startsWith('Inform the JSNA work plan') &&
          o.leadBodyName === 'JSNA sub-group' &&
          o.timescaleText === 'In line with the planning cycle (JSNA)',
      ),
    )
    assert.deepEqual(
      page.attention.map((o) => [o.title.slice(0, 40), o.attention]),
      [
        ['The Staff College evaluates the workshop', 'overdue'],
        ['Develop the Board’s own set of Key Perfo', 'overdue'],
        ['Ensure the child and young person’s voic', 'slipping'],
      ],
    )
    assert.equal(page.summary.complete, 5)
  })

  test('every status is an invented one, and says so', async () => {
    const updates = await db
      .selectFrom('objective_updates as u')
      .innerJoin('plan_objectives as o', 'o.id', 'u.objective_id')
      .innerJoin('plan_aims as a', 'a.id', 'o.aim_id')
      .innerJoin('plans as p', 'p.id', 'a.plan_id')
      .select('u.commentary')
      .where('p.title', '=', 'Children and Young People Strategy 2019–2022 action plan')
      .execute()
    assert.ok(updates.length > 0)
    for (const u of updates) assert.match(u.commentary, /^Illustrative status/)
  })

  test('the Strategic Partnership Board sees what its plan has slipping or overdue', async () => {
    const spb = await db
      .selectFrom('bodies')
      .select('id')
      .where('name', '=', 'Children and Young People’s Strategic Partnership Board')
      .executeTakeFirstOrThrow()
    const found = await objectiveService(db).needingAttention(actor, { bodyId: spb.id }, '2026-11-23')
    assert.ok(found.some((o) => o.title.startsWith('Develop the Board’s own set')))
    assert.ok(found.every((o) => o.attention))
  })
})
