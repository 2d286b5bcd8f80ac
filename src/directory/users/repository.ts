import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { Role } from '../../platform/db/tables.ts'

/** A member as the partnership sees them: only the user columns the application role may read. */
export interface Member {
  userId: string
  email: string
  displayName: string
  role: Role
  addedAt: Date
  accountCreatedAt: Date
  disabledAt: Date | null
  version: number
}

function members(db: Executor, partnershipId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select((eb) => [
      'u.id as userId',
      'u.email',
      'u.display_name as displayName',
      'm.role',
      // tables.ts wraps created_at's ColumnType in Generated, which hides the Date it selects as.
      eb.ref('m.created_at').as('addedAt'),
      eb.ref('u.created_at').as('accountCreatedAt'),
      'u.disabled_at as disabledAt',
      'm.version',
    ])
    .where('m.partnership_id', '=', partnershipId)
}

export async function listMembers(db: Executor, partnershipId: string): Promise<Member[]> {
  return members(db, partnershipId)
    .orderBy(sql`lower(u.display_name)`)
    .orderBy('u.email')
    .execute()
}

export async function findMember(db: Executor, partnershipId: string, userId: string): Promise<Member | undefined> {
  return members(db, partnershipId).where('m.user_id', '=', userId).executeTakeFirst()
}

/** The admins' memberships, locked until the transaction ends, so two admins demoting themselves at once cannot both succeed. */
export async function lockAdmins(db: Executor, partnershipId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('partnership_id', '=', partnershipId)
    .where('role', '=', 'admin')
    .forUpdate()
    .execute()
  return rows.map((row) => row.user_id)
}

export async function insertMembership(db: Executor, partnershipId: string, userId: string, role: Role): Promise<boolean> {
  const inserted = await db
    .insertInto('memberships')
    .values({ partnership_id: partnershipId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['partnership_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Changes the role only if the version still matches; false means someone else got there first. */
export async function updateRole(db: Executor, partnershipId: string, userId: string, version: number, role: Role): Promise<boolean> {
  const updated = await db
    .updateTable('memberships')
    .set({ role, version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .returning('user_id')
    .executeTakeFirst()
  return updated !== undefined
}

// A membership is the one row that is deleted rather than archived: the person
// keeps their account, and the audit row keeps the membership as it was.
export async function deleteMembership(db: Executor, partnershipId: string, userId: string, version: number): Promise<boolean> {
  const deleted = await db
    .deleteFrom('memberships')
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .returning('user_id')
    .executeTakeFirst()
  return deleted !== undefined
}

// Platform-wide: the functions below touch users and sessions, which only the
// owner role may write, so they run before a transaction enters a partnership.

export interface Account {
  id: string
  email: string
  displayName: string
  createdAt: Date
}

export async function findAccountByEmail(db: Executor, email: string): Promise<Account | undefined> {
  return db
    .selectFrom('users')
    .select((eb) => ['id', 'email', 'display_name as displayName', eb.ref('created_at').as('createdAt')])
    .where('email', '=', email)
    .executeTakeFirst()
}

/** Inserts the user, or returns undefined when the email is already taken (even by a transaction that committed a moment ago). */
export async function insertAccount(db: Executor, email: string, displayName: string, passwordHash: string): Promise<Account | undefined> {
  return db
    .insertInto('users')
    .values({ email, display_name: displayName, password_hash: passwordHash })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning((eb) => ['id', 'email', 'display_name as displayName', eb.ref('created_at').as('createdAt')])
    .executeTakeFirst()
}

export interface SignInState {
  failedSignIns: number
  lockedUntil: Date | null
}

/** Sets a new password hash and lifts any sign-in lock; returns the lock state as it was. */
export async function replacePassword(db: Executor, userId: string, passwordHash: string): Promise<SignInState | undefined> {
  const before = await db
    .selectFrom('users')
    .select(['failed_sign_ins as failedSignIns', 'locked_until as lockedUntil'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst()
  if (!before) return undefined
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null, version: sql`version + 1` })
    .where('id', '=', userId)
    .execute()
  return before
}

/** Signs the person out everywhere: whoever knew the old password loses any session they had. */
export async function endSessions(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

export async function partnershipIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('partnership_id').where('user_id', '=', userId).orderBy('partnership_id').execute()
  return rows.map((row) => row.partnership_id)
}

export async function findPartnershipBySlug(db: Executor, slug: string) {
  return db.selectFrom('partnerships').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst()
}

/** The account's row locked until the transaction ends: a password change and a new membership cannot pass each other. */
export async function lockAccount(db: Executor, userId: string): Promise<Account | undefined> {
  return db
    .selectFrom('users')
    .select((eb) => ['id', 'email', 'display_name as displayName', eb.ref('created_at').as('createdAt')])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst()
}

/** Inside a partnership's row-level security: whether this email already belongs to one of its members. */
export async function findMemberByEmail(db: Executor, partnershipId: string, email: string): Promise<Member | undefined> {
  return members(db, partnershipId).where('u.email', '=', email).executeTakeFirst()
}

/** Ends the member's sessions in the partnership the transaction is in; their sessions elsewhere go on. */
export async function endSessionsInPartnership(db: Executor, userId: string): Promise<void> {
  await sql`SELECT thrive_end_sessions_in_partnership(${userId}::uuid)`.execute(db)
}

export async function setOperator(db: Executor, userId: string, isOperator: boolean): Promise<boolean> {
  const row = await db.selectFrom('users').select('is_operator').where('id', '=', userId).forUpdate().executeTakeFirst()
  if (!row || row.is_operator === isOperator) return false
  await db
    .updateTable('users')
    .set({ is_operator: isOperator, version: sql`version + 1` })
    .where('id', '=', userId)
    .execute()
  return true
}
