import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../db/database.ts'
import type { Role } from '../db/tables.ts'

// The cookie holds a random token; the database holds only its hash, so a
// leaked sessions table cannot be replayed.
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export interface SessionContext {
  /** isOperator: council IT, who may create partnerships (set only from the command line). */
  user: { id: string; email: string; displayName: string; isOperator: boolean }
  partnership: { id: string; name: string; slug: string; role: Role } | null
  membershipCount: number
  /**
   * How far the platform's data and the current partnership's had moved on when
   * this request began (data_versions): a page rendered for the same person,
   * address and data version is the same page (src/platform/http/page-cache.ts).
   */
  dataVersion: string
}

export async function createSession(db: Db, userId: string, partnershipId: string | null, ttlHours: number): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db
    .insertInto('sessions')
    .values({ id: hashToken(token), user_id: userId, partnership_id: partnershipId, expires_at: new Date(Date.now() + ttlHours * 3_600_000) })
    .execute()
  return token
}

/** One query per request: the user, their current partnership and role, and how many partnerships they belong to. */
export async function findSession(db: Db, token: string): Promise<SessionContext | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('memberships as m', (join) => join.onRef('m.user_id', '=', 's.user_id').onRef('m.partnership_id', '=', 's.partnership_id'))
    .leftJoin('partnerships as p', 'p.id', 'm.partnership_id')
    .select((eb) => [
      'u.id as userId',
      'u.email',
      'u.display_name as displayName',
      'u.is_operator as isOperator',
      'p.id as partnershipId',
      'p.name as partnershipName',
      'p.slug as partnershipSlug',
      'm.role',
      eb.selectFrom('memberships as all_m').whereRef('all_m.user_id', '=', 's.user_id').select(eb.fn.countAll<number>().as('n')).as('membershipCount'),
      eb.selectFrom('data_versions as platform_v').where('platform_v.scope', '=', 'platform').select('platform_v.version').as('platformVersion'),
      eb
        .selectFrom('data_versions as partnership_v')
        .where('partnership_v.scope', '=', eb.cast<string>('p.id', 'text'))
        .select('partnership_v.version')
        .as('partnershipVersion'),
    ])
    .where('s.id', '=', hashToken(token))
    .where('s.expires_at', '>', new Date())
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  return {
    user: { id: row.userId, email: row.email, displayName: row.displayName, isOperator: row.isOperator },
    partnership:
      row.partnershipId && row.role && row.partnershipName && row.partnershipSlug
        ? { id: row.partnershipId, name: row.partnershipName, slug: row.partnershipSlug, role: row.role }
        : null,
    membershipCount: Number(row.membershipCount ?? 0),
    dataVersion: `${row.platformVersion ?? 0}.${row.partnershipVersion ?? 0}`,
  }
}

export async function switchPartnership(db: Db, token: string, userId: string, partnershipId: string): Promise<boolean> {
  const member = await db.selectFrom('memberships').select('role').where('user_id', '=', userId).where('partnership_id', '=', partnershipId).executeTakeFirst()
  if (!member) return false
  await db.updateTable('sessions').set({ partnership_id: partnershipId }).where('id', '=', hashToken(token)).execute()
  return true
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute()
}

export async function destroyExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).execute()
}

export async function partnershipsOf(db: Db, userId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('partnerships as p', 'p.id', 'm.partnership_id')
    .select(['p.id', 'p.name', 'p.slug', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('p.name')
    .execute()
}
