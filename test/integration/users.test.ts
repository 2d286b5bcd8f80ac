import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { signIn } from '../../src/platform/auth/sign-in.ts'
import { createSession, findSession } from '../../src/platform/auth/sessions.ts'
import { addUser, setPassword, userService, type UserService } from '../../src/features/users/service.ts'
import { lastAdminMessage, removeSelfMessage } from '../../src/features/users/model.ts'
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

describe('adding users', () => {
  test('an admin adds a new person: an account, a membership, and an audit row for each', async () => {
    const { member, accountExisted } = await users.add(admin, { email: 'amina.khan@example.org', displayName: 'Amina Khan', role: 'editor', password: newPassword })
    assert.equal(accountExisted, false)
    assert.equal(member.email, 'amina.khan@example.org')
    assert.equal(member.displayName, 'Amina Khan')
    assert.equal(member.role, 'editor')
    assert.equal(member.version, 1)
    const signedIn = await signIn(database.db, 'amina.khan@example.org', newPassword, throttle)
    assert.deepEqual(signedIn, { ok: true, userId: member.userId, firstPartnershipId: oldhamId })

    const rows = await auditFor(member.userId)
    assert.deepEqual(rows.map((r) => [r.entity_type, r.action, r.partnership_id, r.actor_id]), [
      ['user', 'create', oldhamId, admin.userId],
      ['membership', 'create', oldhamId, admin.userId],
    ])
    assert.equal((rows[1]?.after as { role: string }).role, 'editor')
  })

  test('adding someone who already has an account only adds a membership, keeping their name and password', async () => {
    const { user } = await createMember(database.db, rochdaleId, 'viewer', 'sam.jones@example.org')
    const { member, accountExisted } = await users.add(admin, { email: 'Sam.Jones@Example.org ', displayName: 'Somebody Else', role: 'contributor', password: newPassword })
    assert.equal(accountExisted, true)
    assert.equal(member.userId, user.id)
    assert.equal(member.displayName, 'Test viewer')
    assert.equal(member.role, 'contributor')
    assert.equal((await signIn(database.db, 'sam.jones@example.org', testPassword, throttle)).ok, true)
    assert.equal((await signIn(database.db, 'sam.jones@example.org', newPassword, throttle)).ok, false)
    assert.equal((await membershipOf(rochdaleId, user.id))?.role, 'viewer')
    const rows = await auditFor(user.id)
    assert.deepEqual(rows.map((r) => [r.entity_type, r.action, r.partnership_id]), [['membership', 'create', oldhamId]])
  })

  test('adding someone who is already a member is a field error and changes nothing', async () => {
    const { user } = await createMember(database.db, oldhamId, 'viewer', 'already@example.org')
    const fields = await fieldsOf(users.add(admin, { email: 'already@example.org', displayName: 'Already Here', role: 'admin', password: newPassword }))
    assert.match(fields.email ?? '', /already a member of this partnership/)
    assert.equal((await membershipOf(oldhamId, user.id))?.role, 'viewer')
    assert.equal((await auditFor(user.id)).length, 0)
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
    await assert.rejects(users.add(editor, { email: 'x@example.org', displayName: 'X', role: 'admin', password: newPassword }), ForbiddenError)
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
    await database.db.updateTable('users').set({ failed_sign_ins: 3, locked_until: new Date(Date.now() + 3_600_000) }).where('id', '=', user.id).execute()
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

describe('command line: addUser', () => {
  test('creates an account with no partnership, audited with no partnership', async () => {
    const result = await addUser(database.db, { email: 'first.admin@council.example', displayName: 'First Admin', password: newPassword })
    assert.equal(result.accountCreated, true)
    assert.equal(result.partnership, null)
    assert.equal((await signIn(database.db, 'first.admin@council.example', newPassword, throttle)).ok, true)
    const rows = await auditFor(result.userId)
    assert.deepEqual(rows.map((r) => [r.entity_type, r.action, r.partnership_id, r.actor_id, r.actor_label]), [['user', 'create', null, null, 'command line']])
  })

  test('creates an account and a membership with the role given', async () => {
    const result = await addUser(database.db, { email: 'cli.editor@example.org', displayName: 'CLI Editor', password: newPassword, partnershipSlug: 'oldham', role: 'admin' }, 'setup script')
    assert.equal(result.partnership?.role, 'admin')
    assert.equal((await membershipOf(oldhamId, result.userId))?.role, 'admin')
    const rows = await auditFor(result.userId)
    assert.deepEqual(rows.map((r) => [r.entity_type, r.partnership_id, r.actor_label]), [
      ['user', oldhamId, 'setup script'],
      ['membership', oldhamId, 'setup script'],
    ])
  })

  test('the role defaults to viewer', async () => {
    const result = await addUser(database.db, { email: 'cli.viewer@example.org', displayName: 'CLI Viewer', password: newPassword, partnershipSlug: 'rochdale' })
    assert.equal((await membershipOf(rochdaleId, result.userId))?.role, 'viewer')
  })

  test('an existing account joins another partnership with its password unchanged', async () => {
    const result = await addUser(database.db, { email: 'cli.viewer@example.org', displayName: 'Another Name', password: 'not the real password', partnershipSlug: 'oldham', role: 'editor' })
    assert.equal(result.accountCreated, false)
    assert.equal(result.displayName, 'CLI Viewer')
    assert.equal((await membershipOf(oldhamId, result.userId))?.role, 'editor')
    assert.equal((await signIn(database.db, 'cli.viewer@example.org', newPassword, throttle)).ok, true)
  })

  test('bad input gets clear messages and changes nothing', async () => {
    const bad = await fieldsOf(addUser(database.db, { email: 'not-an-email', displayName: '', password: 'short' }))
    assert.deepEqual(Object.keys(bad).sort(), ['displayName', 'email', 'password'])
    assert.match(bad.password ?? '', /12 characters or more/)
    const unknown = await fieldsOf(addUser(database.db, { email: 'nobody@example.org', displayName: 'Nobody', password: newPassword, partnershipSlug: 'atlantis' }))
    assert.match(unknown.partnership ?? '', /no partnership with the slug ‘atlantis’/)
    const role = await fieldsOf(addUser(database.db, { email: 'nobody@example.org', displayName: 'Nobody', password: newPassword, partnershipSlug: 'oldham', role: 'overlord' }))
    assert.equal(role.role, 'Select a role')
    assert.equal(await database.db.selectFrom('users').select('id').where('email', '=', 'nobody@example.org').executeTakeFirst(), undefined)
    const taken = await fieldsOf(addUser(database.db, { email: 'first.admin@council.example', displayName: 'Again', password: newPassword }))
    assert.match(taken.email ?? '', /already exists/)
    const member = await fieldsOf(addUser(database.db, { email: 'cli.editor@example.org', displayName: 'Again', password: newPassword, partnershipSlug: 'oldham' }))
    assert.match(member.email ?? '', /already a member of Partnership oldham/)
  })
})

describe('command line: setPassword', () => {
  test('sets the password, clears failures and the lock, and audits in each of the person’s partnerships', async () => {
    const { user } = await createMember(database.db, oldhamId, 'editor', 'two.places@example.org')
    await database.db.insertInto('memberships').values({ partnership_id: rochdaleId, user_id: user.id, role: 'viewer' }).execute()
    await database.db.updateTable('users').set({ failed_sign_ins: 4, locked_until: new Date(Date.now() + 3_600_000) }).where('id', '=', user.id).execute()
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
    assert.deepEqual(rows.map((r) => [r.action, r.partnership_id, r.actor_label]), [
      ['create', null, 'command line'],
      ['update', null, 'command line'],
    ])
  })

  test('an unknown email or a weak password is refused with a clear message', async () => {
    assert.match((await fieldsOf(setPassword(database.db, 'ghost@example.org', newPassword, 'x'))).email ?? '', /No user has the email address ghost@example.org/)
    assert.match((await fieldsOf(setPassword(database.db, 'loner@example.org', 'tiny', 'x'))).password ?? '', /12 characters or more/)
    assert.equal((await signIn(database.db, 'loner@example.org', 'yet another passphrase', throttle)).ok, true)
  })
})

test('no audit row anywhere holds a password hash', async () => {
  const rows = await database.db
    .selectFrom('audit_events')
    .select([sql<string>`coalesce(before::text, '') || coalesce(after::text, '') || summary`.as('text'), 'entity_type'])
    .execute()
  assert.ok(rows.some((r) => r.entity_type === 'user'), 'the tests above wrote user audit rows')
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

  test('an admin adds a user through the form, and the new user can sign in', async () => {
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const form = await client.get('/admin/users/new')
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /Editor – add and change the partnership’s records/)
    const added = await client.post('/admin/users', { email: 'Priya.Shah@Example.org', displayName: 'Priya Shah', role: 'contributor', password: newPassword }, { formPage: '/admin/users/new' })
    assert.equal(added.statusCode, 303)
    const location = String(added.headers.location)
    assert.match(location, /^\/admin\/users\/[0-9a-f-]{36}$/)
    const page = await client.get(location)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /priya\.shah@example\.org/)
    assert.match(page.body, /Priya Shah has been added as contributor/)
    const list = await client.get('/admin/users')
    assert.match(list.body, /Priya Shah/)

    const priya = new TestClient(web.app)
    await priya.signIn('priya.shah@example.org', newPassword)
    const home = await priya.get('/')
    assert.equal(home.statusCode, 200)
    assert.match(home.body, /Signed in as <strong>Priya Shah<\/strong> \(contributor\)/)
  })

  test('adding someone who already has an account says so, and leaves their name and password alone', async () => {
    const elsewhere = await createPartnership(web.database.db, 'elsewhere')
    await createMember(web.database.db, elsewhere.id, 'viewer', 'elsewhere@example.org')
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const added = await client.post('/admin/users', { email: 'elsewhere@example.org', displayName: 'New Name', role: 'viewer', password: newPassword }, { formPage: '/admin/users/new' })
    assert.equal(added.statusCode, 303)
    const page = await client.get(String(added.headers.location))
    assert.match(page.body, /Test viewer \(elsewhere@example\.org\) already had an account, so they have been added to this partnership as viewer\. Their name and password have not been changed\./)
    await new TestClient(web.app).signIn('elsewhere@example.org', testPassword)
    const again = await client.post('/admin/users', { email: 'elsewhere@example.org', displayName: 'New Name', role: 'viewer', password: newPassword }, { formPage: '/admin/users/new' })
    assert.equal(again.statusCode, 400)
    assert.match(again.body, /href="#email">Test viewer \(elsewhere@example\.org\) is already a member of this partnership/)
  })

  test('a bad form is shown again with the error summary, the input kept and the password not echoed', async () => {
    const client = new TestClient(web.app)
    await client.signIn(adminEmail)
    const response = await client.post('/admin/users', { email: 'not-an-email', displayName: 'Kept Name', password: 'short short' }, { formPage: '/admin/users/new' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /govuk-error-summary/)
    assert.match(response.body, /href="#email">Enter an email address in the correct format/)
    assert.match(response.body, /href="#role">Select a role/)
    assert.match(response.body, /href="#password">Password must be 12 characters or more/)
    assert.match(response.body, /value="Kept Name"/)
    assert.doesNotMatch(response.body, /short short/)
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
