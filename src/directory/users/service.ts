import type { Db } from '../../platform/db/database.ts'
import { enterPartnership, inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Role } from '../../platform/db/tables.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit, recordPlatformAudit, type AuditEntry } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/auth/passwords.ts'
import { parseForm } from '../../platform/http/forms.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import * as repo from './repository.ts'
import { membershipChangeProblem, otherPartnershipMessage } from './model.ts'
import { commandLineUser, emailField, invitationForm, type InvitationInput } from './schema.ts'
import * as invitations from './invitation-repository.ts'

// Audit rows describe users and memberships by their public details only:
// a password hash never goes into before or after.

function accountCreated(account: repo.Account): AuditEntry {
  return {
    action: 'create',
    entityType: 'user',
    entityId: account.id,
    summary: `Created an account for ‘${account.displayName}’ (${account.email})`,
    after: account,
  }
}

function membershipCreated(member: repo.Member): AuditEntry {
  return {
    action: 'create',
    entityType: 'membership',
    entityId: member.userId,
    summary: `Added ‘${member.displayName}’ to the partnership as ${member.role}`,
    after: member,
  }
}

function passwordReplaced(account: Pick<repo.Account, 'id' | 'email' | 'displayName'>, was: repo.SignInState): AuditEntry {
  const { id, email, displayName } = account
  return {
    action: 'update',
    entityType: 'user',
    entityId: id,
    summary: `Set a new password for ‘${displayName}’`,
    before: { id, email, displayName, password: 'previous password', failedSignIns: was.failedSignIns, lockedUntil: was.lockedUntil },
    after: { id, email, displayName, password: 'new password', failedSignIns: 0, lockedUntil: null },
  }
}

/** Creates the account, or finds the one that already has this email (whose name and password stay as they are). */
async function findOrCreateAccount(trx: Trx, details: { email: string; displayName: string }, passwordHash: string) {
  const created = await repo.insertAccount(trx, details.email, details.displayName, passwordHash)
  if (created) return { account: created, created: true }
  const existing = await repo.findAccountByEmail(trx, details.email)
  if (!existing) throw new Error(`The account for ${details.email} vanished while it was being added`)
  return { account: existing, created: false }
}

async function addMembership(trx: Trx, partnershipId: string, account: repo.Account, role: Role, partnershipName: string): Promise<repo.Member> {
  if (!(await repo.insertMembership(trx, partnershipId, account.id, role))) {
    throw new ValidationError({ email: `${account.displayName} (${account.email}) is already a member of ${partnershipName}` })
  }
  const member = await repo.findMember(trx, partnershipId, account.id)
  if (!member) throw new Error(`The membership of ${account.email} could not be read back`)
  return member
}

export interface IssuedInvitation {
  invitation: invitations.InvitationWithPartnership
  /** The link's secret, shown once to whoever invited: only its hash is stored. */
  token: string
}

function invitationCreated(invitation: invitations.Invitation): AuditEntry {
  const { id, email, displayName, role, expiresAt } = invitation
  return {
    action: 'create',
    entityType: 'invitation',
    entityId: id,
    summary: `Invited ${email} to join as ${role}`,
    after: { id, email, displayName, role, expiresAt },
  }
}

/** Writes a new invitation in the partnership the transaction is in, and its audit row. */
export async function issueInvitation(
  trx: Trx,
  actor: { userId: string | null; label: string; partnershipId: string },
  input: InvitationInput,
  now = new Date(),
): Promise<IssuedInvitation> {
  const token = invitations.newInvitationToken()
  const expiresAt = new Date(now.getTime() + invitations.invitationDays * 86_400_000)
  const id = await invitations.insertInvitation(trx, {
    partnershipId: actor.partnershipId,
    email: input.email,
    displayName: input.displayName,
    role: input.role,
    invitedBy: actor.userId,
    invitedByLabel: actor.label,
    token,
    expiresAt,
  })
  const invitation = await invitations.findOpen(trx, actor.partnershipId, id)
  if (!invitation) throw new Error('The invitation could not be read back')
  await recordAudit(trx, actor, invitationCreated(invitation))
  return { invitation, token }
}

