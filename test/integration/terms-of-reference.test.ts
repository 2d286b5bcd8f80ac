import { after, before, describe, test } from 'node:test'
import { createHash } from 'node:crypto'
import assert from 'node:assert/strict'
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import type { MemberRole } from '../../src/platform/db/tables.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { termsOfReferenceService, type TermsOfReferenceService } from '../../src/governance/terms-of-reference/service.ts'
import { bodyService } from '../../src/governance/bodies/service.ts'
import type { TermsInput } from '../../src/governance/terms-of-reference/schema.ts'
import { inPartnership } from '../../src/platform/db/tenancy.ts'
import { demoContext } from '../../demo/context.ts'
import { demoTerms, governanceTerms } from '../../demo/modules/governance-terms.ts'
import { testDatabase } from '../support/database.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

const today = '2026-11-23'

function terms(changes: Partial<TermsInput> = {}): TermsInput {
  return {
    purpose: 'To lead the partnership for children and young people',
    membership: 'Chief officers of the partner agencies',
    quorum: 4,
    quorumNotes: 'Including the council and the NHS',
    delegatedPowers: '',
    reportingArrangements: 'Quarterly to the Health and Wellbeing Board',
    agreedOn: '2019-01-29',
    reviewDueOn: '2020-01-29',
    ...changes,
  }
}

