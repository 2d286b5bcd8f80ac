import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createMember, createPartnership } from '../support/fixtures.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import type { Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { externalFrameworkService } from '../../src/strategy/external-frameworks/service.ts'
import { copyForm, externalFrameworkForm, priorityForm } from '../../src/strategy/external-frameworks/schema.ts'
import { inPartnership } from '../../src/platform/db/tenancy.ts'
import { alignmentService } from '../../src/strategy/alignment/service.ts'
import { alignmentForm } from '../../src/strategy/alignment/schema.ts'
import { frameworkService } from '../../src/strategy/framework/service.ts'
import { adoptionForm, commitmentForm, outcomeForm, versionDetailsForm } from '../../src/strategy/framework/schema.ts'

let testing: TestApp
let db: Db
let partnershipId: string
let otherPartnershipId: string
let admin: Actor
let editor: Actor
let viewer: Actor
let outsider: Actor
let viewerEmail: string
let editorEmail: string
let outsiderEmail: string

const gmFields = (title = 'Greater Manchester Children’s Plan') => ({
  title,
  publisher: 'Greater Manchester Combined Authority',
  scope: 'regional',
  description: '',
  'publishedOn-day': '',
  'publishedOn-month': '',
  'publishedOn-year': '',
})
const gm = (title?: string) => externalFrameworkForm.parse(gmFields(title))
const frameworkVersion = async (id: string) =>
  (await db.selectFrom('framework_versions').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

before(async () => {
  testing = await testApp()
  db = testing.database.db
  partnershipId = (await createPartnership(db, 'aligned', 'Aligned partnership', true)).id
  otherPartnershipId = (await createPartnership(db, 'other')).id
  admin = (await createMember(db, partnershipId, 'admin')).actor
  const e = await createMember(db, partnershipId, 'editor')
  editor = e.actor
  editorEmail = e.user.email
  const v = await createMember(db, partnershipId, 'viewer')
  viewer = v.actor
  viewerEmail = v.user.email
  const o = await createMember(db, otherPartnershipId, 'admin')
  outsider = o.actor
  outsiderEmail = o.user.email
})
after(() => testing.close())

let planId: string
let school: string
let send: string
let safe: string

describe('regional and national frameworks, shared by every partnership', () => {
  test('only admins add one, kept by their partnership; every partnership reads it; the change is in the keeper’s audit trail alone', async () => {
    const frameworks = externalFrameworkService(db)
    await assert.rejects(frameworks.create(editor, gm()), ForbiddenError)
    const plan = await frameworks.create(admin, gm())
    planId = plan.id
    assert.equal(plan.owner_partnership_id, partnershipId)
    const listed = (await frameworks.list(outsider)).current.find((f) => f.id === plan.id)
    assert.equal(listed?.ownerName, 'Aligned partnership')
    // One partnership never writes into another's audit trail.
    const audited = await db.selectFrom('audit_events').select('partnership_id').where('entity_id', '=', plan.id).execute()
    assert.deepEqual(
      audited.map((a) => a.partnership_id),
      [partnershipId],
    )
    await assert.rejects(
      frameworks.create(admin, gm('greater manchester children’s plan')),
      (error: unknown) => error instanceof ValidationError && /already a framework/.test(error.fields.title ?? ''),
    )
  })

  test('priorities are added in order, moved, archived and restored', async () => {
    const frameworks = externalFrameworkService(db)
    school = (await frameworks.addPriority(admin, planId, priorityForm.parse({ title: 'School Readiness', description: 'The best start in life' }))).id
    send = (await frameworks.addPriority(admin, planId, priorityForm.parse({ title: 'Special Educational Needs and Disabilities' }))).id
    safe = (await frameworks.addPriority(admin, planId, priorityForm.parse({ title: 'Safe children and young people' }))).id
    const version = async (id: string) => (await db.selectFrom('external_priorities').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
    await frameworks.movePriority(admin, safe, await version(safe), 'up')
    assert.deepEqual(
      (await frameworks.get(viewer, planId)).priorities.map((p) => p.title),
      ['School Readiness', 'Safe children and young people', 'Special Educational Needs and Disabilities'],
    )
    await assert.rejects(frameworks.movePriority(admin, safe, 1, 'down'), ConflictError)
    const extra = await frameworks.addPriority(admin, planId, priorityForm.parse({ title: 'Temporary' }))
    await frameworks.setPriorityArchived(admin, extra.id, extra.version, 'archive')
    const page = await frameworks.get(viewer, planId)
    assert.deepEqual(
      page.archivedPriorities.map((p) => p.title),
      ['Temporary'],
    )
    assert.equal(page.priorities.length, 3)
  })

  test('an archived framework refuses changes until restored', async () => {
    const frameworks = externalFrameworkService(db)
    const other = await frameworks.create(admin, gm('GM Children’s Health and Wellbeing Framework'))
    const archived = await frameworks.setArchived(admin, other.id, other.version, 'archive')
    await assert.rejects(frameworks.addPriority(admin, other.id, priorityForm.parse({ title: 'Late' })), /is archived: restore it/)
    await assert.rejects(frameworks.setArchived(admin, other.id, archived.version, 'archive'), ConflictError)
    await frameworks.setArchived(admin, other.id, archived.version, 'restore')
  })
})

describe('a priority set belongs to the partnership that keeps it', () => {
  const version = async (table: 'external_frameworks' | 'external_priorities', id: string) =>
    (await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

  test('another partnership’s admin reads it and its matrix, but changes, archives and reorders nothing of it', async () => {
    const frameworks = externalFrameworkService(db)
    const plan = await frameworks.create(admin, gm('Owned by the aligned partnership'))
    const first = await frameworks.addPriority(admin, plan.id, priorityForm.parse({ title: 'First' }))
    const second = await frameworks.addPriority(admin, plan.id, priorityForm.parse({ title: 'Second' }))
    assert.deepEqual(
      (await frameworks.get(outsider, plan.id)).priorities.map((p) => p.title),
      ['First', 'Second'],
    )
    assert.deepEqual(
      (await alignmentService(db, frameworks).matrix(outsider, plan.id)).priorities.map((p) => p.title),
      ['First', 'Second'],
    )
    const before = await db.selectFrom('external_frameworks').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow()
    const refused = (error: unknown) =>
      error instanceof ForbiddenError && /belongs to another partnership: only its admins can change it\. Copy it/.test(error.message)
    await assert.rejects(frameworks.getForChange(outsider, plan.id), refused)
    await assert.rejects(frameworks.getPriorityForChange(outsider, first.id), refused)
    await assert.rejects(frameworks.update(outsider, plan.id, plan.version, gm('Taken over')), refused)
    await assert.rejects(frameworks.setArchived(outsider, plan.id, plan.version, 'archive'), refused)
    await assert.rejects(frameworks.addPriority(outsider, plan.id, priorityForm.parse({ title: 'Slipped in' })), refused)
    await assert.rejects(frameworks.updatePriority(outsider, first.id, first.version, priorityForm.parse({ title: 'Renamed' })), refused)
    await assert.rejects(frameworks.movePriority(outsider, second.id, second.version, 'up'), refused)
    await assert.rejects(frameworks.setPriorityArchived(outsider, first.id, first.version, 'archive'), refused)
    assert.deepEqual(await db.selectFrom('external_frameworks').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow(), before)
    assert.deepEqual(
      (await frameworks.get(admin, plan.id)).priorities.map((p) => [p.title, p.version]),
      [
        ['First', 1],
        ['Second', 1],
      ],
    )
    // Its own admin still can.
    await frameworks.updatePriority(admin, first.id, await version('external_priorities', first.id), priorityForm.parse({ title: 'First, renamed' }))
  })

  test('a set the service keeps for every partnership is changed by no partnership', async () => {
    const frameworks = externalFrameworkService(db)
    const regional = await db
      .insertInto('external_frameworks')
      .values({ title: 'Kept by the service', publisher: 'GMCA', scope: 'regional' })
      .returningAll()
      .executeTakeFirstOrThrow()
    await assert.rejects(
      frameworks.update(admin, regional.id, regional.version, gm('Kept by the service, changed')),
      (error: unknown) => error instanceof ForbiddenError && /kept by the service for every partnership/.test(error.message),
    )
    await assert.rejects(frameworks.addPriority(outsider, regional.id, priorityForm.parse({ title: 'Slipped in' })), ForbiddenError)
    assert.equal((await frameworks.get(viewer, regional.id)).framework.ownerName, null)
  })

  test('row-level security refuses a write to another partnership’s set or the service’s even when the service check is bypassed', async () => {
    const frameworks = externalFrameworkService(db)
    const plan = await frameworks.create(admin, gm('Walled by row-level security'))
    const priority = await frameworks.addPriority(admin, plan.id, priorityForm.parse({ title: 'Walled priority' }))
    const regional = await db
      .insertInto('external_frameworks')
      .values({ title: 'Service set behind the wall', publisher: 'GMCA', scope: 'regional' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const updated = await inPartnership(db, otherPartnershipId, async (trx) => ({
      frameworks: Number(
        (await trx.updateTable('external_frameworks').set({ title: 'Taken over' }).where('id', 'in', [plan.id, regional.id]).executeTakeFirst()).numUpdatedRows,
      ),
      priorities: Number(
        (await trx.updateTable('external_priorities').set({ title: 'Taken over' }).where('id', '=', priority.id).executeTakeFirst()).numUpdatedRows,
      ),
      seen: (await trx.selectFrom('external_frameworks').select('id').where('id', 'in', [plan.id, regional.id]).execute()).length,
    }))
    assert.deepEqual(updated, { frameworks: 0, priorities: 0, seen: 2 })
    await assert.rejects(
      inPartnership(db, otherPartnershipId, (trx) =>
        trx.insertInto('external_priorities').values({ framework_id: plan.id, position: 9, title: 'Slipped in' }).execute(),
      ),
      /row-level security/,
    )
    await assert.rejects(
      inPartnership(db, otherPartnershipId, (trx) =>
        trx
          .insertInto('external_frameworks')
          .values({ title: 'Pretending to be Aligned', publisher: 'x', scope: 'regional', owner_partnership_id: partnershipId })
          .execute(),
      ),
      /row-level security/,
    )
    await assert.rejects(
      inPartnership(db, otherPartnershipId, (trx) =>
        trx.insertInto('external_frameworks').values({ title: 'Pretending to be the service', publisher: 'x', scope: 'regional' }).execute(),
      ),
      /row-level security/,
    )
  })

  test('another partnership copies it with its current priorities in order, keeps the copy and may change it; the copy is audited in its own trail', async () => {
    const frameworks = externalFrameworkService(db)
    const plan = await frameworks.create(admin, gm('To be copied'))
    for (const title of ['One', 'Two', 'Gone', 'Three']) await frameworks.addPriority(admin, plan.id, priorityForm.parse({ title }))
    const gone = (await frameworks.get(admin, plan.id)).priorities.find((p) => p.title === 'Gone')!
    await frameworks.setPriorityArchived(admin, gone.id, gone.version, 'archive')

    await assert.rejects(
      frameworks.copy(outsider, plan.id, copyForm.parse({ title: 'to be copied' })),
      (error: unknown) => error instanceof ValidationError && /already a framework/.test(error.fields.title ?? ''),
    )
    const copy = await frameworks.copy(outsider, plan.id, copyForm.parse({ title: 'To be copied (Other)' }))
    assert.equal(copy.owner_partnership_id, otherPartnershipId)
    assert.deepEqual([copy.publisher, copy.scope], ['Greater Manchester Combined Authority', 'regional'])
    const { priorities } = await frameworks.get(outsider, copy.id)
    assert.deepEqual(
      priorities.map((p) => [p.position, p.title]),
      [
        [1, 'One'],
        [2, 'Two'],
        [3, 'Three'],
      ],
    )
    const audit = await db.selectFrom('audit_events').select(['partnership_id', 'summary', 'actor_id']).where('entity_id', '=', copy.id).execute()
    assert.deepEqual(audit, [
      {
        partnership_id: otherPartnershipId,
        summary: 'Copied the framework ‘To be copied’ to the partnership as ‘To be copied (Other)’, with its 3 priorities',
        actor_id: outsider.userId,
      },
    ])

    await frameworks.update(outsider, copy.id, copy.version, gm('To be copied, our way'))
    await assert.rejects(frameworks.update(admin, copy.id, copy.version + 1, gm('Back again')), ForbiddenError)
    assert.deepEqual(
      (await frameworks.get(admin, plan.id)).priorities.map((p) => p.title),
      ['One', 'Two', 'Three'],
      'the original is as it was',
    )
    await assert.rejects(frameworks.copy(viewer, plan.id, copyForm.parse({ title: 'A viewer’s copy' })), ForbiddenError)
  })

  test('through the pages: no change links on another partnership’s set, its forms refused, and a copy made with the GOV.UK form', async () => {
    const frameworks = externalFrameworkService(db)
    const plan = await frameworks.create(admin, gm('Shown to another partnership'))
    const priority = await frameworks.addPriority(admin, plan.id, priorityForm.parse({ title: 'Shown priority' }))
    const client = new TestClient(testing.app)
    await client.signIn(outsiderEmail)
    const page = await client.get(`/external-frameworks/${plan.id}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Kept by[\s\S]*?Aligned partnership/)
    assert.match(page.body, /Another partnership keeps this set: only its admins change it/)
    assert.doesNotMatch(page.body, new RegExp(`/external-frameworks/${plan.id}/(edit|archive|priorities/new)|/external-priorities/`))
    assert.match(page.body, new RegExp(`href="/external-frameworks/${plan.id}/copy"`))
    for (const url of [`/external-frameworks/${plan.id}/edit`, `/external-frameworks/${plan.id}/archive`, `/external-priorities/${priority.id}/edit`])
      assert.equal((await client.get(url)).statusCode, 403, url)
    const refused = await client.post(`/external-frameworks/${plan.id}/edit`, { ...gmFields('Taken over'), version: String(plan.version) })
    assert.equal(refused.statusCode, 403)
    assert.match(refused.body, /belongs to another partnership/)
    assert.equal((await frameworks.get(admin, plan.id)).framework.title, 'Shown to another partnership')

    const form = await client.get(`/external-frameworks/${plan.id}/copy`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /value="Shown to another partnership \(Partnership other\)"/)
    const empty = await client.post(`/external-frameworks/${plan.id}/copy`, { title: '' })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /href="#title">Enter the title of your copy/)
    const copied = await client.post(`/external-frameworks/${plan.id}/copy`, { title: 'Shown, and now ours' })
    assert.equal(copied.statusCode, 303)
    const copy = await db
      .selectFrom('external_frameworks')
      .select(['id', 'owner_partnership_id'])
      .where('title', '=', 'Shown, and now ours')
      .executeTakeFirstOrThrow()
    assert.equal(copied.headers.location, `/external-frameworks/${copy.id}`)
    assert.equal(copy.owner_partnership_id, otherPartnershipId)
    const ours = await client.get(`/external-frameworks/${copy.id}`)
    assert.match(ours.body, /Your partnership \(Partnership other\)/)
    assert.match(ours.body, new RegExp(`href="/external-frameworks/${copy.id}/edit"`))
  })
})

describe('the alignment matrix', () => {
  let outcome: string
  let commitment: string

  before(async () => {
    const framework = frameworkService(db)
    const v1 = await framework.startFirstDraft(
      editor,
      versionDetailsForm.parse({ title: 'Framework', ambition: 'a place where children and young people thrive', introduction: '' }),
    )
    outcome = await framework.addOutcome(editor, v1.id, v1.version, outcomeForm.parse({ title: 'Are safe and feel safe' }))
    commitment = await framework.addCommitment(
      editor,
      v1.id,
      await frameworkVersion(v1.id),
      commitmentForm.parse({ text: 'Every child will start school ready to learn.', outcomeIds: outcome }),
    )
  })

  test('editors set the priorities an outcome or commitment serves; what nothing serves is listed', async () => {
    const alignment = alignmentService(db, externalFrameworkService(db))
    await assert.rejects(
      alignment.setAlignments(viewer, 'outcome', outcome, alignmentForm.parse({ framework: planId, priorityIds: [safe], aligned: '' })),
      ForbiddenError,
    )
    await alignment.setAlignments(editor, 'outcome', outcome, alignmentForm.parse({ framework: planId, priorityIds: [safe], aligned: '' }))
    await alignment.setAlignments(editor, 'commitment', commitment, alignmentForm.parse({ framework: planId, priorityIds: school, aligned: '' }))
    const matrix = await alignment.matrix(viewer, planId)
    assert.deepEqual(
      matrix.rows.map((r) => [r.kind, r.aligned]),
      [
        ['outcome', [safe]],
        ['commitment', [school]],
      ],
    )
    assert.deepEqual(
      matrix.unserved.map((p) => p.id),
      [send],
    )
  })

  test('a change made since the form was opened is a conflict; a priority of another framework is refused', async () => {
    const alignment = alignmentService(db, externalFrameworkService(db))
    await assert.rejects(
      alignment.setAlignments(editor, 'outcome', outcome, alignmentForm.parse({ framework: planId, priorityIds: [], aligned: '' })),
      ConflictError,
    )
    const stray = (await db.selectFrom('external_priorities').select('id').where('framework_id', '!=', planId).executeTakeFirst())?.id ?? send
    await assert.rejects(
      alignment.setAlignments(
        editor,
        'outcome',
        outcome,
        alignmentForm.parse({ framework: planId, priorityIds: [stray === send ? '00000000-0000-4000-8000-000000000000' : stray], aligned: safe }),
      ),
      ValidationError,
    )
    assert.deepEqual((await alignment.matrix(viewer, planId)).rows[0]!.aligned, [safe])
  })

  test('another partnership’s outcome cannot be aligned', async () => {
    const alignment = alignmentService(db, externalFrameworkService(db))
    await assert.rejects(alignment.getForChange(outsider, 'outcome', outcome, planId), NotFoundError)
  })

  test('the page flags the unserved priority in words, and the CSV has the same matrix', async () => {
    const client = new TestClient(testing.app)
    await client.signIn(viewerEmail)
    const page = await client.get(`/alignment?framework=${planId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /No local outcome or commitment serves: Special Educational Needs and Disabilities\./)
    assert.match(page.body, /Not served/)
    assert.equal((page.body.match(/>Aligned</g) ?? []).length, 2)
    assert.doesNotMatch(page.body, /\/alignment\/outcomes\//, 'a viewer has no links to change alignments')
    const csv = await client.get(`/alignment.csv?framework=${planId}`)
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /text\/csv/)
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.deepEqual(lines, [
      'Type,Outcome or commitment,School Readiness,Safe children and young people,Special Educational Needs and Disabilities',
      'Outcome,Are safe and feel safe,,Aligned,',
      'Commitment,Every child will start school ready to learn.,Aligned,,',
    ])
  })

  test('the alignment form keeps the choice after an error and saves through the page', async () => {
    const client = new TestClient(testing.app)
    await client.signIn(editorEmail)
    const form = await client.get(`/alignment/commitments/${commitment}/edit?framework=${planId}`)
    assert.equal(form.statusCode, 200)
    const aligned = /name="aligned" value="([^"]*)"/.exec(form.body)![1]!
    const stale = await client.post(`/alignment/commitments/${commitment}/edit`, { framework: planId, priorityIds: [send], aligned: '' })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /changed by someone else/)
    const saved = await client.post(`/alignment/commitments/${commitment}/edit`, { framework: planId, priorityIds: [school, send], aligned })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, `/alignment?framework=${planId}`)
    assert.deepEqual((await alignmentService(db, externalFrameworkService(db)).matrix(viewer, planId)).unserved, [])
  })
})

describe('the public page', () => {
  test('shows the adopted framework only, never a draft', async () => {
    const client = new TestClient(testing.app)
    const draftOnly = await client.get('/p/aligned')
    assert.equal(draftOnly.statusCode, 200)
    assert.doesNotMatch(draftOnly.body, /Are safe and feel safe/)
    assert.doesNotMatch(draftOnly.body, /Our strategic framework/)

    const framework = frameworkService(db)
    const body = (
      await db
        .insertInto('bodies')
        .values({ partnership_id: partnershipId, name: 'Strategic Partnership Board', kind: 'strategic-partnership-board' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const v1 = (await framework.overview(viewer)).versions[0]!
    await framework.adopt(
      editor,
      v1.id,
      await frameworkVersion(v1.id),
      adoptionForm.parse({ 'adoptedOn-day': '30', 'adoptedOn-month': '6', 'adoptedOn-year': '2019', bodyId: body }),
    )
    const v2 = await framework.startNewDraft(editor, v1.id)
    await framework.addOutcome(editor, v2.id, v2.version, outcomeForm.parse({ title: 'A drafted outcome nobody has adopted' }))

    const adopted = await client.get('/p/aligned')
    assert.match(adopted.body, /Our strategic framework/)
    assert.match(adopted.body, /a place where children and young people thrive/)
    assert.match(adopted.body, /Are safe and feel safe/)
    assert.match(adopted.body, /adopted on 30 June 2019 by the Strategic Partnership Board/)
    assert.doesNotMatch(adopted.body, /A drafted outcome nobody has adopted/)
    assert.doesNotMatch(adopted.body, /href="\/outcomes\//, 'the public page does not link to signed-in pages')
  })
})
