import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import type { Organisation } from '../../src/platform/db/tables.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { organisationService, type OrganisationService } from '../../src/directory/organisations/service.ts'
import { peopleService, type PeopleService } from '../../src/directory/people/service.ts'
import type { PersonInput } from '../../src/directory/people/schema.ts'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

function input(changes: Partial<PersonInput>): PersonInput {
  return { name: null, roleTitle: null, jobTitle: null, organisationId: null, email: null, ...changes }
}

async function auditRows(db: Db, entityId: string) {
  return db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('id').execute()
}

async function auditCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function storedRow(db: Db, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

const isValidationOf = (field: string, message: string) => (error: Error) => {
  assert.ok(error instanceof ValidationError, String(error))
  assert.deepEqual(error.fields, { [field]: message })
  return true
}

describe('people, against a real database', () => {
  let database: DatabaseHandle
  let db: Db
  let people: PeopleService
  let organisations: OrganisationService
  let editor: Actor
  let viewer: Actor
  let contributor: Actor
  let otherEditor: Actor
  let council: Organisation
  let nhs: Organisation
  let closed: Organisation
  let theirs: Organisation

  before(async () => {
    database = await testDatabase()
    db = database.db
    people = peopleService(db)
    organisations = organisationService(db)
    const oldham = await createPartnership(db, 'oldham')
    const rochdale = await createPartnership(db, 'rochdale')
    editor = (await createMember(db, oldham.id, 'editor')).actor
    viewer = (await createMember(db, oldham.id, 'viewer')).actor
    contributor = (await createMember(db, oldham.id, 'contributor')).actor
    otherEditor = (await createMember(db, rochdale.id, 'editor')).actor
    const organisation = { website: null, description: '' }
    council = await organisations.create(editor, { name: 'Oldham Council', sector: 'local-authority', isStatutory: true, ...organisation })
    nhs = await organisations.create(editor, { name: 'NHS Greater Manchester', sector: 'nhs', isStatutory: true, ...organisation })
    const toClose = await organisations.create(editor, { name: 'Connexions', sector: 'other', isStatutory: false, ...organisation })
    closed = await organisations.archive(editor, toClose.id, toClose.version)
    theirs = await organisations.create(otherEditor, { name: 'Rochdale Borough Council', sector: 'local-authority', isStatutory: true, ...organisation })
  })

  after(() => database.close())

  test('adding a person saves them with their organisation and one audit row of what was added', async () => {
    const created = await people.create(
      editor,
      input({
        name: 'Gerard Jones',
        jobTitle: 'Managing Director, Children and Young People',
        organisationId: council.id,
        email: 'gerard.jones@oldham.gov.uk',
      }),
    )
    assert.equal(created.version, 1)
    assert.equal(created.partnership_id, editor.partnershipId)
    const got = await people.get(editor, created.id)
    assert.equal(got.organisationName, 'Oldham Council')
    assert.equal(got.organisationArchivedAt, null)
    assert.equal(got.email, 'gerard.jones@oldham.gov.uk')

    const audit = await auditRows(db, created.id)
    assert.equal(audit.length, 1)
    assert.equal(audit[0]?.action, 'create')
    assert.equal(audit[0]?.entity_type, 'person')
    assert.equal(audit[0]?.summary, 'Added person ‘Gerard Jones’')
    assert.equal(audit[0]?.before, null)
    assert.deepEqual(audit[0]?.after, JSON.parse(JSON.stringify(created)))
  })

  test('a person may be recorded by role alone, and is named by it', async () => {
    const created = await people.create(editor, input({ roleTitle: 'Cabinet Member for Children’s Services', organisationId: council.id }))
    assert.equal(created.name, null)
    assert.equal((await auditRows(db, created.id))[0]?.summary, 'Added person ‘Cabinet Member for Children’s Services’')
  })

  test('the database itself refuses a person with neither name nor role', async () => {
    await assert.rejects(people.create(editor, input({ jobTitle: 'Nobody in particular' })))
    assert.equal((await people.list(editor, { q: 'Nobody in particular', status: 'all' })).length, 0)
  })

  test('the list searches name, role title and job title, filters by organisation and status, and sorts by name or role', async () => {
    await people.create(editor, input({ name: 'Amira Khan', jobTitle: 'Designated Nurse for Safeguarding', organisationId: nhs.id }))
    await people.create(editor, input({ roleTitle: 'independent Chair', jobTitle: 'Safeguarding Partnership Chair' }))
    const left = await people.create(editor, input({ name: 'Brian Old', jobTitle: 'Safeguarding Lead', organisationId: nhs.id }))
    await people.archive(editor, left.id, left.version)

    const labels = async (filters: Parameters<PeopleService['list']>[1]) => (await people.list(editor, filters)).map((p) => p.name ?? p.role_title)
    assert.deepEqual(await labels({ q: 'safeguarding' }), ['Amira Khan', 'independent Chair'])
    assert.deepEqual(await labels({ q: 'safeguarding', status: 'all' }), ['Amira Khan', 'Brian Old', 'independent Chair'])
    assert.deepEqual(await labels({ q: 'INDEPENDENT' }), ['independent Chair'])
    assert.deepEqual(await labels({ q: 'khan' }), ['Amira Khan'])
    assert.deepEqual(await labels({ organisation: nhs.id, status: 'active' }), ['Amira Khan'])
    assert.deepEqual(await labels({ organisation: nhs.id, status: 'archived' }), ['Brian Old'])
    assert.deepEqual(await labels({ q: '%' }), [])
    const [row] = await people.list(editor, { q: 'Amira' })
    assert.equal(row?.organisationName, 'NHS Greater Manchester')
    assert.equal((await people.list(editor, { q: 'independent' }))[0]?.organisationName, null)
  })

  test('changing a person bumps the version and writes one audit row with before and after', async () => {
    const created = await people.create(editor, input({ name: 'Lucy Smith', organisationId: council.id }))
    const saved = await people.update(
      editor,
      created.id,
      created.version,
      input({ name: 'Lucy Smith', roleTitle: 'Director of Public Health', organisationId: nhs.id, email: 'lucy@nhs.net' }),
    )
    assert.equal(saved.version, 2)
    assert.equal(saved.organisation_id, nhs.id)
    assert.deepEqual(await storedRow(db, created.id), saved)

    const audit = await auditRows(db, created.id)
    assert.equal(audit.length, 2)
    assert.equal(audit[1]?.action, 'update')
    assert.equal(audit[1]?.summary, 'Changed person ‘Lucy Smith’')
    // Only the person's own columns: the joined organisation name is not part of the record.
    assert.deepEqual(audit[1]?.before, JSON.parse(JSON.stringify(created)))
    assert.deepEqual(audit[1]?.after, JSON.parse(JSON.stringify(saved)))
  })

  test('a change from a stale version is a conflict and changes nothing', async () => {
    const created = await people.create(editor, input({ name: 'Sam Patel' }))
    const first = await people.update(editor, created.id, created.version, input({ name: 'Samir Patel' }))
    await assert.rejects(people.update(editor, created.id, created.version, input({ name: 'S. Patel' })), (error: Error) => {
      assert.ok(error instanceof ConflictError)
      assert.match(error.message, /^‘Samir Patel’ was changed by someone else while you were editing it/)
      return true
    })
    await assert.rejects(people.archive(editor, created.id, created.version), ConflictError)
    await assert.rejects(people.restore(editor, created.id, created.version), ConflictError)
    assert.deepEqual(await storedRow(db, created.id), first)
    assert.equal((await auditRows(db, created.id)).length, 2)
  })

  test('archiving and restoring each write one audit row and keep the person', async () => {
    const created = await people.create(editor, input({ name: 'Jo Bloggs' }))
    const archived = await people.archive(editor, created.id, created.version)
    assert.ok(archived.archived_at instanceof Date)
    assert.equal((await people.list(editor, { q: 'Bloggs' })).length, 0)
    assert.equal((await people.list(editor, { q: 'Bloggs', status: 'archived' })).length, 1)
    const restored = await people.restore(editor, created.id, archived.version)
    assert.equal(restored.archived_at, null)
    const audit = await auditRows(db, created.id)
    assert.deepEqual(
      audit.map((a) => [a.action, a.summary]),
      [
        ['create', 'Added person ‘Jo Bloggs’'],
        ['archive', 'Archived person ‘Jo Bloggs’'],
        ['restore', 'Restored person ‘Jo Bloggs’'],
      ],
    )
  })

  test('a person cannot be linked to another partnership’s organisation', async () => {
    const count = await auditCount(db)
    await assert.rejects(
      people.create(editor, input({ name: 'Intruder', organisationId: theirs.id })),
      isValidationOf('organisationId', 'Select an organisation from the list'),
    )
    const created = await people.create(editor, input({ name: 'Pat Moved' }))
    await assert.rejects(people.update(editor, created.id, created.version, input({ name: 'Pat Moved', organisationId: theirs.id })), ValidationError)
    assert.deepEqual(await storedRow(db, created.id), created)
    assert.equal((await people.list(editor, { q: 'Intruder', status: 'all' })).length, 0)
    assert.equal(await auditCount(db), count + 1)
  })

  test('a person cannot be newly linked to an archived organisation', async () => {
    await assert.rejects(
      people.create(editor, input({ name: 'Late Joiner', organisationId: closed.id })),
      isValidationOf('organisationId', 'Select an organisation from the list'),
    )
    const created = await people.create(editor, input({ name: 'Mover', organisationId: council.id }))
    await assert.rejects(people.update(editor, created.id, created.version, input({ name: 'Mover', organisationId: closed.id })), ValidationError)
    assert.deepEqual(await storedRow(db, created.id), created)
  })

  test('a person whose organisation has since been archived can still be saved without losing it', async () => {
    const school = await organisations.create(editor, { name: 'Grange School', sector: 'education', isStatutory: false, website: null, description: '' })
    const head = await people.create(editor, input({ name: 'Head of Grange', organisationId: school.id }))
    await organisations.archive(editor, school.id, school.version)
    assert.ok((await people.get(editor, head.id)).organisationArchivedAt instanceof Date)
    const saved = await people.update(
      editor,
      head.id,
      head.version,
      input({ name: 'Head of Grange', email: 'head@grange.oldham.sch.uk', organisationId: school.id }),
    )
    assert.equal(saved.organisation_id, school.id)
  })

  for (const role of ['viewer', 'contributor'] as const) {
    test(`a ${role} can read people but every change is forbidden and nothing is written`, async () => {
      const actor = role === 'viewer' ? viewer : contributor
      const existing = await people.create(editor, input({ name: `Seen by ${role}` }))
      assert.equal((await people.get(actor, existing.id)).name, existing.name)
      assert.equal((await people.list(actor, { q: `Seen by ${role}` })).length, 1)

      const count = await auditCount(db)
      await assert.rejects(people.create(actor, input({ name: `Added by ${role}` })), ForbiddenError)
      await assert.rejects(people.update(actor, existing.id, existing.version, input({ name: `Renamed by ${role}` })), ForbiddenError)
      await assert.rejects(people.archive(actor, existing.id, existing.version), ForbiddenError)
      await assert.rejects(people.restore(actor, existing.id, existing.version), ForbiddenError)
      assert.deepEqual(await storedRow(db, existing.id), existing)
      assert.equal((await people.list(editor, { q: `by ${role}`, status: 'all' })).length, 1)
      assert.equal(await auditCount(db), count)
    })
  }

  test('another partnership’s people cannot be seen or changed', async () => {
    const ours = await people.create(editor, input({ name: 'Private Person' }))
    await assert.rejects(people.get(otherEditor, ours.id), NotFoundError)
    await assert.rejects(people.update(otherEditor, ours.id, ours.version, input({ name: 'Hijacked' })), NotFoundError)
    await assert.rejects(people.archive(otherEditor, ours.id, ours.version), NotFoundError)
    assert.deepEqual(await people.list(otherEditor, { q: 'Private Person', status: 'all' }), [])
    // Filtering by our organisation from their side finds nothing either.
    assert.deepEqual(await people.list(otherEditor, { organisation: council.id, status: 'all' }), [])
    assert.deepEqual(await storedRow(db, ours.id), ours)
  })
})
