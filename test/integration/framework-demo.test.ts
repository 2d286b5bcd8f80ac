import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { seedDemo, demoSlug } from '../../demo/seed.ts'
import { testDatabase } from '../support/database.ts'
import { frameworkService } from '../../src/strategy/framework/service.ts'
import { externalFrameworkService } from '../../src/strategy/external-frameworks/service.ts'
import { alignmentService } from '../../src/strategy/alignment/service.ts'

let database: DatabaseHandle
let db: Db
let actor: Actor

before(async () => {
  database = await testDatabase()
  db = database.db
  await seedDemo(db)
  const partnership = await db.selectFrom('partnerships').select('id').where('slug', '=', demoSlug).executeTakeFirstOrThrow()
  actor = { userId: null, label: 'test', partnershipId: partnership.id, role: 'viewer' }
})
after(() => database.close())

describe('the demo’s strategic framework (seed 000)', () => {
  test('version 1 was consulted on from the first Staff College workshop and adopted by the Strategic Partnership Board', async () => {
    const { versions, inForce, content, unserved } = await frameworkService(db).overview(actor)
    assert.equal(versions.length, 1)
    assert.equal(inForce?.stage, 'adopted')
    assert.equal(inForce?.ambition, 'a place where children and young people thrive')
    assert.equal(inForce?.consultation_starts_on, '2019-02-07')
    assert.equal(inForce?.adoptedByName, 'Children and Young People’s Strategic Partnership Board')
    assert.match(inForce!.introduction, /illustrative/)
    assert.deepEqual(
      content.outcomes.map((o) => o.title),
      [
        'Are safe and feel safe',
        'Are as healthy as they can be, including emotionally and mentally',
        'Enjoy growing up in Oldham and do well in the early years, school and college',
        'Have things to do and opportunities to contribute to their communities',
        'Are supported to make the successful journey into adulthood, work and independence',
      ],
    )
    assert.equal(content.commitments.length, 9)
    assert.ok(content.commitments.every((c) => c.text.startsWith('Every Oldham child will ')))
    assert.ok(
      content.commitments.some((c) => c.text === 'Every Oldham child will start school ready to learn.'),
      'the seed’s typo is corrected',
    )
    assert.deepEqual(unserved, [], 'every commitment serves an outcome')
  })

  test('the GM Children’s Plan has its seven priorities, and only SEND is served by nothing local', async () => {
    const frameworks = externalFrameworkService(db)
    const { current } = await frameworks.list(actor)
    const plan = current.find((f) => f.title === 'Greater Manchester Children’s Plan')!
    assert.equal(plan.publisher, 'Greater Manchester Combined Authority')
    assert.equal(plan.scope, 'regional')
    const { priorities } = await frameworks.get(actor, plan.id)
    assert.equal(priorities.length, 7)
    assert.match(priorities[0]!.description, /^The best start in life and the right support to be ready to learn/)
    const matrix = await alignmentService(db, frameworks).matrix(actor, plan.id)
    assert.deepEqual(
      matrix.unserved.map((p) => p.title),
      ['Special Educational Needs and Disabilities'],
    )
    const safe = matrix.rows.find((r) => r.label === 'Are safe and feel safe')!
    assert.deepEqual(
      safe.aligned.map((id) => priorities.find((p) => p.id === id)!.title),
      ['Safe children and young people'],
    )
  })

  test('rebuilding the demo reuses the shared GM Children’s Plan rather than adding it twice', async () => {
    await seedDemo(db)
    const plans = await db.selectFrom('external_frameworks').select('id').where('title', '=', 'Greater Manchester Children’s Plan').execute()
    assert.equal(plans.length, 1)
    assert.equal((await db.selectFrom('external_priorities').select('id').where('framework_id', '=', plans[0]!.id).execute()).length, 7)
    const partnership = await db.selectFrom('partnerships').select('id').where('slug', '=', demoSlug).executeTakeFirstOrThrow()
    const rebuilt = { ...actor, partnershipId: partnership.id }
    const matrix = await alignmentService(db, externalFrameworkService(db)).matrix(rebuilt, plans[0]!.id)
    assert.equal(matrix.rows.length, 14)
    assert.deepEqual(
      matrix.unserved.map((p) => p.title),
      ['Special Educational Needs and Disabilities'],
    )
  })
})