async function addBody(db: Db, partnershipId: string, name: string, changes: { ended_on?: string; archived_at?: Date; established_on?: string } = {}) {
  return db
    .insertInto('bodies')
    .values({ partnership_id: partnershipId, name, kind: 'strategic-partnership-board', ...changes })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Gives a user's person record a seat on a body, as the membership pages would. */
async function seat(db: Db, partnershipId: string, bodyId: string, userId: string, role: MemberRole, endsOn: string | null = null) {
  let person = await db.selectFrom('people').select('id').where('user_id', '=', userId).executeTakeFirst()
  person ??= await db
    .insertInto('people')
    .values({ partnership_id: partnershipId, name: 'Seated person', user_id: userId })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('body_members').values({ partnership_id: partnershipId, body_id: bodyId, person_id: person.id, role, ends_on: endsOn }).execute()
}

describe('terms of reference, against a real database', () => {
  let database: DatabaseHandle
  let db: Db
  let service: TermsOfReferenceService
  let partnershipId: string
  let editor: Actor
  let viewer: Actor
  let chair: Actor
  let member: Actor
  let formerChair: Actor
  let outsider: Actor

  before(async () => {
    database = await testDatabase()
    db = database.db
    service = termsOfReferenceService(db, bodyService(db))
    partnershipId = (await createPartnership(db, 'oldham')).id
    editor = (await createMember(db, partnershipId, 'editor')).actor
    viewer = (await createMember(db, partnershipId, 'viewer')).actor
    chair = (await createMember(db, partnershipId, 'contributor', 'chair@example.org')).actor
    member = (await createMember(db, partnershipId, 'contributor', 'member@example.org')).actor
    formerChair = (await createMember(db, partnershipId, 'contributor', 'former@example.org')).actor
    const other = await createPartnership(db, 'elsewhere')
    outsider = (await createMember(db, other.id, 'admin')).actor
  })
  after(() => database.close())

  test('each change is a new version: numbers go up, the newest is current, every version is audited', async () => {
    const body = await addBody(db, partnershipId, 'Strategic Partnership Board')
    const first = await service.create(editor, body.id, 0, terms(), null)
    const second = await service.create(editor, body.id, 1, terms({ quorum: 5, agreedOn: '2020-02-01', reviewDueOn: '2027-02-01' }), null)
    assert.equal(first.created.version_number, 1)
    assert.equal(second.created.version_number, 2)

    const page = await service.forBody(viewer, body.id, today)
    assert.deepEqual(
      page.versions.map((v) => v.version_number),
      [2, 1],
    )
    assert.equal(page.current?.quorum, 5)
    assert.equal(page.status, 'up-to-date')
    assert.equal(page.canWrite, false)

    const old = await service.version(viewer, body.id, 1)
    assert.equal(old.version.quorum, 4)
    assert.equal(old.current.version_number, 2)

    const audit = await db.selectFrom('audit_events').select(['entity_id', 'summary', 'actor_label']).where('entity_type', '=', 'terms-of-reference').execute()
    assert.deepEqual(audit.map((a) => a.entity_id).sort(), [first.created.id, second.created.id].sort())
    assert.ok(audit.some((a) => a.summary === 'Added version 2 of the terms of reference for ‘Strategic Partnership Board’'))
  })

  test('a version written against an older current version is refused with a conflict, and nothing is saved', async () => {
    const body = await addBody(db, partnershipId, 'Strategy Group')
    await service.create(editor, body.id, 0, terms(), null)
    await assert.rejects(service.create(editor, body.id, 0, terms({ purpose: 'Stale' }), null), (error: unknown) => {
      assert.ok(error instanceof ConflictError)
      assert.match(error.message, /Someone else added a new version of the terms of reference for ‘Strategy Group’/)
      return true
    })
    assert.equal((await service.forBody(editor, body.id, today)).versions.length, 1)
  })

  test('two versions saved at the same moment: one is saved, the other gets the conflict message', async () => {
    const body = await addBody(db, partnershipId, 'Integrated Commissioning Group')
    const results = await Promise.allSettled([
      service.create(editor, body.id, 0, terms({ purpose: 'First' }), null),
      service.create(editor, body.id, 0, terms({ purpose: 'Second' }), null),
    ])
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
    const refused = results.find((r) => r.status === 'rejected')
    assert.ok(refused?.status === 'rejected' && refused.reason instanceof ConflictError)
    assert.equal((await service.forBody(editor, body.id, today)).versions.length, 1)
  })

  test('contributors write only for bodies they currently chair or are lead officer of; viewers never', async () => {
    const body = await addBody(db, partnershipId, 'Children and Young People Stakeholder Board')
    await seat(db, partnershipId, body.id, chair.userId!, 'chair')
    await seat(db, partnershipId, body.id, member.userId!, 'member')
    await seat(db, partnershipId, body.id, formerChair.userId!, 'chair', '2020-01-01')

    const saved = await service.create(chair, body.id, 0, terms(), null)
    assert.equal(saved.created.created_by_label, chair.label)
    assert.equal((await service.forBody(chair, body.id, today)).canWrite, true)

    for (const actor of [member, formerChair, viewer]) {
      await assert.rejects(service.create(actor, body.id, 1, terms(), null), ForbiddenError)
      await assert.rejects(service.prepareNew(actor, body.id), ForbiddenError)
      assert.equal((await service.forBody(actor, body.id, today)).canWrite, false)
    }
    // The chair of one body has no rights over another.
    const elsewhere = await addBody(db, partnershipId, 'Delivery Partnership: Be Healthy')
    await assert.rejects(service.create(chair, elsewhere.id, 0, terms(), null), ForbiddenError)
  })

  test('an archived body keeps its terms of reference for reading, but takes no new version until restored', async () => {
    const body = await addBody(db, partnershipId, 'Joint Leadership Team')
    await service.create(editor, body.id, 0, terms(), null)
    await db.updateTable('bodies').set({ archived_at: new Date() }).where('id', '=', body.id).execute()
    const page = await service.forBody(editor, body.id, today)
    assert.equal(page.versions.length, 1)
    assert.equal(page.canWrite, false)
    await assert.rejects(
      service.create(editor, body.id, 1, terms(), null),
      /‘Joint Leadership Team’ is archived\. Restore it before changing its terms of reference\./,
    )
  })

  test('another partnership’s body does not exist for its members', async () => {
    const body = await addBody(db, partnershipId, 'Locality Group: East')
    await assert.rejects(service.forBody(outsider, body.id, today), NotFoundError)
    await assert.rejects(service.create(outsider, body.id, 0, terms(), null), NotFoundError)
  })

  test('an uploaded document is kept with its checksum and audited without its contents; a bad one saves nothing', async () => {
    const body = await addBody(db, partnershipId, 'JSNA sub-group')
    const content = Buffer.from('%PDF-1.4\nterms of reference\n')
    const { created } = await service.create(editor, body.id, 0, terms(), { filename: 'JSNA ToR.pdf', content, truncated: false })
    const file = await db.selectFrom('stored_files').selectAll().where('id', '=', created.file_id!).executeTakeFirstOrThrow()
    assert.equal(file.filename, 'JSNA ToR.pdf')
    assert.equal(file.content_type, 'application/pdf')
    assert.equal(file.size_bytes, content.length)
    assert.equal(file.sha256, createHash('sha256').update(content).digest('hex'))
    assert.deepEqual(Buffer.from(file.content), content)
    const audit = await db.selectFrom('audit_events').selectAll().where('entity_id', '=', file.id).executeTakeFirstOrThrow()
    assert.equal(audit.summary, 'Uploaded file ‘JSNA ToR.pdf’')
    const described = (typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after) as Record<string, unknown>
    assert.equal(described.sha256, file.sha256)
    assert.equal('content' in described, false)

    const filesBefore = await db.selectFrom('stored_files').select('id').execute()
    await assert.rejects(
      service.create(editor, body.id, 1, terms(), { filename: 'script.html', content: Buffer.from('<script>'), truncated: false }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError)
        assert.match(error.fields.document ?? '', /must be a PDF/)
        return true
      },
    )
    assert.equal((await db.selectFrom('stored_files').select('id').execute()).length, filesBefore.length)
    assert.equal((await service.forBody(editor, body.id, today)).versions.length, 1)
  })

  test('the needs-attention list: missing, overdue and due soon, not up-to-date, ended, archived or future bodies', async () => {
    const fresh = await createPartnership(db, 'panel')
    const admin = (await createMember(db, fresh.id, 'admin')).actor
    const none = await addBody(db, fresh.id, 'Stakeholder Partnership Board')
    const overdue = await addBody(db, fresh.id, 'Changing for Children Board')
    const soon = await addBody(db, fresh.id, 'Health and Wellbeing Board')
    const fine = await addBody(db, fresh.id, 'Strategic Partnership Board')
    await addBody(db, fresh.id, 'Executive Board', { ended_on: '2008-01-01' })
    await addBody(db, fresh.id, 'Archived group', { archived_at: new Date() })
    await addBody(db, fresh.id, 'Future group', { established_on: '2027-06-01' })
    await service.create(admin, overdue.id, 0, terms({ agreedOn: '2008-01-15', reviewDueOn: '2009-01-15' }), null)
    await service.create(admin, soon.id, 0, terms({ agreedOn: '2025-12-01', reviewDueOn: '2026-12-01' }), null)
    await service.create(admin, fine.id, 0, terms({ agreedOn: '2026-01-01', reviewDueOn: '2027-01-01' }), null)
    // An old overdue version does not count once a newer one is in date.
    await service.create(admin, fine.id, 1, terms({ agreedOn: '2026-06-01', reviewDueOn: '2028-06-01' }), null)

    const items = await service.needingAttention(admin, today)
    assert.deepEqual(
      items.map((i) => [i.id, i.status]),
      [
        [none.id, 'missing'],
        [overdue.id, 'overdue'],
        [soon.id, 'due-soon'],
      ],
    )
    // Viewers see the panel too: it is for everyone who follows the partnership's governance.
    assert.equal((await service.needingAttention({ ...admin, role: 'viewer' }, today)).length, 3)
  })

  test('the demo module: the seed bodies get their terms of reference, and the panel has real gaps to show', async () => {
    const demo = await createPartnership(db, 'demo-terms')
    const admin = (await createMember(db, demo.id, 'admin')).actor
    // The bodies the governance-bodies module creates, by the keys it sets (demo/data/bodies.ts).
    const keys = ['cfc-board', 'cfc-strategy-group', 'icg', 'stakeholder-partnership-board', 'spb', 'hwb']
    const ids = new Map<string, string>()
    for (const key of keys) ids.set(key, (await addBody(db, demo.id, key)).id)
    await inPartnership(db, demo.id, async (trx) => {
      const context = demoContext(trx, demo.id)
      for (const [key, id] of ids) context.refs.set('body', key, id)
      await governanceTerms.seed(context)
    })

    const spb = await service.forBody(admin, ids.get('spb')!, today)
    assert.deepEqual(
      spb.versions.map((v) => [v.version_number, v.agreed_on]),
      [
        [2, '2020-07-31'],
        [1, '2019-06-30'],
      ],
    )
    const strategy = await service.forBody(admin, ids.get('cfc-strategy-group')!, today)
    assert.equal(strategy.current?.delegated_powers, 'Delegated decision-making powers to be agreed by key partner agencies.')
    assert.equal(strategy.current?.created_by_label, 'demo seed')

    const panel = new Map((await service.needingAttention(admin, today)).map((i) => [i.name, i.status]))
    assert.equal(panel.get('stakeholder-partnership-board'), 'missing')
    assert.equal(panel.get('hwb'), 'missing')
    assert.equal(panel.get('cfc-board'), 'overdue')
    assert.equal(panel.get('icg'), 'overdue')
    assert.equal(panel.get('spb'), 'overdue')
    const audited = await db
      .selectFrom('audit_events')
      .select('id')
      .where('partnership_id', '=', demo.id)
      .where('entity_type', '=', 'terms-of-reference')
      .execute()
    assert.equal(audited.length, demoTerms.length)
  })
})

