import type { Db } from '../../platform/db/database.ts'
import { enterPartnership, inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Role } from '../../platform/db/tables.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit, recordPlatformAudit, type AuditEntry } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.ts'
import { parseForm } from '../../platform/http/forms.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import * as repo from './repository.ts'
import { membershipChangeProblem } from './model.ts'
import { commandLineUser, emailField, newUserForm, type NewUserInput } from './schema.ts'

// Audit rows describe users and memberships by their public details only:
// a password hash never goes into before or after.

function accountCreated(account: repo.Account): AuditEntry {
  return { action: 'create', entityType: 'user', entityId: account.id, summary: `Created an account for ‘${account.displayName}’ (${account.email})`, after: account }
}

function membershipCreated(member: repo.Member): AuditEntry {
  return { action: 'create', entityType: 'membership', entityId: member.userId, summary: `Added ‘${member.displayName}’ to the partnership as ${member.role}`, after: member }
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

export interface AddedMember {
  member: repo.Member
  /** True when the person already had an account, so only a membership was added. */
  accountExisted: boolean
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

    /** Adds a person by email: a new account, or a membership for an account that already exists. */
    async add(actor: Actor, form: NewUserInput | Record<string, unknown>): Promise<AddedMember> {
      assertCan(actor, 'users.manage')
      const input = parseForm(newUserForm, form)
      // Hashed before the transaction opens, so the slow part holds no locks.
      const passwordHash = await hashPassword(input.password)
      return db.transaction().execute(async (trx) => {
        const { account, created } = await findOrCreateAccount(trx, input, passwordHash)
        await enterPartnership(trx, actor.partnershipId)
        if (created) await recordAudit(trx, actor, accountCreated(account))
        const member = await addMembership(trx, actor.partnershipId, account, input.role, 'this partnership')
        await recordAudit(trx, actor, membershipCreated(member))
        return { member, accountExisted: !created }
      })
    },

    async changeRole(actor: Actor, userId: string, version: number, role: Role): Promise<repo.Member> {
      assertCan(actor, 'users.manage')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await loadForChange(trx, actor, userId, role)
        if (before.role === role) return before
        if (!(await repo.updateRole(trx, actor.partnershipId, userId, version, role))) throw new ConflictError(`The membership of ‘${before.displayName}’`)
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

    /** An admin sets a member's password; the member is signed out everywhere. */
    async setPassword(actor: Actor, userId: string, password: string): Promise<repo.Member> {
      assertCan(actor, 'users.manage')
      const problem = passwordProblem(password)
      if (problem) throw new ValidationError({ password: problem })
      const passwordHash = await hashPassword(password)
      return db.transaction().execute(async (trx) => {
        // Row-level security is not in force yet (users are written as the owner), so the membership check names the partnership itself.
        const member = await repo.findMember(trx, actor.partnershipId, userId)
        if (!member) throw new NotFoundError('The user')
        const was = await repo.replacePassword(trx, userId, passwordHash)
        if (!was) throw new NotFoundError('The user')
        await repo.endSessions(trx, userId)
        await enterPartnership(trx, actor.partnershipId)
        await recordAudit(trx, actor, passwordReplaced({ id: userId, email: member.email, displayName: member.displayName }, was))
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
}

/**
 * The command line's way in: creates an account (and, given a partnership,
 * a membership of it) with no signed-in user, audited under `actorLabel`.
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
    const result = { userId: account.id, email: account.email, displayName: account.displayName, accountCreated: created }
    if (!partnership) {
      if (!created) throw new ValidationError({ email: `A user with the email address ${account.email} already exists` })
      await recordPlatformAudit(trx, [], actorLabel, accountCreated(account))
      return { ...result, partnership: null }
    }
    await enterPartnership(trx, partnership.id)
    const actor = { userId: null, label: actorLabel, partnershipId: partnership.id }
    if (created) await recordAudit(trx, actor, accountCreated(account))
    const member = await addMembership(trx, partnership.id, account, details.role ?? 'viewer', partnership.name)
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
