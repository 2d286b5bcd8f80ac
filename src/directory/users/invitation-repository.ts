import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { Role } from '../../platform/db/tables.ts'

/** An invitation as the inviter and the invited see it: never its token. */
export interface Invitation {
  id: string
  partnershipId: string
  email: string
  displayName: string
  role: Role
  invitedByLabel: string
  createdAt: Date
  expiresAt: Date
  version: number
}

export interface InvitationWithPartnership extends Invitation {
  partnershipName: string
  partnershipSlug: string
}

export const invitationDays = 14

/** The link's secret: random, and stored only as a hash so a leaked table cannot be used to accept. */
export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

function invitations(db: Executor) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('partnerships as p', 'p.id', 'i.partnership_id')
    .select((eb) => [
      'i.id',
      'i.partnership_id as partnershipId',
      'i.email',
      'i.display_name as displayName',
      'i.role',
      'i.invited_by_label as invitedByLabel',
      eb.ref('i.created_at').as('createdAt'),
      'i.expires_at as expiresAt',
      'i.version',
      'p.name as partnershipName',
      'p.slug as partnershipSlug',
    ])
    .where('i.accepted_at', 'is', null)
    .where('i.declined_at', 'is', null)
    .where('i.withdrawn_at', 'is', null)
}

/** Open invitations of one partnership, expired ones included so an admin can see them lapse. */
export async function listOpen(db: Executor, partnershipId: string): Promise<InvitationWithPartnership[]> {
  return invitations(db).where('i.partnership_id', '=', partnershipId).orderBy('i.created_at', 'desc').execute()
}

export async function findOpen(db: Executor, partnershipId: string, id: string): Promise<InvitationWithPartnership | undefined> {
  return invitations(db).where('i.partnership_id', '=', partnershipId).where('i.id', '=', id).executeTakeFirst()
}

/** Platform-wide, as the owner role: the invitations waiting for one email address, in any partnership. */
export async function listWaitingFor(db: Executor, email: string, now: Date): Promise<InvitationWithPartnership[]> {
  return invitations(db).where('i.email', '=', email).where('i.expires_at', '>', now).orderBy('p.name').execute()
}

/** Locked until the transaction ends, so an invitation is accepted, declined or withdrawn once. */
export async function lockWaitingById(db: Executor, id: string, email: string, now: Date): Promise<InvitationWithPartnership | undefined> {
  return invitations(db).where('i.id', '=', id).where('i.email', '=', email).where('i.expires_at', '>', now).forUpdate('i').executeTakeFirst()
}

export async function lockWaitingByToken(db: Executor, token: string, now: Date): Promise<InvitationWithPartnership | undefined> {
  return invitations(db).where('i.token_hash', '=', hashInvitationToken(token)).where('i.expires_at', '>', now).forUpdate('i').executeTakeFirst()
}

export async function findWaitingByToken(db: Executor, token: string, now: Date): Promise<InvitationWithPartnership | undefined> {
  return invitations(db).where('i.token_hash', '=', hashInvitationToken(token)).where('i.expires_at', '>', now).executeTakeFirst()
}

export interface NewInvitation {
  partnershipId: string
  email: string
  displayName: string
  role: Role
  invitedBy: string | null
  invitedByLabel: string
  token: string
  expiresAt: Date
}

/** Withdraws any open invitation for the same person first: inviting again replaces it (and its link). */
export async function insertInvitation(db: Executor, invitation: NewInvitation): Promise<string> {
  await db
    .updateTable('invitations')
    .set({ withdrawn_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', invitation.partnershipId)
    .where('email', '=', invitation.email)
    .where('accepted_at', 'is', null)
    .where('declined_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .execute()
  const row = await db
    .insertInto('invitations')
    .values({
      partnership_id: invitation.partnershipId,
      email: invitation.email,
      display_name: invitation.displayName,
      role: invitation.role,
      invited_by: invitation.invitedBy,
      invited_by_label: invitation.invitedByLabel,
      token_hash: hashInvitationToken(invitation.token),
      expires_at: invitation.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export type Outcome = 'accepted_at' | 'declined_at' | 'withdrawn_at'

/** Closes an open invitation; false when it was already closed or the version has moved on. */
export async function closeInvitation(db: Executor, id: string, outcome: Outcome, version?: number): Promise<boolean> {
  let query = db
    .updateTable('invitations')
    .set({ [outcome]: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('declined_at', 'is', null)
    .where('withdrawn_at', 'is', null)
  if (version !== undefined) query = query.where('version', '=', version)
  return (await query.returning('id').executeTakeFirst()) !== undefined
}
