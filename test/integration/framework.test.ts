import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createMember, createPartnership } from '../support/fixtures.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import type { Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { frameworkService, ReadOnlyVersionError } from '../../src/strategy/framework/service.ts'
import { currentCommitments, currentFramework, currentOutcomes } from '../../src/strategy/framework/current.ts'
import { adoptionForm, commitmentForm, consultationForm, outcomeForm, versionDetailsForm } from '../../src/strategy/framework/schema.ts'

let testing: TestApp
let db: Db
let partnershipId: string
let editor: Actor
let viewer: Actor
let outsider: Actor
let board: string
let editorEmail: string
let viewerEmail: string

const details = (title = 'Children and Young People’s Strategic Framework') =>
  versionDetailsForm.parse({ title, ambition: 'a place where children and young people thrive', introduction: '' })
const version = async (id: string) => (await db.selectFrom('framework_versions').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
const auditCount = async () => (await db.selectFrom('audit_events').select('id').where('partnership_id', '=', partnershipId).execute()).length

before(async () => {
  testing = await testApp()
  db = testing.database.db
  partnershipId = (await createPartnership(db, 'framework')).id
  const e = await createMember(db, partnershipId, 'editor')
  editor = e.actor
  editorEmail = e.user.email
  const v = await createMember(db, partnershipId, 'viewer')
  viewer = v.actor
  viewerEmail = v.user.email
  const otherId = (await createPartnership(db, 'elsewhere')).id
  outsider = (await createMember(db, otherId, 'admin')).actor
  board = (
    await db
      .insertInto('bodies')
      .values({ partnership_id: partnershipId, name: 'Children and Young People’s Strategic Partnership Board', kind: 'strategic-partnership-board' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
})
after(() => testing.close())

describe('the framework service', () => {
  let v1: string
  let safe: string
  let healthy: string

  test('a viewer cannot start a framework; an editor drafts version 1 with outcomes and commitments, and only once', async () => {
    const framework = frameworkService(db)
    await assert.rejects(framework.startFirstDraft(viewer, details()), ForbiddenError)
    const created = await framework.startFirstDraft(editor, details())
    v1 = created.id
    assert.equal(created.number, 1)
    assert.equal(created.stage, 'draft')
    await assert.rejects(framework.startFirstDraft(editor, details('Another')), ValidationError)

    safe = await framework.addOutcome(editor, v1, await version(v1), outcomeForm.parse({ title: 'Are safe and feel safe' }))
    healthy = await framework.addOutcome(editor, v1, await version(v1), outcomeForm.parse({ title: 'Are as healthy as they can be' }))
    await framework.addCommitment(editor, v1, await version(v1), commitmentForm.parse({ text: 'Every child will be offered protection.', outcomeIds: safe }))
    await framework.addCommitment(editor, v1, await version(v1), commitmentForm.parse({ text: 'Every child will be heard.' }))
    const page = await framework.version(viewer, v1)
    assert.deepEqual(
      page.content.outcomes.map((o) => [o.title, o.position]),
      [
        ['Are safe and feel safe', 1],
        ['Are as healthy as they can be', 2],
      ],
    )
    assert.deepEqual(page.content.commitments[0]!.outcomeIds, [safe])
    assert.deepEqual(
      page.unserved.map((c) => c.text),
      ['Every child will be heard.'],
    )
    // Before anything is adopted, the draft is what other capabilities link to.
    assert.equal((await currentFramework(db, partnershipId))?.id, v1)
  })

  test('a commitment can serve only outcomes of its own version', async () => {
    const framework = frameworkService(db)
    const other = '00000000-0000-4000-8000-000000000000'
    await assert.rejects(framework.addCommitment(editor, v1, await version(v1), commitmentForm.parse({ text: 'Stray', outcomeIds: [other] })), ValidationError)
  })

  test('a stale version number is a conflict and changes nothing', async () => {
    const framework = frameworkService(db)
    const stale = (await version(v1)) - 1
    const before = await auditCount()
    await assert.rejects(framework.updateOutcome(editor, v1, safe, stale, outcomeForm.parse({ title: 'Lost update' })), ConflictError)
    assert.equal(await auditCount(), before)
    assert.equal((await framework.version(viewer, v1)).content.outcomes[0]!.title, 'Are safe and feel safe')
  })

  test('moving and removing keep positions in order', async () => {
    const framework = frameworkService(db)
    await framework.move(editor, v1, 'outcomes', healthy, await version(v1), 'up')
    assert.deepEqual(
      (await framework.version(viewer, v1)).content.outcomes.map((o) => o.id),
      [healthy, safe],
    )
    const extra = await framework.addOutcome(editor, v1, await version(v1), outcomeForm.parse({ title: 'Temporary' }))
    await framework.move(editor, v1, 'outcomes', extra, await version(v1), 'up')
    await framework.remove(editor, v1, 'outcomes', extra, await version(v1))
    const outcomes = (await framework.version(viewer, v1)).content.outcomes
    assert.deepEqual(
      outcomes.map((o) => [o.id, o.position]),
      [
        [healthy, 1],
        [safe, 2],
      ],
    )
    await framework.move(editor, v1, 'outcomes', safe, await version(v1), 'up')
  })

  test('consultation, then adoption by a body of the partnership; adopted versions refuse every edit', async () => {
    const framework = frameworkService(db)
    await framework.consult(
      editor,
      v1,
      await version(v1),
      consultationForm.parse({
        'startsOn-day': '7',
        'startsOn-month': '2',
        'startsOn-year': '2019',
        'endsOn-day': '29',
        'endsOn-month': '3',
        'endsOn-year': '2019',
      }),
    )
    await assert.rejects(
      framework.adopt(
        editor,
        v1,
        await version(v1),
        adoptionForm.parse({ 'adoptedOn-day': '1', 'adoptedOn-month': '1', 'adoptedOn-year': '2019', bodyId: board }),
      ),
      (error: unknown) => error instanceof ValidationError && /on or after the consultation started/.test(error.fields.adoptedOn ?? ''),
    )
    const adopted = await framework.adopt(
      editor,
      v1,
      await version(v1),
      adoptionForm.parse({ 'adoptedOn-day': '30', 'adoptedOn-month': '6', 'adoptedOn-year': '2019', bodyId: board }),
    )
    assert.equal(adopted.stage, 'adopted')
    assert.equal(adopted.adopted_by_id, board)
    await assert.rejects(framework.updateDetails(editor, v1, await version(v1), details('Changed')), ReadOnlyVersionError)
    await assert.rejects(
      framework.addOutcome(editor, v1, await version(v1), outcomeForm.parse({ title: 'Late' })),
      /Version 1 is adopted and cannot be changed/,
    )
  })

  test('a new draft copies the adopted version with the same identities; adopting it supersedes version 1', async () => {
    const framework = frameworkService(db)
    const v2 = await framework.startNewDraft(editor, v1)
    assert.equal(v2.number, 2)
    await assert.rejects(framework.startNewDraft(editor, v1), /still being drafted/)
    const copy = await framework.version(viewer, v2.id)
    assert.deepEqual(
      copy.content.outcomes.map((o) => o.id),
      [safe, healthy],
    )
    assert.deepEqual(copy.content.commitments[0]!.outcomeIds, [safe])
    assert.equal(copy.changes.unchanged, true)
    // The adopted version stays in force while version 2 is drafted.
    assert.equal((await currentFramework(db, partnershipId))?.id, v1)

    await framework.updateOutcome(
      editor,
      v2.id,
      healthy,
      await version(v2.id),
      outcomeForm.parse({ title: 'Are as healthy as they can be, including emotionally and mentally' }),
    )
    const changed = await framework.version(viewer, v2.id)
    assert.deepEqual(
      changed.changes.outcomes.reworded.map((r) => [r.before.title, r.after.title]),
      [['Are as healthy as they can be', 'Are as healthy as they can be, including emotionally and mentally']],
    )
    assert.equal((await currentOutcomes(db, partnershipId))[1]!.title, 'Are as healthy as they can be', 'the wording in force is unchanged until adoption')

    await framework.adopt(
      editor,
      v2.id,
      await version(v2.id),
      adoptionForm.parse({ 'adoptedOn-day': '1', 'adoptedOn-month': '4', 'adoptedOn-year': '2020', bodyId: board }),
    )
    const stages = await db.selectFrom('framework_versions').select(['number', 'stage']).where('partnership_id', '=', partnershipId).orderBy('number').execute()
    assert.deepEqual(stages, [
      { number: 1, stage: 'superseded' },
      { number: 2, stage: 'adopted' },
    ])
    assert.equal((await currentOutcomes(db, partnershipId))[1]!.title, 'Are as healthy as they can be, including emotionally and mentally')
    assert.equal((await currentCommitments(db, partnershipId)).length, 2)
  })

  test('another partnership cannot see or change the framework', async () => {
    const framework = frameworkService(db)
    await assert.rejects(framework.version(outsider, v1), NotFoundError)
    assert.equal((await framework.overview(outsider)).versions.length, 0)
  })
})

describe('the framework pages', () => {
  test('a viewer sees the framework in force and every version, with no way to change them', async () => {
    const client = new TestClient(testing.app)
    await client.signIn(viewerEmail)
    const page = await client.get('/framework')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /a place where children and young people thrive/)
    assert.match(page.body, /Version 2/)
    assert.match(page.body, /Superseded/)
    assert.match(page.body, /href="\/outcomes\//)
    assert.doesNotMatch(page.body, /Start a new draft/)
    assert.equal((await client.get('/framework/new')).statusCode, 403)
  })

  test('an editor’s bad form keeps what was typed; an edit to an adopted version is refused with a clear message', async () => {
    const client = new TestClient(testing.app)
    await client.signIn(editorEmail)
    const adopted = await db
      .selectFrom('framework_versions')
      .select(['id', 'version'])
      .where('partnership_id', '=', partnershipId)
      .where('stage', '=', 'adopted')
      .executeTakeFirstOrThrow()
    const refused = await client.post(`/framework/versions/${adopted.id}/edit`, {
      title: 'X',
      ambition: 'Y',
      introduction: '',
      version: String(adopted.version),
    })
    assert.equal(refused.statusCode, 409)
    assert.match(refused.body, /Version 2 is adopted and cannot be changed/)

    const redraft = await client.post(`/framework/versions/${adopted.id}/new-draft`, {})
    assert.equal(redraft.statusCode, 303)
    const v3 = String(redraft.headers.location).split('/').pop()!
    const bad = await client.post(`/framework/versions/${v3}/outcomes/new`, { title: '', description: 'Kept text', version: String(await version(v3)) })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter the outcome/)
    assert.match(bad.body, /Kept text/)
    const badDates = await client.post(`/framework/versions/${v3}/consult`, {
      'startsOn-day': '10',
      'startsOn-month': '2',
      'startsOn-year': '2021',
      'endsOn-day': '1',
      'endsOn-month': '2',
      'endsOn-year': '2021',
      version: String(await version(v3)),
    })
    assert.equal(badDates.statusCode, 400)
    assert.match(badDates.body, /must be on or after the date it starts/)
    const saved = await client.post(`/framework/versions/${v3}/edit`, {
      title: 'Version three',
      ambition: 'a place where children and young people thrive',
      introduction: '',
      version: '1',
    })
    assert.equal(saved.statusCode, 303)
    const stale = await client.post(`/framework/versions/${v3}/edit`, { title: 'Stale', ambition: 'Stale', introduction: '', version: '1' })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /changed by someone else/)
    assert.match(stale.body, /value="Stale"/)
    const page = await client.get(`/framework/versions/${v3}`)
    assert.match(page.body, /No outcome or commitment has been added, removed or reworded since/)
  })
})
