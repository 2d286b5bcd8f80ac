import type { Db } from '../db/database.ts'
import { decoy, verifyPassword } from './passwords.ts'
import { lockAfterFailure } from './model.ts'

export type SignInResult =
  | { ok: true; userId: string; firstPartnershipId: string | null }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; until: Date }

export interface ThrottleSettings {
  maxFailures: number
  lockMinutes: number
}

/**
 * Checks an email and password. Repeated failures lock the account for a
 * while; a locked account is refused without checking the password, so
 * guessing gains nothing during the lock.
 */
export async function signIn(db: Db, email: string, password: string, throttle: ThrottleSettings, now = new Date()): Promise<SignInResult> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'failed_sign_ins', 'locked_until', 'disabled_at'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  if (!user || user.disabled_at) {
    await verifyPassword(await decoy(), password)
    return { ok: false, reason: 'invalid' }
  }
  if (user.locked_until && user.locked_until > now) return { ok: false, reason: 'locked', until: user.locked_until }

  if (!(await verifyPassword(user.password_hash, password))) {
    const next = lockAfterFailure(user.failed_sign_ins, throttle.maxFailures, throttle.lockMinutes, now)
    await db.updateTable('users').set({ failed_sign_ins: next.failures, locked_until: next.lockedUntil }).where('id', '=', user.id).execute()
    return next.lockedUntil ? { ok: false, reason: 'locked', until: next.lockedUntil } : { ok: false, reason: 'invalid' }
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
