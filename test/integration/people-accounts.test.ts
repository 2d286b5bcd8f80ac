import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ValidationError } from '../../src/platform/errors.ts'
import { peopleService } from '../../src/directory/people/service.ts'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

const base = { name: null, jobTitle: null, organisationId: null, email: null }

describe('linking a person to their account', () => {
  let database: DatabaseHandle
  let editor: Actor
  let memberId: string
  let outsiderId: string

  before(async () => {
    database = await testDatabase()
    const alpha = await createPartnership(database.db, 'alpha')
    const beta = await createPartnership(database.db, 'beta')
    editor = (await createMember(database.db, alpha.id, 'editor')).actor
    memberId = (await createMember(database.db, alpha.id, 'viewer')).user.id
    outsiderId = (await createMember(database.db, beta.id, 'viewer')).user.id
  })
  after(() => database.close())

  test('the account choices are the partnership’s members only', async () => {
    const accounts = await peopleService(database.db).accounts(editor)
    assert.deepEqual(accounts.map((a) => a.id).sort(), [editor.userId, memberId].sort())
  })

  test('a person links to a member’s account; another partnership’s account is refused', async () => {
    const people = peopleService(database.db)
    const chair = await people.create(editor, { ...base, roleTitle: 'Chair of the Board', userId: memberId })
    assert.equal(chair.user_id, memberId)
    await assert.rejects(people.create(editor, { ...base, roleTitle: 'Lead officer', userId: outsiderId }), (error: unknown) => {
      return error instanceof ValidationError && error.fields.userId === 'Select an account from the list'
    })
  })

  test('one account links to one person, and leaving the field out keeps the link', async () => {
    const people = peopleService(database.db)
    await assert.rejects(people.create(editor, { ...base, roleTitle: 'Vice-chair', userId: memberId }), (error: unknown) => {
      return error instanceof ValidationError && /already linked to ‘Chair of the Board’/.test(error.fields.userId ?? '')
    })
    const [chair] = await people.list(editor, { q: 'Chair of the Board' })
    assert.ok(chair)
    const renamed = await people.update(editor, chair.id, chair.version, { ...base, roleTitle: 'Chair of the Partnership Board' })
    assert.equal(renamed.user_id, memberId)
    const unlinked = await people.update(editor, chair.id, renamed.version, { ...base, roleTitle: 'Chair of the Partnership Board', userId: null })
    assert.equal(unlinked.user_id, null)
  })
})
