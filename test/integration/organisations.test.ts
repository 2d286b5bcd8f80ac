import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { organisationService, type OrganisationService } from '../../src/directory/organisations/service.ts'
import { peopleService } from '../../src/directory/people/service.ts'
import type { OrganisationInput } from '../../src/directory/organisations/schema.ts'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

function input(name: string, changes: Partial<OrganisationInput> = {}): OrganisationInput {
  return { name, sector: 'local-authority', isStatutory: true, website: null, description: '', ...changes }
}

async function auditRows(db: Db, entityId: string) {
  return db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('id').execute()
}

async function storedRow(db: Db, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

describe('organisations, against a real database', () => {
  let database: DatabaseHandle
  let db: Db
  let organisations: OrganisationService
  let editor: Actor
  let viewer: Actor
  let contributor: Actor
  let otherEditor: Actor

  before(async () => {
    database = await testDatabase()
    db = database.db
    organisations = organisationService(db)
    const oldham = await createPartnership(db, 'oldham')
    const rochdale = await createPartnership(db, 'rochdale')
    editor = (await createMember(db, oldham.id, 'editor')).actor
    viewer = (await createMember(db, oldham.id, 'viewer')).actor
    contributor = (await createMember(db, oldham.id, 'contributor')).actor
    otherEditor = (await createMember(db, rochdale.id, 'editor')).actor
  })

  after(() => database.close())

  test('adding an organisation saves it at version 1 with one audit row of what was added', async () => {
    const created = await organisations.create(editor, input('Oldham Council', { website: 'https://www.oldham.gov.uk', description: 'The local authority' }))
    assert.equal(created.partnership_id, editor.partnershipId)
    assert.equal(created.version, 1)
    assert.equal(created.archived_at, null)
    assert.deepEqual(await organisations.get(editor, created.id), created)

    const audit = await auditRows(db, created.id)
    assert.equal(audit.length, 1)
    assert.equal(audit[0]?.action, 'create')
    assert.equal(audit[0]?.entity_type, 'organisation')
    assert.equal(audit[0]?.actor_id, editor.userId)
    assert.equal(audit[0]?.partnership_id, editor.partnershipId)
    assert.equal(audit[0]?.summary, 'Added organisation ‘Oldham Council’')
    assert.equal(audit[0]?.before, null)
    assert.deepEqual(audit[0]?.after, JSON.parse(JSON.stringify(created)))
  })

  test('the list searches by name, filters by sector, partner type and status, and sorts by name ignoring case', async () => {
    const nhs = await organisations.create(editor, input('NHS Greater Manchester', { sector: 'nhs' }))
    const police = await organisations.create(editor, input('greater Manchester Police', { sector: 'police' }))
    const vcfs = await organisations.create(editor, input('100% Youth Club', { sector: 'vcfs', isStatutory: false }))
    const gone = await organisations.create(editor, input('Greater Manchester Connexions', { sector: 'other', isStatutory: false }))
    await organisations.archive(editor, gone.id, gone.version)

    const names = async (filters: Parameters<OrganisationService['list']>[1]) => (await organisations.list(editor, filters)).map((o) => o.name)
    assert.deepEqual(await names({ q: 'manchester', status: 'active' }), ['greater Manchester Police', 'NHS Greater Manchester'])
    assert.deepEqual(await names({ q: 'manchester', status: 'all' }), ['Greater Manchester Connexions', 'greater Manchester Police', 'NHS Greater Manchester'])
    assert.deepEqual(await names({ status: 'archived' }), ['Greater Manchester Connexions'])
    assert.deepEqual(await names({ sector: 'police', status: 'active' }), [police.name])
    assert.deepEqual(await names({ statutory: 'no', status: 'active' }), [vcfs.name])
    assert.ok((await names({ statutory: 'yes', status: 'active' })).includes(nhs.name))
    // % and _ are searched for literally, not as wildcards.
    assert.deepEqual(await names({ q: '100%', status: 'all' }), ['100% Youth Club'])
    assert.deepEqual(await names({ q: '%', status: 'all' }), ['100% Youth Club'])
    assert.deepEqual(await names({ q: '_', status: 'all' }), [])
  })

  test('the list counts each organisation’s current people only', async () => {
    const people = peopleService(db)
    const school = await organisations.create(editor, input('Hathershaw College', { sector: 'education' }))
    await people.create(editor, { name: 'Head Teacher', roleTitle: null, jobTitle: null, organisationId: school.id, email: null })
    const left = await people.create(editor, { name: 'Former Bursar', roleTitle: null, jobTitle: null, organisationId: school.id, email: null })
    await people.archive(editor, left.id, left.version)
    const [row] = await organisations.list(editor, { q: 'Hathershaw', status: 'active' })
    assert.equal(row?.peopleCount, 1)
  })

  test('changing an organisation bumps its version and writes one audit row with before and after', async () => {
    const created = await organisations.create(editor, input('Action Together'))
    const saved = await organisations.update(
      editor,
      created.id,
      created.version,
      input('Action Together CIO', { sector: 'vcfs', isStatutory: false, website: 'https://actiontogether.org.uk' }),
    )
    assert.equal(saved.version, 2)
    assert.equal(saved.name, 'Action Together CIO')
    assert.equal(saved.is_statutory, false)
    assert.deepEqual(await storedRow(db, created.id), saved)

    const audit = await auditRows(db, created.id)
    assert.equal(audit.length, 2)
    assert.equal(audit[1]?.action, 'update')
    assert.equal(audit[1]?.summary, 'Changed organisation ‘Action Together CIO’')
    assert.deepEqual(audit[1]?.before, JSON.parse(JSON.stringify(created)))
    assert.deepEqual(audit[1]?.after, JSON.parse(JSON.stringify(saved)))
  })

  test('a change from a stale version is refused as a conflict and changes nothing', async () => {
    const created = await organisations.create(editor, input('Positive Steps'))
    const first = await organisations.update(editor, created.id, created.version, input('Positive Steps Oldham'))
    await assert.rejects(organisations.update(editor, created.id, created.version, input('Positive Steps Ltd')), (error: Error) => {
      assert.ok(error instanceof ConflictError)
      assert.match(error.message, /^‘Positive Steps Oldham’ was changed by someone else while you were editing it\. Your changes have not been saved\./)
      return true
    })
    await assert.rejects(organisations.archive(editor, created.id, created.version), ConflictError)
    assert.deepEqual(await storedRow(db, created.id), first)
    assert.equal((await auditRows(db, created.id)).length, 2)
  })

  test('a duplicate name is refused whatever its case, with a message naming the existing organisation', async () => {
    await organisations.create(editor, input('Oldham Youth Council'))
    await assert.rejects(organisations.create(editor, input('OLDHAM youth council')), (error: Error) => {
      assert.ok(error instanceof ValidationError)
      assert.deepEqual(error.fields, { name: 'An organisation called ‘Oldham Youth Council’ already exists' })
      return true
    })
    assert.equal((await organisations.list(editor, { q: 'youth council', status: 'all' })).length, 1)
  })

  test('renaming to another organisation’s name is refused, but changing the case of its own name is not', async () => {
    const a = await organisations.create(editor, input('Early Help Hub'))
    const b = await organisations.create(editor, input('Family Hub'))
    await assert.rejects(organisations.update(editor, b.id, b.version, input('early help hub')), ValidationError)
    assert.deepEqual(await storedRow(db, b.id), b)
    const recased = await organisations.update(editor, a.id, a.version, input('Early help hub'))
    assert.equal(recased.name, 'Early help hub')
  })

  test('the name of an archived organisation is still taken, and the message says to restore it', async () => {
    const old = await organisations.create(editor, input('Sure Start Oldham'))
    await organisations.archive(editor, old.id, old.version)
    await assert.rejects(organisations.create(editor, input('Sure Start Oldham')), (error: Error) => {
      assert.ok(error instanceof ValidationError)
      assert.equal(error.fields.name, 'An organisation called ‘Sure Start Oldham’ already exists (archived: restore it instead)')
      return true
    })
  })

  test('two people adding the same name at the same moment: one is saved, the other is told the name is taken', async () => {
    const results = await Promise.allSettled([
      organisations.create(editor, input('Oldham Carers Centre')),
      organisations.create(editor, input('oldham carers centre')),
    ])
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
    const refused = results.find((r) => r.status === 'rejected')
    const reason: unknown = refused?.reason
    assert.ok(reason instanceof ValidationError, String(reason))
    assert.match(reason.fields.name ?? '', /^An organisation called ‘oldham carers centre’ already exists/i)
    assert.equal((await organisations.list(editor, { q: 'carers centre', status: 'all' })).length, 1)
  })

  test('other partnerships have their own names: the same name is allowed there', async () => {
    const theirs = await organisations.create(otherEditor, input('Oldham Council'))
    assert.equal(theirs.partnership_id, otherEditor.partnershipId)
  })

  test('archiving and restoring each write one audit row; the organisation is kept throughout', async () => {
    const created = await organisations.create(editor, input('Oldham Libraries'))
    const archived = await organisations.archive(editor, created.id, created.version)
    assert.ok(archived.archived_at instanceof Date)
    assert.deepEqual((await organisations.list(editor, { q: 'Libraries', status: 'active' })).length, 0)
    const restored = await organisations.restore(editor, created.id, archived.version)
    assert.equal(restored.archived_at, null)
    assert.equal(restored.version, 3)

    const audit = await auditRows(db, created.id)
    assert.deepEqual(
      audit.map((a) => a.action),
      ['create', 'archive', 'restore'],
    )
    assert.equal((audit[1]?.before as { archived_at: unknown }).archived_at, null)
    assert.notEqual((audit[1]?.after as { archived_at: unknown }).archived_at, null)
    assert.notEqual((audit[2]?.before as { archived_at: unknown }).archived_at, null)
    assert.equal((audit[2]?.after as { archived_at: unknown }).archived_at, null)
  })

  for (const role of ['viewer', 'contributor'] as const) {
    test(`a ${role} can read but every change is forbidden and nothing is written`, async () => {
      const actor = role === 'viewer' ? viewer : contributor
      const existing = await organisations.create(editor, input(`Read by ${role}`))
      assert.equal((await organisations.get(actor, existing.id)).name, existing.name)
      assert.ok((await organisations.list(actor, { status: 'active' })).some((o) => o.id === existing.id))
      assert.ok((await organisations.options(actor)).some((o) => o.id === existing.id))

      const auditBefore = await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      await assert.rejects(organisations.create(actor, input(`Added by ${role}`)), ForbiddenError)
      await assert.rejects(organisations.update(actor, existing.id, existing.version, input(`Renamed by ${role}`)), ForbiddenError)
      await assert.rejects(organisations.archive(actor, existing.id, existing.version), ForbiddenError)
      await assert.rejects(organisations.restore(actor, existing.id, existing.version), ForbiddenError)

      assert.deepEqual(await storedRow(db, existing.id), existing)
      assert.equal((await organisations.list(editor, { q: `by ${role}`, status: 'all' })).length, 1)
      const auditAfter = await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(auditAfter.n), Number(auditBefore.n))
    })
  }

  test('another partnership’s organisations cannot be seen or changed', async () => {
    const ours = await organisations.create(editor, input('Oldham Safeguarding Partnership'))
    await assert.rejects(organisations.get(otherEditor, ours.id), NotFoundError)
    await assert.rejects(organisations.update(otherEditor, ours.id, ours.version, input('Taken over')), NotFoundError)
    await assert.rejects(organisations.archive(otherEditor, ours.id, ours.version), NotFoundError)
    assert.ok((await organisations.list(otherEditor, { status: 'all' })).every((o) => o.partnership_id === otherEditor.partnershipId))
    assert.ok((await organisations.options(otherEditor)).every((o) => o.id !== ours.id))
    assert.deepEqual(await storedRow(db, ours.id), ours)
  })
})
