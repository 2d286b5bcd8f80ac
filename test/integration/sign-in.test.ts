import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import { signIn } from '../../src/platform/auth/sign-in.ts'
import { createSession, destroySession, findSession, switchPartnership } from '../../src/platform/auth/sessions.ts'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership, testPassword } from '../support/fixtures.ts'

const throttle = { maxFailures: 3, lockMinutes: 15 }

describe('signing in', () => {
  let database: DatabaseHandle
  let userId: string
  let first: string
  let second: string
  let outsider: string

  before(async () => {
    database = await testDatabase()
    const a = await createPartnership(database.db, 'alpha', 'Alpha partnership')
    const b = await createPartnership(database.db, 'beta', 'Beta partnership')
    const c = await createPartnership(database.db, 'gamma', 'Gamma partnership')
    first = a.id
    second = b.id
    outsider = c.id
    const { user } = await createMember(database.db, a.id, 'editor', 'Lead.Officer@Example.org'.toLowerCase())
    userId = user.id
    await database.db.insertInto('memberships').values({ partnership_id: b.id, user_id: user.id, role: 'viewer' }).execute()
  })
  after(() => database.close())

  test('the right password signs in, whatever the case of the email, into the first partnership by name', async () => {
    const result = await signIn(database.db, '  LEAD.OFFICER@example.org ', testPassword, throttle)
    assert.deepEqual(result, { ok: true, userId, firstPartnershipId: first })
  })

  test('an unknown email and a wrong password get the same answer', async () => {
    assert.deepEqual(await signIn(database.db, 'nobody@example.org', testPassword, throttle), { ok: false, reason: 'invalid' })
    assert.deepEqual(await signIn(database.db, 'lead.officer@example.org', 'wrong password', throttle), { ok: false, reason: 'invalid' })
    await signIn(database.db, 'lead.officer@example.org', testPassword, throttle) // resets the count
  })

  test('repeated failures lock the account, refusing even the right password until the lock passes', async () => {
    const now = new Date()
    await signIn(database.db, 'lead.officer@example.org', 'wrong 1', throttle, now)
    await signIn(database.db, 'lead.officer@example.org', 'wrong 2', throttle, now)
    const third = await signIn(database.db, 'lead.officer@example.org', 'wrong 3', throttle, now)
    assert.equal(third.ok, false)
    assert.equal(!third.ok && third.reason, 'locked')

    const during = await signIn(database.db, 'lead.officer@example.org', testPassword, throttle, new Date(now.getTime() + 14 * 60_000))
    assert.equal(!during.ok && during.reason, 'locked')

    const afterwards = await signIn(database.db, 'lead.officer@example.org', testPassword, throttle, new Date(now.getTime() + 16 * 60_000))
    assert.equal(afterwards.ok, true)
    const row = await database.db.selectFrom('users').select(['failed_sign_ins', 'locked_until']).where('id', '=', userId).executeTakeFirstOrThrow()
    assert.deepEqual(row, { failed_sign_ins: 0, locked_until: null })
  })

  test('wrong passwords sent in parallel each count: no more than the allowance is ever checked, and the account locks', async () => {
    const { user } = await createMember(database.db, first, 'viewer', 'parallel@example.org')
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(database.db, 'parallel@example.org', `guess ${i}`, throttle)))
    const checkedAndWrong = guesses.filter((g) => !g.ok && g.reason === 'invalid').length
    assert.ok(checkedAndWrong <= throttle.maxFailures - 1, `${checkedAndWrong} guesses were answered as merely wrong`)
    assert.equal(guesses.filter((g) => !g.ok && g.reason === 'locked').length, 12 - checkedAndWrong)
    const row = await database.db.selectFrom('users').select(['failed_sign_ins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow()
    assert.ok(row.locked_until && row.locked_until.getTime() > Date.now() + 14 * 60_000, 'locked for the configured minutes')
    assert.equal(row.failed_sign_ins, throttle.maxFailures)
    assert.equal((await signIn(database.db, 'parallel@example.org', testPassword, throttle)).ok, false, 'the right password waits for the lock')
  })

  test('a disabled user cannot sign in', async () => {
    const { user } = await createMember(database.db, first, 'viewer', 'left@example.org')
    await database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', user.id).execute()
    assert.deepEqual(await signIn(database.db, 'left@example.org', testPassword, throttle), { ok: false, reason: 'invalid' })
  })

  test('a session knows the user, the current partnership and role, and how many partnerships they have', async () => {
    const token = await createSession(database.db, userId, first, 1)
    const session = await findSession(database.db, token)
    assert.equal(session?.user.id, userId)
    assert.deepEqual(session?.partnership, { id: first, name: 'Alpha partnership', slug: 'alpha', role: 'editor' })
    assert.equal(session?.membershipCount, 2)

    assert.equal(await switchPartnership(database.db, token, userId, second), true)
    assert.equal((await findSession(database.db, token))?.partnership?.role, 'viewer')

    assert.equal(await switchPartnership(database.db, token, userId, outsider), false, 'not a member of gamma')
    assert.equal((await findSession(database.db, token))?.partnership?.id, second)

    await destroySession(database.db, token)
    assert.equal(await findSession(database.db, token), null)
  })

  test('the database stores only a hash of the session token, and expired sessions are not found', async () => {
    const token = await createSession(database.db, userId, first, 1)
    const stored = await database.db.selectFrom('sessions').select('id').execute()
    assert.ok(stored.every((row) => row.id !== token))
    await database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute()
    assert.equal(await findSession(database.db, token), null)
  })
})
