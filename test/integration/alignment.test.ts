import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createMember, createPartnership } from '../support/fixtures.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import type { Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { externalFrameworkService } from '../../src/features/external-frameworks/service.ts'
import { externalFrameworkForm, priorityForm } from '../../src/features/external-frameworks/schema.ts'
import { alignmentService } from '../../src/features/alignment/service.ts'
import { alignmentForm } from '../../src/features/alignment/schema.ts'
import { frameworkService } from '../../src/features/framework/service.ts'
import { adoptionForm, commitmentForm, outcomeForm, versionDetailsForm } from '../../src/features/framework/schema.ts'

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

const gm = (title = 'Greater Manchester Children’s Plan') =>
  externalFrameworkForm.parse({ title, publisher: 'Greater Manchester Combined Authority', scope: 'regional', description: '', 'publishedOn-day': '', 'publishedOn-month': '', 'publishedOn-year': '' })
const frameworkVersion = async (id: string) => (await db.selectFrom('framework_versions').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

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
  outsider = (await createMember(db, otherPartnershipId, 'admin')).actor
})
after(() => testing.close())

let planId: string
let school: string
let send: string
let safe: string

describe('regional and national frameworks, shared by every partnership', () => {
  test('only admins add one; every partnership reads it and has the change in its audit trail', async () => {
    const frameworks = externalFrameworkService(db)
    await assert.rejects(frameworks.create(editor, gm()), ForbiddenError)
    const plan = await frameworks.create(admin, gm())
    planId = plan.id
    assert.equal((await frameworks.list(outsider)).current.some((f) => f.id === plan.id), true)
    const audited = await db.selectFrom('audit_events').select('partnership_id').where('entity_id', '=', plan.id).execute()
    assert.deepEqual(new Set(audited.map((a) => a.partnership_id)), new Set([partnershipId, otherPartnershipId]))
    await assert.rejects(frameworks.create(admin, gm('greater manchester children’s plan')), (error: unknown) => error instanceof ValidationError && /already a framework/.test(error.fields.title ?? ''))
  })

  test('priorities are added in order, moved, archived and restored', async () => {
    const frameworks = externalFrameworkService(db)
    school = (await frameworks.addPriority(admin, planId, priorityForm.parse({ title: 'School Readiness', description: 'The best start in life' }))).id
    send = (await frameworks.addPriority(admin, planId, priorityForm.parse({ title: 'Special Educational Needs and Disabilities' }))).id
    safe = (await frameworks.addPriority(admin, planId, priorityForm.parse({ title: 'Safe children and young people' }))).id
    const version = async (id: string) => (await db.selectFrom('external_priorities').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
    await frameworks.movePriority(admin, safe, await version(safe), 'up')
    assert.deepEqual((await frameworks.get(viewer, planId)).priorities.map((p) => p.title), ['School Readiness', 'Safe children and young people', 'Special Educational Needs and Disabilities'])
    await assert.rejects(frameworks.movePriority(admin, safe, 1, 'down'), ConflictError)
    const extra = await frameworks.addPriority(admin, planId, priorityForm.parse({ title: 'Temporary' }))
    await frameworks.setPriorityArchived(admin, extra.id, extra.version, 'archive')
    const page = await frameworks.get(viewer, planId)
    assert.deepEqual(page.archivedPriorities.map((p) => p.title), ['Temporary'])
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

describe('the alignment matrix', () => {
  let outcome: string
  let commitment: string

  before(async () => {
    const framework = frameworkService(db)
    const v1 = await framework.startFirstDraft(editor, versionDetailsForm.parse({ title: 'Framework', ambition: 'a place where children and young people thrive', introduction: '' }))
    outcome = await framework.addOutcome(editor, v1.id, v1.version, outcomeForm.parse({ title: 'Are safe and feel safe' }))
    commitment = await framework.addCommitment(editor, v1.id, await frameworkVersion(v1.id), commitmentForm.parse({ text: 'Every child will start school ready to learn.', outcomeIds: outcome }))
  })

  test('editors set the priorities an outcome or commitment serves; what nothing serves is listed', async () => {
    const alignment = alignmentService(db, externalFrameworkService(db))
    await assert.rejects(alignment.setAlignments(viewer, 'outcome', outcome, alignmentForm.parse({ framework: planId, priorityIds: [safe], aligned: '' })), ForbiddenError)
    await alignment.setAlignments(editor, 'outcome', outcome, alignmentForm.parse({ framework: planId, priorityIds: [safe], aligned: '' }))
    await alignment.setAlignments(editor, 'commitment', commitment, alignmentForm.parse({ framework: planId, priorityIds: school, aligned: '' }))
    const matrix = await alignment.matrix(viewer, planId)
    assert.deepEqual(matrix.rows.map((r) => [r.kind, r.aligned]), [['outcome', [safe]], ['commitment', [school]]])
    assert.deepEqual(matrix.unserved.map((p) => p.id), [send])
  })

  test('a change made since the form was opened is a conflict; a priority of another framework is refused', async () => {
    const alignment = alignmentService(db, externalFrameworkService(db))
    await assert.rejects(alignment.setAlignments(editor, 'outcome', outcome, alignmentForm.parse({ framework: planId, priorityIds: [], aligned: '' })), ConflictError)
    const stray = (await db.selectFrom('external_priorities').select('id').where('framework_id', '!=', planId).executeTakeFirst())?.id ?? send
    await assert.rejects(alignment.setAlignments(editor, 'outcome', outcome, alignmentForm.parse({ framework: planId, priorityIds: [stray === send ? '00000000-0000-4000-8000-000000000000' : stray], aligned: safe })), ValidationError)
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
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n')
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
    const body = (await db.insertInto('bodies').values({ partnership_id: partnershipId, name: 'Strategic Partnership Board', kind: 'strategic-partnership-board' }).returning('id').executeTakeFirstOrThrow()).id
    const v1 = (await framework.overview(viewer)).versions[0]!
    await framework.adopt(editor, v1.id, await frameworkVersion(v1.id), adoptionForm.parse({ 'adoptedOn-day': '30', 'adoptedOn-month': '6', 'adoptedOn-year': '2019', bodyId: body }))
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
