import type { Role } from '../../platform/db/tables.ts'

export const lastAdminMessage = 'A partnership must keep at least one admin'
export function otherPartnershipMessage(displayName: string): string {
  return `${displayName} also belongs to another partnership, so their password is theirs to change (on their account page), or your council’s IT team can set one with ‘thrive user set-password’`
}

export const removeSelfMessage = 'You cannot remove yourself from the partnership. Ask another admin to remove you.'

/** A member's role moving to `newRole`, or their membership ending (null). */
export interface MembershipChange {
  actorUserId: string | null
  targetUserId: string
  currentRole: Role
  newRole: Role | null
  /** Admins in the partnership before the change, the target included. */
  adminCount: number
}

/**
 * Why a change of membership is not allowed, or null when it is. Nobody can
 * leave a partnership without an admin, since only an admin can add people.
 */
export function membershipChangeProblem(change: MembershipChange): string | null {
  const losesAdmin = change.currentRole === 'admin' && change.newRole !== 'admin'
  if (losesAdmin && change.adminCount - 1 < 1) return lastAdminMessage
  if (change.newRole === null && change.targetUserId === change.actorUserId) return removeSelfMessage
  return null
}

export const roleNames: Record<Role, string> = {
  admin: 'Admin',
  editor: 'Editor',
  contributor: 'Contributor',
  viewer: 'Viewer',
}
