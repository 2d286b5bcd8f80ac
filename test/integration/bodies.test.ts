import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { bodyService, type BodyService } from '../../src/governance/bodies/service.ts'
import type { BodyInput, MemberInput } from '../../src/governance/bodies/schema.ts'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

function input(name: string, changes: Partial<BodyInput> = {}): BodyInput {
  return { name, shortName: null, kind: 'strategic-partnership-board', purpose: '', accountableToId: null, establishedOn: null, ...changes }
}

function member(personId: string, changes: Partial<MemberInput> = {}): MemberInput {
  return { personId, role: 'member', representingId: null, startsOn: null, endsOn: null, ...changes }
}

async function rejectsWith(promise: Promise<unknown>, fields: Record<string, string>) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ValidationError, String(error))
    assert.deepEqual(error.fields, fields)
    return true
  })
}

describe('bodies and their members, against a real database', () => {
  let database: DatabaseHandle
  let db: Db
  let bodies: BodyService
  let editor: Actor
  let viewer: Actor
  let contributor: Actor
  let otherEditor: Actor
  let council: string
  let police: string
  let cabinetMember: string
  let chiefSuper: string

  before(async () => {
    database = await testDatabase()
    db = database.db
    bodies = bodyService(db)
    const oldham = await createPartnership(db, 'oldham')
    const rochdale = await createPartnership(db, 'rochdale')
    editor = (await createMember(db, oldham.id, 'editor')).actor
    viewer = (await createMember(db, oldham.id, 'viewer')).actor
    contributor = (await createMember(db, oldham.id, 'contributor')).actor
    otherEditor = (await createMember(db, rochdale.id, 'editor')).actor
    const org = (name: string, sector: 'local-authority' | 'police' | 'nhs') =>
      db.insertInto('organisations').values({ partnership_id: oldham.id, name, sector, is_statutory: true }).returning('id').executeTakeFirstOrThrow()
    council = (await org('Oldham Council', 'local-authority')).id
    police = (await org('Greater Manchester Police', 'police')).id
    await org('NHS Oldham CCG', 'nhs')
    const person = (roleTitle: string, organisation_id: string, user_id: string | null = null) =>
      db.insertInto('people').values({ partnership_id: oldham.id, role_title: roleTitle, organisation_id, user_id }).returning('id').executeTakeFirstOrThrow()
    // The contributor's own person record, through which they may chair a body.
    cabinetMember = (await person('Cabinet Member for Children’s Services', council, contributor.userId)).id
    chiefSuper = (await person('Chief Superintendent', police)).id
  })

  after(() => database.close())

  test('adding a body saves it with one audit row; its name must be unique in the partnership', async () => {
    const hwb = await bodies.create(editor, input('Health and Wellbeing Board', { kind: 'health-and-wellbeing-board', establishedOn: '2013-04-01' }))
    assert.equal(hwb.version, 1)
    assert.equal(hwb.established_on, '2013-04-01')
    const audit = await db.selectFrom('audit_events').selectAll().where('entity_id', '=', hwb.id).execute()
    assert.deepEqual(
      audit.map((a) => [a.action, a.entity_type, a.summary]),
      [['create', 'body', 'Added body ‘Health and Wellbeing Board’']],
    )
    await rejectsWith(bodies.create(editor, input('health and wellbeing board')), { name: 'A body called ‘Health and Wellbeing Board’ already exists' })
  })

  test('accountability lines cannot go round in a circle, and must point at a body of this partnership', async () => {
    const top = await bodies.create(editor, input('Top board'))
    const middle = await bodies.create(editor, input('Middle group', { accountableToId: top.id }))
    const bottom = await bodies.create(editor, input('Bottom group', { accountableToId: middle.id }))
    await rejectsWith(bodies.update(editor, top.id, top.version, input('Top board', { accountableToId: bottom.id })), {
      accountableToId: 'Bottom group reports to this body already, so this body cannot be accountable to it',
    })
    const rochdaleBoard = await bodies.create(otherEditor, input('Rochdale board'))
    await rejectsWith(bodies.create(editor, input('Stray group', { accountableToId: rochdaleBoard.id })), { accountableToId: 'Select a body from the list' })
    const moved = await bodies.update(editor, bottom.id, bottom.version, input('Bottom group', { accountableToId: top.id }))
    assert.equal(moved.accountable_to_id, top.id)
    assert.equal(moved.version, 2)
  })

  test('a stale edit is refused with a conflict, not saved over the newer one', async () => {
    const body = await bodies.create(editor, input('JSNA sub-group', { kind: 'sub-group' }))
    await bodies.update(editor, body.id, 1, input('JSNA sub-group', { kind: 'sub-group', purpose: 'Oversees the JSNA' }))
    await assert.rejects(bodies.update(editor, body.id, 1, input('JSNA sub-group', { kind: 'working-group' })), ConflictError)
    assert.equal((await bodies.get(editor, body.id)).purpose, 'Oversees the JSNA')
  })

  test('ending a body records the date and what superseded it; the structure as it stood shows each in its time', async () => {
    const bestStart = await bodies.create(editor, input('Best Start in Life Partnership', { establishedOn: '2016-04-01' }))
    const spb = await bodies.create(editor, input('Strategic Partnership Board', { establishedOn: '2019-03-01' }))
    await rejectsWith(bodies.end(editor, bestStart.id, 1, { endedOn: '2015-01-01', supersededById: null }), {
      endedOn: 'Date it ended must be on or after the date it was established',
    })
    await rejectsWith(bodies.end(editor, bestStart.id, 1, { endedOn: '2019-03-01', supersededById: bestStart.id }), {
      supersededById: 'Select a body from the list',
    })
    const ended = await bodies.end(editor, bestStart.id, 1, { endedOn: '2019-03-01', supersededById: spb.id })
    assert.equal(ended.ended_on, '2019-03-01')
    const names = async (on: string) => (await bodies.structure(viewer, on)).map((b) => b.name).filter((n) => /Best Start|Strategic/.test(n))
    assert.deepEqual(await names('2019-02-28'), ['Best Start in Life Partnership'])
    assert.deepEqual(await names('2019-03-01'), ['Strategic Partnership Board'])
    const page = await bodies.page(viewer, spb.id)
    assert.deepEqual(
      page.supersedes.map((b) => b.name),
      ['Best Start in Life Partnership'],
    )
    assert.deepEqual(
      (await bodies.list(viewer, { status: 'ended' })).map((b) => b.name),
      ['Best Start in Life Partnership'],
    )
  })

  test('members: the organisation represented defaults to the person’s own, and partner sectors present and missing are worked out', async () => {
    const board = await bodies.create(editor, input('Coverage board'))
    await bodies.addMember(editor, board.id, member(cabinetMember, { role: 'chair' }))
    let page = await bodies.page(viewer, board.id)
    assert.equal(page.byRole[0]?.members[0]?.representingName, 'Oldham Council')
    assert.deepEqual(page.coverage, { represented: ['local-authority'], missing: ['nhs', 'police'] })
    const added = await bodies.addMember(editor, board.id, member(chiefSuper, { startsOn: '2019-01-01' }))
    page = await bodies.page(viewer, board.id)
    assert.deepEqual(
      page.byRole.map((g) => [g.role, g.members.length]),
      [
        ['chair', 1],
        ['member', 1],
      ],
    )
    assert.deepEqual(page.coverage.missing, ['nhs'])

    await bodies.updateMember(editor, board.id, added.id, 1, member(chiefSuper, { startsOn: '2019-01-01', endsOn: '2020-01-01' }))
    page = await bodies.page(viewer, board.id)
    assert.deepEqual(page.coverage.missing, ['nhs', 'police'], 'an ended membership no longer counts')
    assert.deepEqual(
      page.past.map((m) => m.person_id),
      [chiefSuper],
    )
    await assert.rejects(bodies.updateMember(editor, board.id, added.id, 1, member(chiefSuper)), ConflictError)
    const audit = await db.selectFrom('audit_events').select('summary').where('entity_id', '=', added.id).orderBy('id').execute()
    assert.deepEqual(
      audit.map((a) => a.summary),
      ['Added a member to ‘Coverage board’', 'Ended a member’s membership of ‘Coverage board’'],
    )

    const sitsOn = await bodies.personBodies(viewer, cabinetMember)
    assert.deepEqual(
      sitsOn.map((m) => [m.bodyName, m.role]),
      [['Coverage board', 'chair']],
    )
  })

  test('contributors change only the bodies they chair or lead; viewers change nothing; only editors add or archive', async () => {
    const chaired = await bodies.create(editor, input('Board the contributor chairs'))
    const other = await bodies.create(editor, input('Board the contributor does not chair'))
    await bodies.addMember(editor, chaired.id, member(cabinetMember, { role: 'chair' }))
    await bodies.addMember(editor, other.id, member(cabinetMember, { role: 'vice-chair' }))

    const saved = await bodies.update(contributor, chaired.id, 1, input('Board the contributor chairs', { purpose: 'Set by the chair' }))
    assert.equal(saved.purpose, 'Set by the chair')
    await bodies.addMember(contributor, chaired.id, member(chiefSuper))
    await assert.rejects(bodies.update(contributor, other.id, 1, input('Board the contributor does not chair')), ForbiddenError)
    await assert.rejects(bodies.addMember(contributor, other.id, member(chiefSuper)), ForbiddenError)
    await assert.rejects(bodies.end(contributor, other.id, 1, { endedOn: '2020-01-01', supersededById: null }), ForbiddenError)
    await assert.rejects(bodies.archive(contributor, chaired.id, saved.version), ForbiddenError)
    await assert.rejects(bodies.create(contributor, input('Contributor’s own board')), ForbiddenError)
    await assert.rejects(bodies.update(viewer, other.id, 1, input('Board the contributor does not chair')), ForbiddenError)
    assert.equal((await bodies.page(contributor, chaired.id)).canChange, true)
    assert.equal((await bodies.page(contributor, other.id)).canChange, false)
  })

  test('archiving hides a body from current lists and choices; restoring brings it back; a second archive is a conflict', async () => {
    const body = await bodies.create(editor, input('Added by mistake'))
    const archived = await bodies.archive(editor, body.id, 1)
    assert.ok(archived.archived_at)
    assert.equal(
      (await bodies.list(viewer, { status: 'current' })).some((b) => b.id === body.id),
      false,
    )
    assert.equal(
      (await bodies.list(viewer, { status: 'archived' })).some((b) => b.id === body.id),
      true,
    )
    assert.equal(
      (await bodies.options(viewer)).some((b) => b.id === body.id),
      false,
    )
    await assert.rejects(bodies.archive(editor, body.id, archived.version), ConflictError)
    await bodies.restore(editor, body.id, archived.version)
    assert.equal(
      (await bodies.list(viewer, { status: 'current' })).some((b) => b.id === body.id),
      true,
    )
  })

  test('the structure and a body’s page take the same number of queries however many bodies and members there are', async () => {
    let queries = 0
    const counter: KyselyPlugin = {
      transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => {
        queries += 1
        return args.node
      },
      transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
    }
    const counted = bodyService(db.withPlugin(counter))
    const count = async (work: () => Promise<unknown>) => {
      queries = 0
      await work()
      return queries
    }
    const board = await bodies.create(editor, input('Counted board'))
    const structureBefore = await count(() => counted.structure(viewer, '2030-01-01'))
    const pageBefore = await count(() => counted.page(contributor, board.id))
    for (let i = 0; i < 5; i++) {
      const group = await bodies.create(editor, input(`Counted group ${i}`, { accountableToId: board.id }))
      await bodies.addMember(editor, board.id, member(i % 2 ? cabinetMember : chiefSuper))
      await bodies.addMember(editor, group.id, member(chiefSuper))
    }
    assert.equal(await count(() => counted.structure(viewer, '2030-01-01')), structureBefore)
    assert.equal(await count(() => counted.page(contributor, board.id)), pageBefore)
    assert.ok(pageBefore > 0 && pageBefore <= 8, `${pageBefore} queries`)
  })

  test('one partnership cannot see or change another’s bodies', async () => {
    const mine = await bodies.create(editor, input('Oldham only'))
    await assert.rejects(bodies.get(otherEditor, mine.id), NotFoundError)
    await assert.rejects(bodies.update(otherEditor, mine.id, 1, input('Taken over')), NotFoundError)
    assert.equal(
      (await bodies.list(otherEditor, { status: 'all' })).some((b) => b.id === mine.id),
      false,
    )
  })
})
