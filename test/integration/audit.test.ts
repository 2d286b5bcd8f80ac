import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ForbiddenError, NotFoundError } from '../../src/platform/errors.ts'
import { auditService, type AuditService } from '../../src/directory/audit/service.ts'
import type { AuditFilters } from '../../src/directory/audit/schema.ts'
import { testDatabase } from '../support/database.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let database: DatabaseHandle
let audit: AuditService
let oldhamId: string
let rochdaleId: string
let admin: Actor
let editor: Actor
let rochdaleAdmin: Actor

interface EventSpec {
  partnershipId: string
  actor: Pick<Actor, 'userId' | 'label'>
  kind: string
  action: string
  at: string
  summary: string
}

async function insertEvents(specs: EventSpec[]): Promise<string[]> {
  const rows = await database.db
    .insertInto('audit_events')
    .values(
      specs.map((s) => ({
        partnership_id: s.partnershipId,
        actor_id: s.actor.userId,
        actor_label: s.actor.label,
        action: s.action,
        entity_type: s.kind,
        entity_id: 'e',
        summary: s.summary,
        before: null,
        after: null,
        // tables.ts wraps `at`'s ColumnType in Generated, which makes it look uninsertable; the column takes any timestamp.
        at: s.at,
      })),
    )
    .returning('id')
    .execute()
  return rows.map((r) => String(r.id))
}

const all: AuditFilters = { page: 1 }
const summaries = async (filters: Partial<AuditFilters>) => (await audit.list(admin, { ...all, ...filters })).rows.map((r) => r.summary)
const commandLine = { userId: null, label: 'command line' }

before(async () => {
  database = await testDatabase()
  audit = auditService(database.db)
  oldhamId = (await createPartnership(database.db, 'oldham')).id
  rochdaleId = (await createPartnership(database.db, 'rochdale')).id
  admin = (await createMember(database.db, oldhamId, 'admin')).actor
  editor = (await createMember(database.db, oldhamId, 'editor')).actor
  rochdaleAdmin = (await createMember(database.db, rochdaleId, 'admin')).actor
  // 120 routine edits in May, then a handful of events around the summer-time boundary to test dates in UK time.
  await insertEvents(
    Array.from({ length: 120 }, (_, i) => ({
      partnershipId: oldhamId,
      actor: editor,
      kind: 'organisation',
      action: 'update',
      at: new Date(Date.UTC(2026, 4, 1, 9, i)).toISOString(),
      summary: `Routine edit ${String(i + 1).padStart(3, '0')}`,
    })),
  )
  await insertEvents([
    { partnershipId: oldhamId, actor: admin, kind: 'membership', action: 'create', at: '2026-06-30T22:30:00Z', summary: 'Late on 30 June' },
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    { partnershipId: oldhamId, actor: admin, kind: 'membership', action: 'update', at: '2026-06-30T23:30:00Z', summary: 'Just after midnight on 1 July' },
    { partnershipId: oldhamId, actor: commandLine, kind: 'user', action: 'update', at: '2026-07-01T22:59:00Z', summary: 'Last minute of 1 July' },
    { partnershipId: oldhamId, actor: admin, kind: 'person', action: 'archive', at: '2026-07-02T08:00:00Z', summary: 'Morning of 2 July' },
    { partnershipId: rochdaleId, actor: rochdaleAdmin, kind: 'indicator', action: 'create', at: '2026-07-01T12:00:00Z', summary: 'Rochdale secret' },
    { partnershipId: rochdaleId, actor: commandLine, kind: 'membership', action: 'update', at: '2026-07-01T13:00:00Z', summary: 'Rochdale command line' },
  ])
})

after(() => database.close())