export function userService(db: Db) {
  async function load(trx: Trx, actor: Actor, userId: string): Promise<repo.Member> {
    const member = await repo.findMember(trx, actor.partnershipId, userId)
    if (!member) throw new NotFoundError('The user')
    return member
  }

  /** Locks the admins first, then checks the rules against the member as they are now. */
  async function loadForChange(trx: Trx, actor: Actor, userId: string, newRole: Role | null): Promise<repo.Member> {
    const admins = await repo.lockAdmins(trx, actor.partnershipId)
    const member = await load(trx, actor, userId)
    const problem = membershipChangeProblem({ actorUserId: actor.userId, targetUserId: userId, currentRole: member.role, newRole, adminCount: admins.length })
    if (problem) throw new ValidationError({ [newRole ? 'role' : 'remove']: problem })
    return member
  }

  return {
    async list(actor: Actor): Promise<repo.Member[]> {
      assertCan(actor, 'users.manage')
      return inPartnership(db, actor.partnershipId, (trx) => repo.listMembers(trx, actor.partnershipId))
    },

    async get(actor: Actor, userId: string): Promise<repo.Member> {
      assertCan(actor, 'users.manage')
      return inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, userId))
    },

    /**
     * Invites a person by email. Whether the address already has an account
     * (in another partnership) makes no difference here and is never said:
     * the person accepts the invitation themselves, signed in or by its link.
     */
    async invite(actor: Actor, form: InvitationInput | Record<string, unknown>): Promise<IssuedInvitation> {
      assertCan(actor, 'users.manage')
      const input = parseForm(invitationForm, form)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        // Only this partnership's own members are checked: the admin can see those already.
        const member = await repo.findMemberByEmail(trx, actor.partnershipId, input.email)
        if (member) throw new ValidationError({ email: `${member.displayName} (${member.email}) is already a member of this partnership` })
        return issueInvitation(trx, actor, input)
      })
    },

    async invitations(actor: Actor): Promise<invitations.InvitationWithPartnership[]> {
      assertCan(actor, 'users.manage')
      return inPartnership(db, actor.partnershipId, (trx) => invitations.listOpen(trx, actor.partnershipId))
    },

    async withdrawInvitation(actor: Actor, id: string, version: number): Promise<invitations.Invitation> {
      assertCan(actor, 'users.manage')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const invitation = await invitations.findOpen(trx, actor.partnershipId, id)
        if (!invitation) throw new NotFoundError('The invitation')
        if (!(await invitations.closeInvitation(trx, id, 'withdrawn_at', version))) throw new ConflictError(`The invitation for ${invitation.email}`)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'invitation',
          entityId: id,
          summary: `Withdrew the invitation for ${invitation.email}`,
          before: invitation,
          after: { ...invitation, withdrawn: true },
        })
        return invitation
      })
    },

    async changeRole(actor: Actor, userId: string, version: number, role: Role): Promise<repo.Member> {
      assertCan(actor, 'users.manage')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await loadForChange(trx, actor, userId, role)
        if (before.role === role) return before
        if (!(await repo.updateRole(trx, actor.partnershipId, userId, version, role))) throw new ConflictError(`The membership of ‘${before.displayName}’`)
        // Their sessions here end, so nothing they had open outlives the change; an admin stepping down keeps the session they did it in.
        if (userId !== actor.userId) await repo.endSessionsInPartnership(trx, userId)
        const after = await load(trx, actor, userId)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'membership',
          entityId: userId,
          summary: `Changed ‘${after.displayName}’ from ${before.role} to ${after.role}`,
          before,
          after,
        })
        return after
      })
    },

    async remove(actor: Actor, userId: string, version: number): Promise<repo.Member> {
      assertCan(actor, 'users.manage')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await loadForChange(trx, actor, userId, null)
        if (!(await repo.deleteMembership(trx, actor.partnershipId, userId, version))) throw new ConflictError(`The membership of ‘${before.displayName}’`)
        await repo.endSessionsInPartnership(trx, userId)
        await recordAudit(trx, actor, {
          action: 'delete',
          entityType: 'membership',
          entityId: userId,
          summary: `Removed ‘${before.displayName}’ from the partnership`,
          before,
        })
        return before
      })
    },

    /**
     * An admin sets a member's password; the member is signed out everywhere.
     * An account that also belongs to another partnership is not this admin's
     * to take over: only its holder, or an operator at the command line, sets
     * its password.
     */
    async setPassword(actor: Actor, userId: string, password: string): Promise<repo.Member> {
      assertCan(actor, 'users.manage')
      const problem = passwordProblem(password)
      if (problem) throw new ValidationError({ password: problem })
      const passwordHash = await hashPassword(password)
      return db.transaction().execute(async (trx) => {
        // Row-level security is not in force yet (users are written as the owner), so the membership check names the partnership itself.
        const member = await repo.findMember(trx, actor.partnershipId, userId)
        if (!member) throw new NotFoundError('The user')
        if (!(await repo.lockAccount(trx, userId))) throw new NotFoundError('The user')
        const partnershipIds = await repo.partnershipIdsOf(trx, userId)
        if (userId !== actor.userId && partnershipIds.some((id) => id !== actor.partnershipId)) {
          throw new ValidationError({ password: otherPartnershipMessage(member.displayName) })
        }
        const was = await repo.replacePassword(trx, userId, passwordHash)
        if (!was) throw new NotFoundError('The user')
        await repo.endSessions(trx, userId)
        const entry = passwordReplaced({ id: userId, email: member.email, displayName: member.displayName }, was)
        // Every partnership the account belongs to sees the change in its own trail.
        for (const partnershipId of partnershipIds) await recordAudit(trx, { userId: actor.userId, label: actor.label, partnershipId }, entry)
        return member
      })
    },
  }
}