describe('terms of reference pages and the needs-attention panel', () => {
  let t: TestApp
  let db: Db
  let editor: TestClient
  let viewer: TestClient
  let bodyId: string
  const fields = {
    basedOn: '0',
    purpose: 'To lead the Children’s Trust',
    membership: 'Chief officers',
    quorum: '4',
    quorumNotes: '',
    delegatedPowers: 'To be agreed by key partner agencies',
    reportingArrangements: 'To the Health and Wellbeing Board',
    'agreedOn-day': '15',
    'agreedOn-month': '1',
    'agreedOn-year': '2008',
    'reviewDueOn-day': '15',
    'reviewDueOn-month': '1',
    'reviewDueOn-year': '2009',
  }

  before(async () => {
    t = await testApp()
    db = t.database.db
    const partnership = await createPartnership(db, 'oldham')
    const e = await createMember(db, partnership.id, 'editor')
    const v = await createMember(db, partnership.id, 'viewer')
    bodyId = (await addBody(db, partnership.id, 'Changing for Children Board')).id
    editor = new TestClient(t.app)
    await editor.signIn(e.user.email)
    viewer = new TestClient(t.app)
    await viewer.signIn(v.user.email)
  })
  after(() => t.close())

  test('the panel lists a body with no terms of reference, linking to its page', async () => {
    const page = await viewer.get('/governance')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, new RegExp(`href="/bodies/${bodyId}/terms-of-reference">Changing for Children Board`))
    assert.match(page.body, /No terms of reference/)
  })

  test('a viewer reads the page but is refused the form and the save', async () => {
    const page = await viewer.get(`/bodies/${bodyId}/terms-of-reference`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /No terms of reference have been recorded for Changing for Children Board yet/)
    assert.doesNotMatch(page.body, /Add terms of reference/)
    assert.equal((await viewer.get(`/bodies/${bodyId}/terms-of-reference/new`)).statusCode, 403)
    assert.equal((await viewer.post(`/bodies/${bodyId}/terms-of-reference/new`, fields)).statusCode, 403)
    assert.equal((await db.selectFrom('terms_of_reference').select('id').execute()).length, 0)
  })

  test('a form with mistakes comes back with every message, linked, and the input kept', async () => {
    const response = await editor.post(`/bodies/${bodyId}/terms-of-reference/new`, {
      ...fields,
      purpose: ' ',
      quorum: '2.5',
      'agreedOn-day': '31',
      'agreedOn-month': '2',
      'reviewDueOn-day': '',
      'reviewDueOn-month': '',
      'reviewDueOn-year': '',
    })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /<title>Error: /)
    assert.match(response.body, /href="#purpose">Enter the body’s purpose/)
    assert.match(response.body, /href="#quorum">Quorum must be a whole number of members, like 4/)
    assert.match(response.body, /href="#agreedOn">The date agreed must be a real date/)
    assert.match(response.body, /href="#reviewDueOn">Enter the date the terms of reference are due for review/)
    assert.match(response.body, /value="2.5"/)
    assert.match(response.body, />To be agreed by key partner agencies</)

    const backwards = await editor.post(`/bodies/${bodyId}/terms-of-reference/new`, { ...fields, 'reviewDueOn-year': '2007' })
    assert.equal(backwards.statusCode, 400)
    assert.match(backwards.body, /The review date must be after the date agreed/)
    assert.equal((await db.selectFrom('terms_of_reference').select('id').execute()).length, 0)
  })

  test('saving versions, the history, the comparison and a stale form', async () => {
    const first = await editor.post(`/bodies/${bodyId}/terms-of-reference/new`, fields)
    assert.equal(first.statusCode, 303)
    assert.equal(first.headers.location, `/bodies/${bodyId}/terms-of-reference`)

    const form = await editor.get(`/bodies/${bodyId}/terms-of-reference/new`)
    assert.match(form.body, /name="basedOn" value="1"/)
    assert.match(form.body, />To lead the Children’s Trust</, 'a new version starts from the current text')
    const second = await editor.post(`/bodies/${bodyId}/terms-of-reference/new`, { ...fields, basedOn: '1', quorum: '6', 'reviewDueOn-year': '2030' })
    assert.equal(second.statusCode, 303)

    const page = await editor.get(`/bodies/${bodyId}/terms-of-reference`)
    assert.match(page.body, /Version 2, agreed on 15 January 2008/)
    assert.match(page.body, /6 members/)
    assert.match(page.body, new RegExp(`href="/bodies/${bodyId}/terms-of-reference/1">Version 1`))

    const old = await editor.get(`/bodies/${bodyId}/terms-of-reference/1`)
    assert.equal(old.statusCode, 200)
    assert.match(old.body, /This version has been replaced/)
    assert.match(old.body, /Quorum \(members\) <strong class="govuk-tag govuk-tag--yellow">\s*Changed/)
    assert.doesNotMatch(old.body, /Purpose <strong class="govuk-tag/)
    assert.equal((await editor.get(`/bodies/${bodyId}/terms-of-reference/9`)).statusCode, 404)
    assert.equal((await editor.get(`/bodies/${bodyId}/terms-of-reference/x`)).statusCode, 404)

    const stale = await editor.post(`/bodies/${bodyId}/terms-of-reference/new`, { ...fields, basedOn: '1', purpose: 'Written against version 1' })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /Someone else added a new version/)
    assert.match(stale.body, /The latest version \(version 2\)/)
    assert.match(stale.body, /name="basedOn" value="2"/)
    assert.match(stale.body, />Written against version 1</)
    assert.equal((await db.selectFrom('terms_of_reference').select('id').execute()).length, 2)

    const panel = await viewer.get('/governance')
    assert.match(panel.body, /Every current body has terms of reference that are not due for review/)
  })

  test('an unknown body is a 404', async () => {
    assert.equal((await viewer.get('/bodies/00000000-0000-4000-8000-000000000000/terms-of-reference')).statusCode, 404)
  })
})
