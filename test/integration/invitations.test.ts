import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { userService, type UserService } from '../../src/directory/users/service.ts'
import { accountExistsMessage, invitationService, type InvitationService } from '../../src/directory/users/invitation-service.ts'
import { verifyPassword } from '../../src/platform/auth/passwords.ts'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership, testPassword } from '../support/fixtures.ts'

let database: DatabaseHandle
let users: UserService
let invited: InvitationService
let oldhamId: string
let admin: Actor

const day = 86_400_000
const membershipOf = (userId: string) =>
  database.db.selectFrom('memberships').select('role').where('partnership_id', '=', oldhamId).where('user_id', '=', userId).executeTakeFirst()

before(async () => {
  database = await testDatabase()
  users = userService(database.db)
  invited = invitationService(database.db)
  oldhamId = (await createPartnership(database.db, 'oldham')).id
  admin = (await createMember(database.db, oldhamId, 'admin')).actor
})

after(() => database.close())

test('an invitation lapses after 14 days: it can no longer be accepted, by link or signed in', async () => {
  const { user } = await createMember(database.db, (await createPartnership(database.db, 'lapsed-elsewhere')).id, 'viewer', 'lapsed@example.org')
  const { invitation, token } = await users.invite(admin, { email: 'lapsed@example.org', displayName: 'Lapsed', role: 'viewer' })
  const later = new Date(Date.now() + 15 * day)
  assert.equal(await invited.findByToken(token, later), undefined)
  assert.deepEqual(await invited.waitingFor(user.id, later), [])
  await assert.rejects(invited.accept(user.id, invitation.id, later), NotFoundError)
  assert.equal(await membershipOf(user.id), undefined)
  // Still listed for the admin, who can see it lapse and invite again.
  assert.ok((await users.invitations(admin)).some((i) => i.id === invitation.id))
})

test('inviting again replaces the earlier invitation and its link', async () => {
  const first = await users.invite(admin, { email: 'twice@example.org', displayName: 'Twice', role: 'viewer' })
  const second = await users.invite(admin, { email: 'twice@example.org', displayName: 'Twice', role: 'editor' })
  assert.equal(await invited.findByToken(first.token), undefined)
  assert.equal((await invited.findByToken(second.token))?.role, 'editor')
  assert.deepEqual(
    (await users.invitations(admin)).filter((i) => i.email === 'twice@example.org').map((i) => i.role),
    ['editor'],
  )
})

test('only the invited address can accept or decline, and declining is audited in the partnership', async () => {
  const { user: someoneElse } = await createMember(database.db, oldhamId, 'viewer', 'someone.else@example.org')
  const { user: invitee } = await createMember(database.db, (await createPartnership(database.db, 'declines')).id, 'viewer', 'decliner@example.org')
  const { invitation, token } = await users.invite(admin, { email: 'decliner@example.org', displayName: 'Decliner', role: 'editor' })
  await assert.rejects(invited.accept(someoneElse.id, invitation.id), NotFoundError)
  await assert.rejects(invited.decline(someoneElse.id, invitation.id), NotFoundError)

  await invited.decline(invitee.id, invitation.id)
  assert.equal(await membershipOf(invitee.id), undefined)
  assert.equal(await invited.findByToken(token), undefined)
  await assert.rejects(invited.accept(invitee.id, invitation.id), NotFoundError, 'a declined invitation cannot be accepted afterwards')
  const audit = await database.db
    .selectFrom('audit_events')
    .select(['partnership_id', 'actor_id', 'summary'])
    .where('entity_id', '=', invitation.id)
    .orderBy('id')
    .execute()
  assert.deepEqual(
    audit.map((a) => [a.partnership_id, a.actor_id]),
    [
      [oldhamId, admin.userId],
      [oldhamId, invitee.id],
    ],
  )
  assert.match(audit[1]!.summary, /declined/)
})

test('the link cannot create an account for an address that already has one, nor change its password', async () => {
  const { user } = await createMember(database.db, (await createPartnership(database.db, 'has-account')).id, 'admin', 'has.account@example.org')
  const { token } = await users.invite(admin, { email: 'has.account@example.org', displayName: 'Has Account', role: 'admin' })
  const refused = await invited.createAccountAndAccept(token, { displayName: 'Taken Over', password: 'the attacker’s passphrase' }).then(
    () => assert.fail('expected a ValidationError'),
    (error: unknown) => error,
  )
  assert.ok(refused instanceof ValidationError)
  assert.equal(refused.fields.displayName, accountExistsMessage)
  assert.equal(await membershipOf(user.id), undefined)
  const account = await database.db.selectFrom('users').select(['display_name', 'password_hash']).where('id', '=', user.id).executeTakeFirstOrThrow()
  assert.equal(account.display_name, 'Test admin')
  assert.equal(await verifyPassword(account.password_hash, testPassword), true)
  assert.ok(await invited.findByToken(token), 'the invitation stays open for its holder to accept signed in')
})

test('a withdrawn invitation can no longer be accepted', async () => {
  const { user } = await createMember(database.db, (await createPartnership(database.db, 'withdrawn-elsewhere')).id, 'viewer', 'withdrawn@example.org')
  const { invitation } = await users.invite(admin, { email: 'withdrawn@example.org', displayName: 'Withdrawn', role: 'viewer' })
  await users.withdrawInvitation(admin, invitation.id, invitation.version)
  await assert.rejects(invited.accept(user.id, invitation.id), NotFoundError)
  assert.equal(await membershipOf(user.id), undefined)
})
