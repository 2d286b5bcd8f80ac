import type { Db } from '../../platform/db/database.ts'
import { enterPartnership, type Trx } from '../../platform/db/tenancy.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { hashPassword } from '../../platform/auth/passwords.ts'
import { parseForm } from '../../platform/http/forms.ts'
import { NotFoundError, ValidationError } from '../../platform/errors.ts'
import * as repo from './repository.ts'
import * as invitations from './invitation-repository.ts'
import { newAccountForm } from './schema.ts'

export const accountExistsMessage = 'An account already has this email address. Sign in to accept the invitation.'

/**
 * The invited person's side: they see the invitations waiting for their
 * email address and accept or decline them. Accepting is the only way an
 * existing account joins another partnership.
 */
export function invitationService(db: Db) {
  async function accountOf(trx: Trx, userId: string): Promise<repo.Account> {
    // Locked, so an admin's password change for an account in one partnership cannot pass its joining a second.
    const account = await repo.lockAccount(trx, userId)
    if (!account) throw new NotFoundError('The account')
    return account
  }

  /** Joins the partnership (if not already a member), closes the invitation, and audits both there. */
  async function join(trx: Trx, account: repo.Account, invitation: invitations.InvitationWithPartnership): Promise<void> {
    if (!(await invitations.closeInvitation(trx, invitation.id, 'accepted_at'))) throw new NotFoundError('The invitation')
    const joined = await repo.insertMembership(trx, invitation.partnershipId, account.id, invitation.role)
    await enterPartnership(trx, invitation.partnershipId)
    const actor = { userId: account.id, label: account.displayName, partnershipId: invitation.partnershipId }
    await recordAudit(trx, actor, {
      action: 'update',
      entityType: 'invitation',
      entityId: invitation.id,
      summary: `${account.displayName} accepted the invitation for ${invitation.email}`,
      before: invitation,
      after: { ...invitation, accepted: true },
    })
    if (!joined) return
    const member = await repo.findMember(trx, invitation.partnershipId, account.id)
    await recordAudit(trx, actor, {
      action: 'create',
      entityType: 'membership',
      entityId: account.id,
      summary: `${account.displayName} joined the partnership as ${invitation.role}`,
      after: member,
    })
  }

  return {
    async waitingFor(userId: string, now = new Date()): Promise<invitations.InvitationWithPartnership[]> {
      const account = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst()
      return account ? invitations.listWaitingFor(db, account.email, now) : []
    },

    /** The invitation a link names, if it is still open; never says whether its address has an account. */
    async findByToken(token: string, now = new Date()): Promise<invitations.InvitationWithPartnership | undefined> {
      return invitations.findWaitingByToken(db, token, now)
    },

    async accept(userId: string, invitationId: string, now = new Date()): Promise<invitations.InvitationWithPartnership> {
      return db.transaction().execute(async (trx) => {
        const account = await accountOf(trx, userId)
        const invitation = await invitations.lockWaitingById(trx, invitationId, account.email, now)
        if (!invitation) throw new NotFoundError('The invitation')
        await join(trx, account, invitation)
        return invitation
      })
    },

    async decline(userId: string, invitationId: string, now = new Date()): Promise<invitations.InvitationWithPartnership> {
      return db.transaction().execute(async (trx) => {
        const account = await accountOf(trx, userId)
        const invitation = await invitations.lockWaitingById(trx, invitationId, account.email, now)
        if (!invitation || !(await invitations.closeInvitation(trx, invitation.id, 'declined_at'))) throw new NotFoundError('The invitation')
        await enterPartnership(trx, invitation.partnershipId)
        await recordAudit(
          trx,
          { userId: account.id, label: account.displayName, partnershipId: invitation.partnershipId },
          {
            action: 'update',
            entityType: 'invitation',
            entityId: invitation.id,
            summary: `${account.displayName} declined the invitation for ${invitation.email}`,
            before: invitation,
            after: { ...invitation, declined: true },
          },
        )
        return invitation
      })
    },

    /**
     * For an address with no account yet: the link's holder chooses the name
     * and password, and joins. An address that has an account is refused here:
     * its holder signs in to accept, so nobody with the link can set its password.
     */
    async createAccountAndAccept(token: string, form: Record<string, unknown>, now = new Date()): Promise<{ userId: string; partnershipId: string }> {
      const input = parseForm(newAccountForm, form)
      const passwordHash = await hashPassword(input.password)
      return db.transaction().execute(async (trx) => {
        const invitation = await invitations.lockWaitingByToken(trx, token, now)
        if (!invitation) throw new NotFoundError('The invitation')
        const account = await repo.insertAccount(trx, invitation.email, input.displayName, passwordHash)
        if (!account) throw new ValidationError({ displayName: accountExistsMessage })
        await join(trx, account, invitation)
        await recordAudit(
          trx,
          { userId: account.id, label: account.displayName, partnershipId: invitation.partnershipId },
          {
            action: 'create',
            entityType: 'user',
            entityId: account.id,
            summary: `Created an account for ‘${account.displayName}’ (${account.email}) from an invitation`,
            after: account,
          },
        )
        return { userId: account.id, partnershipId: invitation.partnershipId }
      })
    },
  }
}

export type InvitationService = ReturnType<typeof invitationService>
