import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { KyselyPlugin } from 'kysely'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ForbiddenError, ValidationError } from '../../src/platform/errors.ts'
import { meetingService } from '../../src/governance/meetings/service.ts'
import { meetingForm } from '../../src/governance/meetings/schema.ts'
import { londonToday } from '../../src/platform/dates/index.ts'

let database: DatabaseHandle
let partnershipId: string
let editor: Actor
let viewer: Actor
let contributor: Actor
let hwb: string
let chairPerson: string
let others: string[]

const meetingInput = (bodyId: string) => meetingForm.parse({ bodyId, day: '29', month: '1', year: '2019', time: '14:00', location: 'Civic Centre' })

before(async () => {
  database = await testDatabase()
  const db = database.db
  partnershipId = (await createPartnership(db, 'meetings')).id
  editor = (await createMember(db, partnershipId, 'editor')).actor
  viewer = (await createMember(db, partnershipId, 'viewer')).actor
  const c = await createMember(db, partnershipId, 'contributor')
  contributor = c.actor
  hwb = (
    await db
      .insertInto('bodies')
      .values({ partnership_id: partnershipId, name: 'Health and Wellbeing Board', kind: 'health-and-wellbeing-board' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  chairPerson = (
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
  others = []
  for (const role of ['Director of Children’s Services', 'Chief Officer CCG', 'Police Commander']) {
    others.push(
      (
        await db
          .insertInto('people')
          .values({ partnership_id: partnershipId, name: null, role_title: role, job_title: null, organisation_id: null, email: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    )
  }
  await db
    .insertInto('terms_of_reference')
    .values({ partnership_id: partnershipId, body_id: hwb, version_number: 1, quorum: 2, created_by_label: 'test' })
    .execute()
  await db
    .insertInto('terms_of_reference')
    .values({ partnership_id: partnershipId, body_id: hwb, version_number: 2, quorum: 3, created_by_label: 'test' })
    .execute()
})
after(() => database.close())

describe('meetings', () => {
  test('a meeting is scheduled at London time, with its agenda, recommendations and decisions, each change audited', async () => {
    const meetings = meetingService(database.db)
    const meeting = await meetings.create(editor, meetingInput(hwb))
    assert.equal(meeting.starts_at.toISOString(), '2019-01-29T14:00:00.000Z')
    const item = await meetings.addItem(editor, meeting.id, {
      title: 'Establishment of the Strategic Partnership',
      presenterId: others[0]!,
      purpose: 'decision',
      report: 'The report',
    })
    const second = await meetings.addItem(editor, meeting.id, { title: 'Any other business', presenterId: null, purpose: 'information', report: '' })
    assert.deepEqual([item.position, second.position], [1, 2])
    const { recommendation } = await meetings.addRecommendation(editor, item.id, { label: 'a)', text: 'approve the approach' })
    await meetings.decide(editor, recommendation.id, recommendation.version, { decision: 'approved', decisionText: '' })

    const page = await meetings.page(editor, meeting.id)
    assert.deepEqual(
      page.items.map((i) => i.title),
      ['Establishment of the Strategic Partnership', 'Any other business'],
    )
    assert.equal(page.items[0]!.recommendations[0]!.decision, 'approved')
    const audit = await database.db.selectFrom('audit_events').select('entity_type').where('partnership_id', '=', partnershipId).execute()
    assert.deepEqual(new Set(audit.map((a) => a.entity_type)), new Set(['meeting', 'agenda-item', 'recommendation']))
  })

  test('items reorder by swapping with a neighbour, and one with a decision cannot be removed', async () => {
    const meetings = meetingService(database.db)
    const meeting = await meetings.create(editor, meetingInput(hwb))
    const a = await meetings.addItem(editor, meeting.id, { title: 'A', presenterId: null, purpose: 'noting', report: '' })
    const b = await meetings.addItem(editor, meeting.id, { title: 'B', presenterId: null, purpose: 'noting', report: '' })
    await meetings.moveItem(editor, b.id, 'up')
    assert.deepEqual(
      (await meetings.page(editor, meeting.id)).items.map((i) => i.title),
      ['B', 'A'],
    )
    const { recommendation } = await meetings.addRecommendation(editor, a.id, { label: 'a)', text: 'note' })
    await meetings.decide(editor, recommendation.id, recommendation.version, { decision: 'noted', decisionText: '' })
    await assert.rejects(meetings.removeItem(editor, a.id), ValidationError)
    await meetings.removeItem(editor, b.id)
    const left = (await meetings.page(editor, meeting.id)).items
    assert.deepEqual(
      left.map((i) => [i.title, i.position]),
      [['A', 1]],
    )
  })

  test('quorate only when present plus substitutes reach the latest terms of reference’s quorum', async () => {
    const meetings = meetingService(database.db)
    const meeting = await meetings.create(editor, meetingInput(hwb))
    await meetings.recordAttendance(editor, meeting.id, { personId: others[0]!, status: 'present', substituteForId: null })
    await meetings.recordAttendance(editor, meeting.id, { personId: others[1]!, status: 'apologies', substituteForId: null })
    await meetings.recordAttendance(editor, meeting.id, { personId: others[2]!, status: 'substitute', substituteForId: others[1]! })
    assert.deepEqual((await meetings.page(editor, meeting.id)).quoracy, { kind: 'inquorate', counted: 2, quorum: 3 })
    await meetings.recordAttendance(editor, meeting.id, { personId: chairPerson, status: 'present', substituteForId: null })
    assert.deepEqual((await meetings.page(editor, meeting.id)).quoracy, { kind: 'quorate', counted: 3, quorum: 3 })
  })

  test('viewers cannot schedule; a contributor can only once they chair the body', async () => {
    const meetings = meetingService(database.db)
    await assert.rejects(meetings.create(viewer, meetingInput(hwb)), ForbiddenError)
    await assert.rejects(meetings.create(contributor, meetingInput(hwb)), ForbiddenError)
    // The check made before a form is read: refused until the contributor chairs or leads some body.
    await assert.rejects(meetings.assertMayChangeSome(viewer), ForbiddenError)
    await assert.rejects(meetings.assertMayChangeSome(contributor), ForbiddenError)
    await meetings.assertMayChangeSome(editor)
    await database.db.insertInto('body_members').values({ partnership_id: partnershipId, body_id: hwb, person_id: chairPerson, role: 'member' }).execute()
    await assert.rejects(meetings.create(contributor, meetingInput(hwb)), ForbiddenError)
    await assert.rejects(meetings.assertMayChangeSome(contributor), ForbiddenError)
    await database.db.insertInto('body_members').values({ partnership_id: partnershipId, body_id: hwb, person_id: chairPerson, role: 'chair' }).execute()
    await meetings.assertMayChangeSome(contributor)
    const meeting = await meetings.create(contributor, meetingInput(hwb))
    assert.equal(meeting.body_id, hwb)

    // A membership's end date is its first day off the body, here as on the body's own pages.
    await database.db.updateTable('body_members').set({ ends_on: londonToday() }).where('person_id', '=', chairPerson).execute()
    await assert.rejects(meetings.create(contributor, meetingInput(hwb)), ForbiddenError)
    await assert.rejects(meetings.assertMayChangeSome(contributor), ForbiddenError)
    await database.db.updateTable('body_members').set({ ends_on: null }).where('person_id', '=', chairPerson).execute()
  })

  test('an edit from a stale version is refused rather than overwriting', async () => {
    const meetings = meetingService(database.db)
    const meeting = await meetings.create(editor, meetingInput(hwb))
    await meetings.update(editor, meeting.id, meeting.version, { ...meetingInput(hwb), location: 'Room 1' })
    await assert.rejects(meetings.update(editor, meeting.id, meeting.version, { ...meetingInput(hwb), location: 'Room 2' }), /changed by someone else/)
  })

  test('the meeting page takes the same number of queries for 3 items as for 30 (no query per row)', async () => {
    let queries = 0
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries++
        return args.node
      },
      transformResult: async (args) => args.result,
    }
    const meetings = meetingService(database.db.withPlugin(counting))
    const count = async (items: number) => {
      const meeting = await meetings.create(editor, meetingInput(hwb))
      for (let i = 0; i < items; i++) {
        const item = await meetings.addItem(editor, meeting.id, { title: `Item ${i}`, presenterId: others[i % 3]!, purpose: 'decision', report: '' })
        await meetings.addRecommendation(editor, item.id, { label: 'a)', text: 'approve' })
        await meetings.addRecommendation(editor, item.id, { label: 'b)', text: 'note' })
      }
      for (const person of others) await meetings.recordAttendance(editor, meeting.id, { personId: person, status: 'present', substituteForId: null })
      queries = 0
      const page = await meetings.page(editor, meeting.id)
      assert.equal(page.items.length, items)
      return queries
    }
    const few = await count(3)
    const many = await count(30)
    assert.equal(many, few)
    assert.ok(few < 20, `${few} queries`)
  })
})