describe('filters', () => {
  test('who: one person’s events only', async () => {
    assert.deepEqual(await summaries({ who: `user:${admin.userId}` }), ['Morning of 2 July', 'Just after midnight on 1 July', 'Late on 30 June'])
  })

  test('who: the command line, which has no user', async () => {
    assert.deepEqual(await summaries({ who: 'label:command line' }), ['Last minute of 1 July'])
  })

  test('who: an id that is not an id matches nothing rather than failing', async () => {
    assert.deepEqual(await summaries({ who: 'user:not-a-uuid' }), [])
  })

  test('what kind and what action', async () => {
    assert.deepEqual(await summaries({ kind: 'membership' }), ['Just after midnight on 1 July', 'Late on 30 June'])
    assert.deepEqual(await summaries({ kind: 'membership', action: 'create' }), ['Late on 30 June'])
    assert.deepEqual(await summaries({ action: 'archive' }), ['Morning of 2 July'])
  })

  test('a date range covers whole days in UK time, both ends included', async () => {
    assert.deepEqual(await summaries({ from: '2026-07-01', to: '2026-07-01' }), ['Last minute of 1 July', 'Just after midnight on 1 July'])
    assert.deepEqual(await summaries({ from: '2026-06-30', to: '2026-06-30' }), ['Late on 30 June'])
    assert.deepEqual(await summaries({ from: '2026-07-02' }), ['Morning of 2 July'])
    const toEndOfJune = await audit.list(admin, { page: 1, to: '2026-06-30' })
    assert.equal(toEndOfJune.total, 121)
  })

  test('filters combine', async () => {
    assert.deepEqual(await summaries({ who: `user:${admin.userId}`, from: '2026-07-01', kind: 'membership' }), ['Just after midnight on 1 July'])
  })
})

describe('partnerships stay apart', () => {
  test('another partnership’s events never appear, whatever the filter', async () => {
    const everything = await audit.list(admin, { page: 1 })
    assert.equal(everything.total, 124)
    for (const filters of [
      {},
      { kind: 'indicator' },
      { who: `user:${rochdaleAdmin.userId}` },
      { from: '2026-07-01', to: '2026-07-01' },
      { who: 'label:command line' },
    ]) {
      const page = await audit.list(admin, { page: 1, ...filters })
      assert.ok(!page.rows.some((r) => r.summary.startsWith('Rochdale')), JSON.stringify(filters))
    }
  })

  test('another partnership’s event cannot be opened by its id', async () => {
    const rochdale = await audit.list(rochdaleAdmin, { page: 1 })
    assert.deepEqual(
      rochdale.rows.map((r) => r.summary),
      ['Rochdale command line', 'Rochdale secret'],
    )
    await assert.rejects(audit.get(admin, String(rochdale.rows[1]?.id)), NotFoundError)
    await assert.rejects(audit.get(admin, 'DROP TABLE'), NotFoundError)
  })

  test('the filter choices list only this partnership’s people, kinds and actions', async () => {
    const options = await audit.filterOptions(admin)
    assert.deepEqual(options.kinds, ['membership', 'organisation', 'person', 'user'])
    assert.deepEqual(options.actions, ['archive', 'create', 'update'])
    assert.deepEqual(options.actors.map((a) => a.value).sort(), [`user:${admin.userId}`, `user:${editor.userId}`, 'label:command line'].sort())
    assert.equal(options.actors.find((a) => a.value === `user:${editor.userId}`)?.email, `editor-${oldhamId.slice(0, 8)}@example.org`)
  })
})

