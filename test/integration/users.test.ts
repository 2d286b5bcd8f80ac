import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { signIn } from '../../src/platform/auth/sign-in.ts'
import { createSession, findSession } from '../../src/platform/auth/sessions.ts'
import { addUser, setPassword, userService, type UserService } from '../../src/directory/users/service.ts'
import { lastAdminMessage, removeSelfMessage } from '../../src/directory/users/model.ts'
import { invitationService } from '../../src/directory/users/invitation-service.ts'
import { testDatabase } from '../support/database.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership, testPassword } from '../support/fixtures.ts'

const throttle = { maxFailures: 5, lockMinutes: 15 }
const newPassword = 'a brand new passphrase'

let database: DatabaseHandle
let users: UserService
let oldhamId: string
let rochdaleId: string
let admin: Actor
let editor: Actor
let rochdaleAdmin: Actor

async function fieldsOf(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await work.then(
    () => assert.fail('expected a ValidationError'),
    (e: unknown) => e,
  )
  assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`)
  return error.fields
}

async function auditFor(entityId: string) {
  return database.db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('id').execute()
}

async function membershipOf(partnershipId: string, userId: string) {
  return database.db.selectFrom('memberships').selectAll().where('partnership_id', '=', partnershipId).where('user_id', '=', userId).executeTakeFirst()
}

before(async () => {
  database = await testDatabase()
  users = userService(database.db)
  oldhamId = (await createPartnership(database.db, 'oldham')).id
  rochdaleId = (await createPartnership(database.db, 'rochdale')).id
  admin = (await createMember(database.db, oldhamId, 'admin')).actor
  editor = (await createMember(database.db, oldhamId, 'editor')).actor
  rochdaleAdmin = (await createMember(database.db, rochdaleId, 'admin')).actor
})

after(() => database.close())

describe('inviting people', () => {
  test('an admin invites a new address: nothing but an audited invitation, whose link lets its holder make the account and join', async () => {
    const { invitation, token } = await users.invite(admin, { email: 'Amina.Khan@example.org ', displayName: 'Amina Khan', role: 'editor' })
    assert.equal(invitation.email, 'amina.khan@example.org')
    assert.equal(invitation.role, 'editor')
    assert.equal(
      await database.db.selectFrom('users').select('id').where('email', '=', 'amina.khan@example.org').executeTakeFirst(),
      undefined,
      'no account yet',
    )
    const stored = await database.db.selectFrom('invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow()
    assert.notEqual(stored.token_hash, token, 'only a hash of the link is kept')
    assert.deepEqual(
      (await auditFor(invitation.id)).map((r) => [r.entity_type, r.action, r.partnership_id, r.actor_id]),
      [['invitation', 'create', oldhamId, admin.userId]],
    )

    const joined = await invitationService(database.db).createAccountAndAccept(token, { displayName: 'Amina Khan', password: newPassword })
    assert.equal(joined.partnershipId, oldhamId)
    assert.equal((await membershipOf(oldhamId, joined.userId))?.role, 'editor')
    assert.deepEqual(await signIn(database.db, 'amina.khan@example.org', newPassword, throttle), {
      ok: true,
      userId: joined.userId,
      firstPartnershipId: oldhamId,
    })
    const rows = (await auditFor(joined.userId)).map((r) => [r.entity_type, r.action, r.partnership_id, r.actor_id])
    assert.deepEqual(rows, [
      ['membership', 'create', oldhamId, joined.userId],
      ['user', 'create', oldhamId, joined.userId],
    ])
  })

  test('inviting an address that has an account in another partnership looks the same and attaches nothing', async () => {
    const { user } = await createMember(database.db, rochdaleId, 'viewer', 'sam.jones@example.org')
    const { invitation } = await users.invite(admin, { email: 'Sam.Jones@Example.org ', displayName: 'Somebody Else', role: 'admin' })
    assert.equal(invitation.email, 'sam.jones@example.org')
    assert.equal(await membershipOf(oldhamId, user.id), undefined, 'not a member until they accept')
    assert.equal((await signIn(database.db, 'sam.jones@example.org', testPassword, throttle)).ok, true)
    assert.deepEqual(await auditFor(user.id), [], 'nothing about the account is written anywhere')
    // The admin cannot reach the account at all.
    await assert.rejects(users.setPassword(admin, user.id, newPassword), NotFoundError)
  })

  test('adding someone who is already a member is a field error and changes nothing', async () => {
    const { user } = await createMember(database.db, oldhamId, 'viewer', 'already@example.org')
    const fields = await fieldsOf(users.invite(admin, { email: 'already@example.org', displayName: 'Already Here', role: 'admin' }))
    assert.match(fields.email ?? '', /already a member of this partnership/)
    assert.equal((await membershipOf(oldhamId, user.id))?.role, 'viewer')
    assert.equal((await auditFor(user.id)).length, 0)
    assert.equal((await database.db.selectFrom('invitations').select('id').where('email', '=', 'already@example.org').execute()).length, 0)
  })
})

describe('changing roles', () => {
  test('an admin changes a role; the version moves on and the change is audited with before and after', async () => {
    const { user } = await createMember(database.db, oldhamId, 'viewer', 'role.change@example.org')
    const changed = await users.changeRole(admin, user.id, 1, 'editor')
    assert.equal(changed.role, 'editor')
    assert.equal(changed.version, 2)
    const [row] = await auditFor(user.id)
    assert.equal(row?.action, 'update')
    assert.equal(row?.entity_type, 'membership')
    assert.equal((row?.before as { role: string }).role, 'viewer')
    assert.equal((row?.after as { role: string }).role, 'editor')
  })

  test('a role change from a stale version is a conflict and changes nothing', async () => {
    const { user } = await createMember(database.db, oldhamId, 'viewer', 'stale@example.org')
    await users.changeRole(admin, user.id, 1, 'contributor')
    await assert.rejects(users.changeRole(admin, user.id, 1, 'admin'), ConflictError)
    assert.equal((await membershipOf(oldhamId, user.id))?.role, 'contributor')
    assert.equal((await auditFor(user.id)).length, 1)
  })

  test('another partnership’s members cannot be seen or changed', async () => {
    const { user } = await createMember(database.db, rochdaleId, 'editor', 'rochdale.only@example.org')
    assert.equal((await users.get(rochdaleAdmin, user.id)).role, 'editor', 'their own partnership’s admin sees them')
    await assert.rejects(users.get(admin, user.id), NotFoundError)
    await assert.rejects(users.changeRole(admin, user.id, 1, 'viewer'), NotFoundError)
    await assert.rejects(users.remove(admin, user.id, 1), NotFoundError)
    await assert.rejects(users.setPassword(admin, user.id, newPassword), NotFoundError)
    assert.equal((await membershipOf(rochdaleId, user.id))?.role, 'editor')
    assert.equal((await signIn(database.db, 'rochdale.only@example.org', testPassword, throttle)).ok, true)
    assert.ok(!(await users.list(admin)).some((m) => m.userId === user.id))
  })
})

describe('the last admin', () => {
  test('the only admin cannot demote or remove themselves', async () => {
    const solo = await createPartnership(database.db, 'solo')
    const { actor } = await createMember(database.db, solo.id, 'admin')
    const userId = actor.userId ?? ''
    assert.equal((await fieldsOf(users.changeRole(actor, userId, 1, 'editor'))).role, lastAdminMessage)
    assert.equal((await fieldsOf(users.remove(actor, userId, 1))).remove, lastAdminMessage)
    assert.equal((await membershipOf(solo.id, userId))?.role, 'admin')
  })

  test('with a second admin, an admin may step down but never remove themselves', async () => {
    const pair = await createPartnership(database.db, 'pair')
    const first = (await createMember(database.db, pair.id, 'admin', 'first.admin@example.org')).actor
    const second = (await createMember(database.db, pair.id, 'admin', 'second.admin@example.org')).actor
    assert.equal((await fieldsOf(users.remove(first, first.userId ?? '', 1))).remove, removeSelfMessage)
    const steppedDown = await users.changeRole(first, first.userId ?? '', 1, 'editor')
    assert.equal(steppedDown.role, 'editor')
    // The second admin is now the last one.
    assert.equal((await fieldsOf(users.changeRole(second, second.userId ?? '', 1, 'viewer'))).role, lastAdminMessage)
  })
})

describe('removing members', () => {
  test('removal deletes only the membership: the account stays, and the audit row keeps the membership as it was', async () => {
    const { user } = await createMember(database.db, oldhamId, 'contributor', 'leaving@example.org')
    const removed = await users.remove(admin, user.id, 1)
    assert.equal(removed.role, 'contributor')
    assert.equal(await membershipOf(oldhamId, user.id), undefined)
    const account = await database.db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirst()
    assert.equal(account?.email, 'leaving@example.org')
    const [row] = await auditFor(user.id)
    assert.equal(row?.action, 'delete')
    assert.equal((row?.before as { role: string; email: string }).role, 'contributor')
    assert.equal(row?.after, null)
  })

  test('removal from a stale version is a conflict', async () => {
    const { user } = await createMember(database.db, oldhamId, 'viewer', 'stale.remove@example.org')
    await users.changeRole(admin, user.id, 1, 'editor')
    await assert.rejects(users.remove(admin, user.id, 1), ConflictError)
    assert.equal((await membershipOf(oldhamId, user.id))?.role, 'editor')
  })
})

describe('permissions', () => {
  test('only admins manage users: an editor is refused every use case', async () => {
    const { user } = await createMember(database.db, oldhamId, 'viewer', 'target@example.org')
    await assert.rejects(users.list(editor), ForbiddenError)
    await assert.rejects(users.get(editor, user.id), ForbiddenError)
    await assert.rejects(users.invite(editor, { email: 'x@example.org', displayName: 'X', role: 'admin' }), ForbiddenError)
    await assert.rejects(users.invitations(editor), ForbiddenError)
    await assert.rejects(users.changeRole(editor, user.id, 1, 'admin'), ForbiddenError)
    await assert.rejects(users.remove(editor, user.id, 1), ForbiddenError)
    await assert.rejects(users.setPassword(editor, user.id, newPassword), ForbiddenError)
    assert.equal((await membershipOf(oldhamId, user.id))?.role, 'viewer')
    assert.equal(await database.db.selectFrom('users').select('id').where('email', '=', 'x@example.org').executeTakeFirst(), undefined)
  })
})

describe('an admin setting a password', () => {
  test('sets the password, lifts a lock, signs the member out everywhere and audits without the hash', async () => {
    const { user } = await createMember(database.db, oldhamId, 'viewer', 'locked.out@example.org')
    await database.db
      .updateTable('users')
      .set({ failed_sign_ins: 3, locked_until: new Date(Date.now() + 3_600_000) })
      .where('id', '=', user.id)
      .execute()
    const token = await createSession(database.db, user.id, oldhamId, 1)
    await users.setPassword(admin, user.id, newPassword)
    assert.equal(await findSession(database.db, token), null)
    assert.equal((await signIn(database.db, 'locked.out@example.org', newPassword, throttle)).ok, true)
    const [row] = await auditFor(user.id)
    assert.equal(row?.entity_type, 'user')
    assert.equal(row?.partnership_id, oldhamId)
    assert.equal((row?.before as { failedSignIns: number }).failedSignIns, 3)
    assert.equal((row?.after as { lockedUntil: unknown }).lockedUntil, null)
  })

  test('a short password is refused and the old one still works', async () => {
    const { user } = await createMember(database.db, oldhamId, 'viewer', 'short@example.org')
    assert.match((await fieldsOf(users.setPassword(admin, user.id, 'short'))).password ?? '', /12 characters or more/)
    assert.equal((await signIn(database.db, 'short@example.org', testPassword, throttle)).ok, true)
  })
})

describe('accounts that span partnerships', () => {
  test('an admin cannot set the password of a member who also belongs to another partnership', async () => {
    const { user } = await createMember(database.db, rochdaleId, 'admin', 'both.admin@example.org')
    await database.db.insertInto('memberships').values({ partnership_id: oldhamId, user_id: user.id, role: 'viewer' }).execute()
    const fields = await fieldsOf(users.setPassword(admin, user.id, newPassword))
    assert.match(fields.password ?? '', /also belongs to another partnership/)
    assert.match(fields.password ?? '', /thrive user set-password/)
    assert.equal((await signIn(database.db, 'both.admin@example.org', testPassword, throttle)).ok, true)
    assert.deepEqual(await auditFor(user.id), [])
  })

  test('an admin in two partnerships may set their own password, audited in both', async () => {
    const { user, actor } = await createMember(database.db, oldhamId, 'admin', 'self.admin@example.org')
    await database.db.insertInto('memberships').values({ partnership_id: rochdaleId, user_id: user.id, role: 'viewer' }).execute()
    await users.setPassword(actor, user.id, newPassword)
    const rows = await auditFor(user.id)
    assert.deepEqual(
      rows.map((r) => [r.partnership_id, r.actor_id, r.entity_type]).sort(),
      [
        [oldhamId, user.id, 'user'],
        [rochdaleId, user.id, 'user'],
      ].sort(),
    )
  })

  test('removing a member, or changing their role, ends their sessions in that partnership only', async () => {
    const { user } = await createMember(database.db, oldhamId, 'editor', 'two.sessions@example.org')
    await database.db.insertInto('memberships').values({ partnership_id: rochdaleId, user_id: user.id, role: 'viewer' }).execute()
    const inOldham = await createSession(database.db, user.id, oldhamId, 1)
    const inRochdale = await createSession(database.db, user.id, rochdaleId, 1)
    await users.changeRole(admin, user.id, 1, 'viewer')
    assert.equal(await findSession(database.db, inOldham), null)
    assert.equal((await findSession(database.db, inRochdale))?.partnership?.id, rochdaleId)

    const again = await createSession(database.db, user.id, oldhamId, 1)
    await users.remove(admin, user.id, 2)
    assert.equal(await findSession(database.db, again), null)
    assert.equal((await findSession(database.db, inRochdale))?.partnership?.id, rochdaleId)
  })

  test('a refused change leaves the member’s sessions alone', async () => {
    const { user } = await createMember(database.db, oldhamId, 'viewer', 'kept.session@example.org')
    const token = await createSession(database.db, user.id, oldhamId, 1)
    await assert.rejects(users.changeRole(admin, user.id, 7, 'editor'), ConflictError)
    assert.ok(await findSession(database.db, token))
  })
})

describe('command line: addUser', () => {
  test('creates an account with no partnership, audited with no partnership', async () => {
    const result = await addUser(database.db, { email: 'first.admin@council.example', displayName: 'First Admin', password: newPassword })
    assert.equal(result.accountCreated, true)
    assert.equal(result.partnership, null)
    assert.equal((await signIn(database.db, 'first.admin@council.example', newPassword, throttle)).ok, true)
    const rows = await auditFor(result.userId)
    assert.deepEqual(
      rows.map((r) => [r.entity_type, r.action, r.partnership_id, r.actor_id, r.actor_label]),
      [['user', 'create', null, null, 'command line']],
    )
  })

  test('creates an account and a membership with the role given', async () => {
    const result = await addUser(
      database.db,
      { email: 'cli.editor@example.org', displayName: 'CLI Editor', password: newPassword, partnershipSlug: 'oldham', role: 'admin' },
      'setup script',
    )
    assert.equal(result.partnership?.role, 'admin')
    assert.equal((await membershipOf(oldhamId, result.userId))?.role, 'admin')
    const rows = await auditFor(result.userId)
    assert.deepEqual(
      rows.map((r) => [r.entity_type, r.partnership_id, r.actor_label]),
      [
        ['user', oldhamId, 'setup script'],
        ['membership', oldhamId, 'setup script'],
      ],
    )
  })

  test('the role defaults to viewer', async () => {
    const result = await addUser(database.db, {
      email: 'cli.viewer@example.org',
      displayName: 'CLI Viewer',
      password: newPassword,
      partnershipSlug: 'rochdale',
    })
    assert.equal((await membershipOf(rochdaleId, result.userId))?.role, 'viewer')
  })

  test('an existing account is invited to another partnership, not attached, and its password is unchanged', async () => {
    const result = await addUser(database.db, {
      email: 'cli.viewer@example.org',
      displayName: 'Another Name',
      password: 'not the real password',
      partnershipSlug: 'oldham',
      role: 'editor',
    })
    assert.equal(result.accountCreated, false)
    assert.equal(result.displayName, 'CLI Viewer')
    assert.ok(result.invitation?.token)
    assert.equal(await membershipOf(oldhamId, result.userId), undefined)
    assert.equal((await signIn(database.db, 'cli.viewer@example.org', newPassword, throttle)).ok, true)
    const waiting = await invitationService(database.db).waitingFor(result.userId)
    assert.deepEqual(
      waiting.map((i) => [i.partnershipId, i.role, i.invitedByLabel]),
      [[oldhamId, 'editor', 'command line']],
    )
    await invitationService(database.db).accept(result.userId, waiting[0]!.id)
    assert.equal((await membershipOf(oldhamId, result.userId))?.role, 'editor')
  })

  test('bad input gets clear messages and changes nothing', async () => {
    const bad = await fieldsOf(addUser(database.db, { email: 'not-an-email', displayName: '', password: 'short' }))
    assert.deepEqual(Object.keys(bad).sort(), ['displayName', 'email', 'password'])
    assert.match(bad.password ?? '', /12 characters or more/)
    const unknown = await fieldsOf(
      addUser(database.db, { email: 'nobody@example.org', displayName: 'Nobody', password: newPassword, partnershipSlug: 'atlantis' }),
    )
    assert.match(unknown.partnership ?? '', /no partnership with the slug ‘atlantis’/)
    const role = await fieldsOf(
      addUser(database.db, { email: 'nobody@example.org', displayName: 'Nobody', password: newPassword, partnershipSlug: 'oldham', role: 'overlord' }),
    )
    assert.equal(role.role, 'Select a role')
    assert.equal(await database.db.selectFrom('users').select('id').where('email', '=', 'nobody@example.org').executeTakeFirst(), undefined)
    const taken = await fieldsOf(addUser(database.db, { email: 'first.admin@council.example', displayName: 'Again', password: newPassword }))
    assert.match(taken.email ?? '', /already exists/)
    const member = await fieldsOf(
      addUser(database.db, { email: 'cli.editor@example.org', displayName: 'Again', password: newPassword, partnershipSlug: 'oldham' }),
    )
    assert.match(member.email ?? '', /already a member of Partnership oldham/)
  })
})

describe('command line: setPassword', () => {
  test('sets the password, clears failures and the lock, and audits in each of the person’s partnerships', async () => {
    const { user } = await createMember(database.db, oldhamId, 'editor', 'two.places@example.org')
    await database.db.insertInto('memberships').values({ partnership_id: rochdaleId, user_id: user.id, role: 'viewer' }).execute()
    await database.db
      .updateTable('users')
      .set({ failed_sign_ins: 4, locked_until: new Date(Date.now() + 3_600_000) })
      .where('id', '=', user.id)
      .execute()
    await setPassword(database.db, 'Two.Places@example.org', newPassword, 'support desk')
    const account = await database.db.selectFrom('users').select(['failed_sign_ins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow()
    assert.deepEqual(account, { failed_sign_ins: 0, locked_until: null })
    assert.equal((await signIn(database.db, 'two.places@example.org', newPassword, throttle)).ok, true)
    const rows = await auditFor(user.id)
    assert.deepEqual(rows.map((r) => r.partnership_id).sort(), [oldhamId, rochdaleId].sort())
    assert.ok(rows.every((r) => r.actor_label === 'support desk' && r.actor_id === null && r.entity_type === 'user'))
  })

  test('a person in no partnership gets an audit row with no partnership', async () => {
    const { userId } = await addUser(database.db, { email: 'loner@example.org', displayName: 'Loner', password: newPassword })
    await setPassword(database.db, 'loner@example.org', 'yet another passphrase')
    const rows = await auditFor(userId)
    assert.deepEqual(
      rows.map((r) => [r.action, r.partnership_id, r.actor_label]),
      [
        ['create', null, 'command line'],
        ['update', null, 'command line'],
      ],
    )
  })

  test('an unknown email or a weak password is refused with a clear message', async () => {
    assert.match(
      (await fieldsOf(setPassword(database.db, 'ghost@example.org', newPassword, 'x'))).email ?? '',
      /No user has the email address ghost@example.org/,
    )
    assert.match((await fieldsOf(setPassword(database.db, 'loner@example.org', 'tiny', 'x'))).password ?? '', /12 characters or more/)
    assert.equal((await signIn(database.db, 'loner@example.org', 'yet another passphrase', throttle)).ok, true)
  })
})

test('no audit row anywhere holds a password hash', async () => {
  const rows = await database.db
    .selectFrom('audit_events')
    .select([sql<string>`coalesce(before::text, '') || coalesce(after::text, '') || summary`.as('text'), 'entity_type'])
    .execute()
  assert.ok(
    rows.some((r) => r.entity_type === 'user'),
    'the tests above wrote user audit rows',
  )
  for (const row of rows) {
    assert.ok(!row.text.includes('password_hash'), row.text)
    assert.ok(!row.text.includes('$argon2'), row.text)
  }
})

describe('pages', () => {
  let web: TestApp
  let partnershipId: string
  let adminEmail: string
  let editorEmail: string

  before(async () => {
    web = await testApp()
    partnershipId = (await createPartnership(web.database.db, 'pages')).id
    adminEmail = (await createMember(web.database.db, partnershipId, 'admin')).user.email
    editorEmail = (await createMember(web.database.db, partnershipId, 'editor')).user.email
  })

  after(() => web.close())

  /** Invites through the form; returns the page's confirmation and the link's path. */
  async function inviteThroughForm(client: TestClient, fields: Record<string, string>) {
    const invited = await client.post('/admin/users', fields, { formPage: '/admin/users/new' })
    assert.equal(invited.statusCode, 303)
    assert.equal(invited.headers.location, '/admin/users')
    const list = await client.get('/admin/users')
    const confirmation = /We’ve invited[^<]*/.exec(list.body)?.[0] ?? ''
    const link = /\/join\/[A-Za-z0-9_-]{43}/.exec(confirmation)?.[0] ?? ''
    assert.ok(link, `the confirmation carries the link: ${confirmation}`)
    return { confirmation, link, list: list.body }
  }

  test('an admin invites a new person, who makes their own account from the link and signs in', async () => {
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const form = await client.get('/admin/users/new')
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Editor – add and change the partnership’s records/)
    assert.doesNotMatch(form.body, /name="password"/, 'an admin no longer chooses anyone’s password')
    const { confirmation, link, list } = await inviteThroughForm(client, { email: 'Priya.Shah@Example.org', displayName: 'Priya Shah', role: 'contributor' })
    assert.match(confirmation, /We’ve invited priya\.shah@example\.org to join as contributor/)
    assert.match(list, /Invitations waiting \(1\)/)

    const priya = new TestClient(web.app)
    const landing = await priya.get(link)
    assert.equal(landing.statusCode, 200)
    assert.match(landing.body, /has invited <strong>priya\.shah@example\.org<\/strong> to join Partnership pages as contributor/)
    const created = await priya.post(`${link}/account`, { displayName: 'Priya Shah', password: newPassword }, { formPage: link })
    assert.equal(created.statusCode, 303)
    const home = await priya.get('/')
    assert.match(home.body, /Signed in as <strong>Priya Shah<\/strong> \(contributor\)/)
    assert.equal((await priya.get(link)).statusCode, 404, 'the link works once')
    await new TestClient(web.app).signIn('priya.shah@example.org', newPassword)
    assert.doesNotMatch((await client.get('/admin/users')).body, /Invitations waiting/)
  })

  test('inviting someone who already has an account reads exactly as for a new address, and they accept when signed in', async () => {
    const elsewhere = await createPartnership(web.database.db, 'elsewhere')
    const { user } = await createMember(web.database.db, elsewhere.id, 'viewer', 'elsewhere@example.org')
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const existing = await inviteThroughForm(client, { email: 'elsewhere@example.org', displayName: 'New Name', role: 'viewer' })
    const fresh = await inviteThroughForm(client, { email: 'nobody.yet@example.org', displayName: 'New Name', role: 'viewer' })
    const neutral = (text: string) => text.replace(/[a-z.]+@example\.org/, 'EMAIL').replace(/\/join\/\S+/, 'LINK')
    assert.equal(neutral(existing.confirmation), neutral(fresh.confirmation))
    const membership = () =>
      web.database.db.selectFrom('memberships').select('role').where('partnership_id', '=', partnershipId).where('user_id', '=', user.id).executeTakeFirst()
    assert.equal(await membership(), undefined)

    // The link cannot set the existing account's password.
    const linkHolder = new TestClient(web.app)
    const refused = await linkHolder.post(`${existing.link}/account`, { displayName: 'Taken Over', password: newPassword }, { formPage: existing.link })
    assert.equal(refused.statusCode, 400)
    assert.equal((await signIn(web.database.db, 'elsewhere@example.org', newPassword, throttle)).ok, false)

    const holder = new TestClient(web.app)
    const signedIn = await holder.signIn('elsewhere@example.org', testPassword)
    assert.equal(signedIn.headers.location, '/partnerships', 'someone with invitations waiting sees them first')
    const partnerships = await holder.get('/partnerships')
    assert.match(partnerships.body, /Test admin has invited you to join as viewer/)
    const invitationId = /action="\/invitations\/([0-9a-f-]{36})\/accept"/.exec(partnerships.body)?.[1] ?? ''
    const accepted = await holder.post(`/invitations/${invitationId}/accept`, {}, { formPage: '/partnerships' })
    assert.equal(accepted.statusCode, 303)
    assert.equal((await membership())?.role, 'viewer')
    assert.match((await holder.get('/')).body, /You have joined Partnership pages as viewer/)

    const again = await client.post(
      '/admin/users',
      { email: 'elsewhere@example.org', displayName: 'New Name', role: 'viewer' },
      { formPage: '/admin/users/new' },
    )
    assert.equal(again.statusCode, 400)
    assert.match(again.body, /href="#email">Test viewer \(elsewhere@example\.org\) is already a member of this partnership/)
  })

  test('an admin withdraws an invitation, and its link stops working', async () => {
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const { link, list } = await inviteThroughForm(client, { email: 'withdrawn@example.org', displayName: 'Withdrawn', role: 'viewer' })
    const action = /action="(\/admin\/invitations\/[0-9a-f-]{36}\/withdraw)"[\s\S]*?name="version" value="(\d+)"/.exec(list)
    assert.ok(action)
    const withdrawn = await client.post(action[1]!, { version: action[2]! }, { formPage: '/admin/users' })
    assert.equal(withdrawn.statusCode, 303)
    assert.match((await client.get('/admin/users')).body, /The invitation for withdrawn@example\.org has been withdrawn/)
    assert.equal((await new TestClient(web.app).get(link)).statusCode, 404)
  })

  test('a bad form is shown again with the error summary and the input kept', async () => {
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const response = await client.post('/admin/users', { email: 'not-an-email', displayName: 'Kept Name' }, { formPage: '/admin/users/new' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /href="#email">Enter an email address in the correct format/)
    assert.match(response.body, /href="#role">Select a role/)
    assert.match(response.body, /value="Kept Name"/)
  })

  test('an admin changes a role and removes a member through the pages', async () => {
    const { user } = await createMember(web.database.db, partnershipId, 'viewer', 'to.remove@example.org')
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const page = `/admin/users/${user.id}`
    const changed = await client.post(`${page}/role`, { role: 'editor', version: '1' }, { formPage: page })
    assert.equal(changed.statusCode, 303)
    const stale = await client.post(`${page}/role`, { role: 'admin', version: '1' }, { formPage: page })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /changed by someone else/)
    const confirm = await client.get(`${page}/remove`)
    assert.equal(confirm.statusCode, 200)
    const removed = await client.post(`${page}/remove`, { version: '2' }, { formPage: `${page}/remove` })
    assert.equal(removed.statusCode, 303)
    assert.equal(removed.headers.location, '/admin/users')
    assert.equal((await client.get(page)).statusCode, 404)
  })

  test('the last admin trying to step down is told why', async () => {
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const admin = await web.database.db.selectFrom('users').select('id').where('email', '=', adminEmail).executeTakeFirstOrThrow()
    const page = `/admin/users/${admin.id}`
    const response = await client.post(`${page}/role`, { role: 'viewer', version: '1' }, { formPage: page })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /href="#role">A partnership must keep at least one admin/)
    assert.equal((await web.database.db.selectFrom('memberships').select('role').where('user_id', '=', admin.id).executeTakeFirstOrThrow()).role, 'admin')
  })

  test('an admin who steps down while another admin remains goes to the home page', async () => {
    const pair = await createPartnership(web.database.db, 'step-down')
    const leaving = (await createMember(web.database.db, pair.id, 'admin', 'leaving.admin@example.org')).user
    await createMember(web.database.db, pair.id, 'admin', 'staying.admin@example.org')
    const client = new TestClient(web.app)
    await client.signIn(leaving.email)
    const page = `/admin/users/${leaving.id}`
    const response = await client.post(`${page}/role`, { role: 'editor', version: '1' }, { formPage: page })
    assert.equal(response.statusCode, 303)
    assert.equal(response.headers.location, '/')
    assert.equal((await client.get('/admin/users')).statusCode, 403)
  })

  test('an admin setting a member’s password signs them out; setting their own sends them to sign in again', async () => {
    const own = await createPartnership(web.database.db, 'own-password')
    const ownAdmin = (await createMember(web.database.db, own.id, 'admin')).user
    const member = (await createMember(web.database.db, own.id, 'viewer')).user
    const memberClient = new TestClient(web.app)
    await memberClient.signIn(member.email)
    const client = new TestClient(web.app)
    await client.signIn(ownAdmin.email)

    const memberPage = `/admin/users/${member.id}`
    const tooShort = await client.post(`${memberPage}/password`, { password: 'too short' }, { formPage: memberPage })
    assert.equal(tooShort.statusCode, 400)
    assert.match(tooShort.body, /href="#password">Password must be 12 characters or more/)
    const set = await client.post(`${memberPage}/password`, { password: newPassword }, { formPage: memberPage })
    assert.equal(set.statusCode, 303)
    assert.match((await client.get(memberPage)).body, /A new password has been set for Test viewer, and they have been signed out/)
    assert.equal((await memberClient.get('/')).body.includes('Signed in as'), false)
    await new TestClient(web.app).signIn(member.email, newPassword)

    const ownPage = `/admin/users/${ownAdmin.id}`
    const changed = await client.post(`${ownPage}/password`, { password: newPassword }, { formPage: ownPage })
    assert.equal(changed.statusCode, 303)
    assert.equal(changed.headers.location, '/sign-in')
    const signInPage = await client.get('/sign-in')
    assert.match(signInPage.body, /Your password has been changed\. Sign in again with your new password\./)
    assert.equal((await client.get('/admin/users')).statusCode, 302)
    await client.signIn(ownAdmin.email, newPassword)
  })

  test('an editor gets 403 on every user administration page and form', async () => {
    const client = new TestClient(web.app)
    await client.signIn(editorEmail)
    for (const url of ['/admin/users', '/admin/users/new', '/admin/audit']) {
      assert.equal((await client.get(url)).statusCode, 403, url)
    }
    const response = await client.post('/admin/users', { email: 'sneaky@example.org', displayName: 'Sneaky', role: 'admin', password: newPassword })
    assert.equal(response.statusCode, 403)
    assert.equal(await web.database.db.selectFrom('users').select('id').where('email', '=', 'sneaky@example.org').executeTakeFirst(), undefined)
  })
})
