import { sql } from 'kysely'
import type { Db } from '../db/database.ts'
import { decoy, verifyPassword } from './passwords.ts'

export type SignInResult =
  { ok: true; userId: string; firstPartnershipId: string | null } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; until: Date }

export interface ThrottleSettings {
  maxFailures: number
  lockMinutes: number
}

/**
 * Takes one attempt from the account's allowance before the password is
 * checked, in a single UPDATE, so guesses sent in parallel each take their
 * own attempt and no more than the allowance are ever checked. An expired
 * lock starts the count again. Returns null while the account is locked.
 */
async function takeAttempt(db: Db, userId: string, throttle: ThrottleSettings, now: Date): Promise<{ lockedUntil: Date | null } | null> {
  const failures = sql<number>`(CASE WHEN locked_until IS NULL THEN failed_sign_ins ELSE 0 END) + 1`
  const lockUntil = new Date(now.getTime() + throttle.lockMinutes * 60_000)
  const row = await db
    .updateTable('users')
    .set({
      failed_sign_ins: failures,
      locked_until: sql<Date | null>`CASE WHEN ${failures} >= ${throttle.maxFailures} THEN ${lockUntil}::timestamptz ELSE NULL END`,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('locked_until as lockedUntil')
    .executeTakeFirst()
  return row ?? null
}

/**
 * Checks an email and password. Repeated failures lock the account for a
 * while; a locked account is refused without its password being checked, so
 * guessing gains nothing during the lock. Every refusal takes the time of a
 * password check, so timing does not tell which emails have accounts.
 */
export async function signIn(db: Db, email: string, password: string, throttle: ThrottleSettings, now = new Date()): Promise<SignInResult> {
  const user = await db.selectFrom('users').select(['id', 'password_hash', 'disabled_at']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst()
  if (!user || user.disabled_at) {
    await verifyPassword(await decoy(), password)
    return { ok: false, reason: 'invalid' }
  }
  const attempt = await takeAttempt(db, user.id, throttle, now)
  if (!attempt) {
    await verifyPassword(await decoy(), password)
    const locked = await db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirst()
    return { ok: false, reason: 'locked', until: locked?.locked_until ?? now }
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    return attempt.lockedUntil ? { ok: false, reason: 'locked', until: attempt.lockedUntil } : { ok: false, reason: 'invalid' }
  }

  await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', user.id).execute()
  const first = await db
    .selectFrom('memberships as m')
    .innerJoin('partnerships as p', 'p.id', 'm.partnership_id')
    .select('p.id')
    .where('m.user_id', '=', user.id)
    .orderBy('p.name')
    .executeTakeFirst()
  return { ok: true, userId: user.id, firstPartnershipId: first?.id ?? null }
}