describe('pagination', () => {
  test('50 a page, newest first, and a page past the end shows the last page', async () => {
    const first = await audit.list(admin, { page: 1, kind: 'organisation' })
    assert.deepEqual([first.total, first.pages, first.page, first.rows.length], [120, 3, 1, 50])
    assert.equal(first.rows[0]?.summary, 'Routine edit 120')
    assert.equal(first.rows[49]?.summary, 'Routine edit 071')
    const second = await audit.list(admin, { page: 2, kind: 'organisation' })
    assert.equal(second.rows[0]?.summary, 'Routine edit 070')
    const last = await audit.list(admin, { page: 3, kind: 'organisation' })
    assert.deepEqual(last.rows.map((r) => r.summary).slice(-2), ['Routine edit 002', 'Routine edit 001'])
    assert.equal(last.rows.length, 20)
    const beyond = await audit.list(admin, { page: 99, kind: 'organisation' })
    assert.equal(beyond.page, 3)
    assert.equal(beyond.rows[0]?.summary, 'Routine edit 020')
  })

  test('no events is one empty page', async () => {
    const none = await audit.list(admin, { page: 1, kind: 'nothing-like-this' })
    assert.deepEqual([none.total, none.pages, none.page, none.rows.length], [0, 1, 1, 0])
  })
})

test('only admins read the audit trail', async () => {
  await assert.rejects(audit.list(editor, { page: 1 }), ForbiddenError)
  await assert.rejects(audit.filterOptions(editor), ForbiddenError)
  await assert.rejects(audit.get(editor, '1'), ForbiddenError)
})

describe('pages', () => {
  let web: TestApp
  let adminEmail: string
  let editorEmail: string
  let eventId: string

  before(async () => {
    web = await testApp()
    const partnership = await createPartnership(web.database.db, 'pages')
    adminEmail = (await createMember(web.database.db, partnership.id, 'admin')).user.email
    editorEmail = (await createMember(web.database.db, partnership.id, 'editor')).user.email
    const [row] = await web.database.db
      .insertInto('audit_events')
      .values({
        partnership_id: partnership.id,
        actor_label: 'Test admin',
        action: 'update',
        entity_type: 'organisation',
        entity_id: 'org-1',
        summary: 'Changed organisation ‘Oldham Council’',
        before: JSON.stringify({ name: 'Oldham Council', sector: 'local-authority', version: 1 }),
        after: JSON.stringify({ name: 'Oldham Council', sector: 'nhs', version: 2 }),
      })
      .returning('id')
      .execute()
    eventId = String(row?.id)
  })

  after(() => web.close())

  test('an admin sees the trail and one event with its changed fields marked', async () => {
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const list = await client.get('/admin/audit')
    assert.equal(list.statusCode, 200)
    assert.match(list.body, /Changed organisation ‘Oldham Council’/)
    const show = await client.get(`/admin/audit/${eventId}`)
    assert.equal(show.statusCode, 200)
    assert.match(show.body, /2 fields changed: Sector, Version/)
    assert.equal(show.body.match(/>Changed<\/strong>/g)?.length, 2)
    assert.equal((await client.get('/admin/audit/999999')).statusCode, 404)
    assert.equal((await client.get('/admin/audit/not-a-number')).statusCode, 404)
  })

  test('bad dates in the filter get a 400 with the GOV.UK error summary, not a 500', async () => {
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const unreal = await client.get('/admin/audit?from-day=31&from-month=2&from-year=2026')
    assert.equal(unreal.statusCode, 400)
    assert.match(unreal.body, /govuk-error-summary/)
    assert.match(unreal.body, /href="#from-day">Date from must be a real date/)
    assert.match(unreal.body, /value="31"/)
    const backwards = await client.get('/admin/audit?from-day=2&from-month=7&from-year=2026&to-day=1&to-month=7&to-year=2026')
    assert.equal(backwards.statusCode, 400)
    assert.match(backwards.body, /Date to must be the same as or after date from/)
    const fine = await client.get('/admin/audit?from-day=1&from-month=1&from-year=2026&kind=organisation')
    assert.equal(fine.statusCode, 200)
  })

  test('an editor is refused the audit trail', async () => {
    const client = new TestClient(web.app)
    await client.signIn(editorEmail)
    assert.equal((await client.get('/admin/audit')).statusCode, 403)
    assert.equal((await client.get(`/admin/audit/${eventId}`)).statusCode, 403)
  })
})