export type UserService = ReturnType<typeof userService>

export interface AddUserInput {
  email: string
  displayName: string
  password: string
  partnershipSlug?: string | undefined
  /** Defaults to viewer, the least a member can do: a higher role is a deliberate choice. */
  role?: string | undefined
}

export interface AddUserResult {
  userId: string
  email: string
  displayName: string
  /** False when the email already had an account: its name and password were left as they were. */
  accountCreated: boolean
  partnership: { id: string; slug: string; name: string; role: Role } | null
  /**
   * For an account that already existed: it is invited to the partnership
   * rather than added, since joining is its holder's choice. They accept when
   * signed in, or with the link made from this token.
   */
  invitation: { token: string; expiresAt: Date } | null
}

/**
 * The command line's way in: creates an account (and, given a partnership,
 * a membership of it) with no signed-in user, audited under `actorLabel`.
 * An address that already has an account is invited, never attached.
 */
export async function addUser(db: Db, input: AddUserInput, actorLabel = 'command line'): Promise<AddUserResult> {
  const details = parseForm(commandLineUser, input)
  const slug = input.partnershipSlug
  if (details.role && slug === undefined) throw new ValidationError({ role: 'A role is given in a partnership: name the partnership too' })
  const passwordHash = await hashPassword(details.password)
  return db.transaction().execute(async (trx) => {
    const partnership = slug === undefined ? undefined : await repo.findPartnershipBySlug(trx, slug)
    if (slug !== undefined && !partnership) throw new ValidationError({ partnership: `There is no partnership with the slug ‘${slug}’` })
    const { account, created } = await findOrCreateAccount(trx, details, passwordHash)
    const result = { userId: account.id, email: account.email, displayName: account.displayName, accountCreated: created, invitation: null }
    if (!partnership) {
      if (!created) throw new ValidationError({ email: `A user with the email address ${account.email} already exists` })
      await recordPlatformAudit(trx, [], actorLabel, accountCreated(account))
      return { ...result, partnership: null }
    }
    await enterPartnership(trx, partnership.id)
    const actor = { userId: null, label: actorLabel, partnershipId: partnership.id }
    const role = details.role ?? 'viewer'
    if (!created) {
      if (await repo.findMember(trx, partnership.id, account.id))
        throw new ValidationError({ email: `${account.displayName} (${account.email}) is already a member of ${partnership.name}` })
      const { token, invitation } = await issueInvitation(trx, actor, { email: account.email, displayName: account.displayName, role })
      return { ...result, partnership: { ...partnership, role }, invitation: { token, expiresAt: invitation.expiresAt } }
    }
    await recordAudit(trx, actor, accountCreated(account))
    const member = await addMembership(trx, partnership.id, account, role, partnership.name)
    await recordAudit(trx, actor, membershipCreated(member))
    return { ...result, partnership: { ...partnership, role: member.role } }
  })
}

