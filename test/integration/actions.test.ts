import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ForbiddenError } from '../../src/platform/errors.ts'
import { actionService } from '../../src/governance/actions/service.ts'
import { meetingService } from '../../src/governance/meetings/service.ts'
import { meetingForm } from '../../src/governance/meetings/schema.ts'

let database: DatabaseHandle
let partnershipId: string
let editor: Actor
let owner: Actor
let body: string
let ownerPerson: string

before(async () => {
  database = await testDatabase()
  const db = database.db
  partnershipId = (await createPartnership(db, 'actions')).id
  editor = (await createMember(db, partnershipId, 'editor')).actor
  const o = await createMember(db, partnershipId, 'viewer')
  owner = o.actor
  body = (
    await db
      .insertInto('bodies')
      .values({ partnership_id: partnershipId, name: 'Changing for Children Board', kind: 'strategic-partnership-board' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  ownerPerson = (
    await db
      .insertInto('people')
      .values({
        partnership_id: partnershipId,
        name: null,
        role_title: 'Lead officer',
        job_title: null,
        organisation_id: null,
        email: null,
        user_id: o.user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
})
after(() => database.close())

describe('the action log', () => {
  test('an action from an agenda item takes the meeting’s body, and the overdue filter finds it once its date has passed', async () => {
    const meetings = meetingService(database.db)
    const actions = actionService(database.db)
    const meeting = await meetings.create(editor, meetingForm.parse({ bodyId: body, day: '29', month: '1', year: '2019', time: '14:00' }))
    const item = await meetings.addItem(editor, meeting.id, { title: 'Workshops', presenterId: null, purpose: 'decision', report: '' })
    const created = await actions.create(editor, {
      bodyId: '00000000-0000-4000-8000-000000000000',
      meetingId: null,
      agendaItemId: item.id,
      description: 'Arrange workshop 1',
      ownerId: ownerPerson,
      dueOn: '2019-02-07',
    })
    assert.deepEqual([created.body_id, created.meeting_id, created.agenda_item_id], [body, meeting.id, item.id])
    assert.equal((await actions.list(editor, { status: 'outstanding', body, overdue: 'yes' }, '2019-02-07')).length, 0)
    assert.deepEqual(
      (await actions.list(editor, { status: 'outstanding', body, overdue: 'yes' }, '2019-02-08')).map((a) => a.id),
      [created.id],
    )
  })

  test('an update records a dated note and moves the status; done actions leave the overdue list and my work', async () => {
    const actions = actionService(database.db)
    const created = await actions.create(editor, {
      bodyId: body,
      meetingId: null,
      agendaItemId: null,
      description: 'Report back',
      ownerId: ownerPerson,
      dueOn: '2019-01-01',
    })
    assert.ok((await actions.mine(owner, '2019-03-01')).some((a) => a.id === created.id))
    await actions.addUpdate(editor, created.id, created.version, { note: 'Reported in March', status: 'done' })
    const page = await actions.page(editor, created.id)
    assert.equal(page.action.status, 'done')
    assert.deepEqual(
      page.updates.map((u) => [u.note, u.status, u.author_label]),
      [['Reported in March', 'done', editor.label]],
    )
    assert.ok(!(await actions.mine(owner, '2019-03-01')).some((a) => a.id === created.id))
    await assert.rejects(actions.addUpdate(editor, created.id, created.version, { note: 'again', status: 'open' }), /changed by someone else/)
  })

  test('my work lists overdue actions first', async () => {
    const actions = actionService(database.db)
    const later = await actions.create(editor, {
      bodyId: body,
      meetingId: null,
      agendaItemId: null,
      description: 'Due later',
      ownerId: ownerPerson,
      dueOn: '2030-01-01',
    })
    const late = await actions.create(editor, {
      bodyId: body,
      meetingId: null,
      agendaItemId: null,
      description: 'Already late',
      ownerId: ownerPerson,
      dueOn: '2019-02-01',
    })
    const mine = (await actions.mine(owner, '2020-01-01')).map((a) => a.id)
    assert.ok(mine.indexOf(late.id) < mine.indexOf(later.id))
  })

  test('a viewer cannot add actions or updates', async () => {
    const actions = actionService(database.db)
    await assert.rejects(
      actions.create(owner, { bodyId: body, meetingId: null, agendaItemId: null, description: 'x', ownerId: null, dueOn: null }),
      ForbiddenError,
    )
  })
})