/**
 * Sets a password from the command line (a forgotten password, a first
 * admin): lifts any sign-in lock, signs the person out everywhere, and
 * audits the change in every partnership they belong to.
 */
export async function setPassword(db: Db, email: string, password: string, actorLabel = 'command line'): Promise<void> {
  const { email: address } = parseForm(emailField, { email })
  const problem = passwordProblem(password)
  if (problem) throw new ValidationError({ password: problem })
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    const account = await repo.findAccountByEmail(trx, address)
    if (!account) throw new ValidationError({ email: `No user has the email address ${address}` })
    const was = await repo.replacePassword(trx, account.id, passwordHash)
    if (!was) throw new ValidationError({ email: `No user has the email address ${address}` })
    await repo.endSessions(trx, account.id)
    await recordPlatformAudit(trx, await repo.partnershipIdsOf(trx, account.id), actorLabel, passwordReplaced(account, was))
  })
}

/**
 * The holder changes their own password, knowing the current one: signs them
 * out everywhere else and audits the change in every partnership they belong to.
 */
export async function changeOwnPassword(db: Db, userId: string, currentPassword: string, newPassword: string): Promise<void> {
  const problem = passwordProblem(newPassword)
  if (problem) throw new ValidationError({ password: problem })
  const stored = await db.selectFrom('users').select(['password_hash']).where('id', '=', userId).executeTakeFirst()
  if (!stored) throw new NotFoundError('The account')
  if (!(await verifyPassword(stored.password_hash, currentPassword))) throw new ValidationError({ currentPassword: 'Enter your current password correctly' })
  const passwordHash = await hashPassword(newPassword)
  await db.transaction().execute(async (trx) => {
    const account = await repo.lockAccount(trx, userId)
    if (!account) throw new NotFoundError('The account')
    const was = await repo.replacePassword(trx, userId, passwordHash)
    if (!was) throw new NotFoundError('The account')
    await repo.endSessions(trx, userId)
    const entry = { ...passwordReplaced(account, was), summary: `${account.displayName} changed their own password` }
    for (const partnershipId of await repo.partnershipIdsOf(trx, userId)) await recordAudit(trx, { userId, label: account.displayName, partnershipId }, entry)
  })
}

/**
 * Makes an account an operator (council IT: creates partnerships), or stops
 * it being one. Only the command line does this: nobody grants it in the app.
 */
export async function setOperator(db: Db, email: string, isOperator: boolean, actorLabel = 'command line'): Promise<{ changed: boolean; displayName: string }> {
  const { email: address } = parseForm(emailField, { email })
  return db.transaction().execute(async (trx) => {
    const account = await repo.findAccountByEmail(trx, address)
    if (!account) throw new ValidationError({ email: `No user has the email address ${address}` })
    const changed = await repo.setOperator(trx, account.id, isOperator)
    if (changed) {
      const { id, email: accountEmail, displayName } = account
      await recordPlatformAudit(trx, await repo.partnershipIdsOf(trx, account.id), actorLabel, {
        action: 'update',
        entityType: 'user',
        entityId: id,
        summary: isOperator ? `Made ‘${displayName}’ an operator` : `‘${displayName}’ is no longer an operator`,
        before: { id, email: accountEmail, displayName, isOperator: !isOperator },
        after: { id, email: accountEmail, displayName, isOperator },
      })
    }
    return { changed, displayName: account.displayName }
  })
}
