import type { Role } from '../db/tables.ts'
import { ForbiddenError } from '../errors.ts'

export const roles: readonly Role[] = ['admin', 'editor', 'contributor', 'viewer']

export const roleDescriptions: Record<Role, string> = {
  admin: 'Admin – everything, including users and the audit trail',
  editor: 'Editor – add and change the partnership’s records',
  contributor: 'Contributor – read everything and update the items they lead',
  viewer: 'Viewer – read only',
}

export type Permission = 'partnership.read' | 'directory.edit' | 'users.manage' | 'audit.read' | 'shared-frameworks.edit'

// Contributors gain item-level rights in later capabilities (the bodies they
// lead, their own objectives and indicators); the directory is not theirs to edit.
// Regional and national priority sets are shared by every partnership on the
// service, so only admins change them.
const grants: Record<Role, readonly Permission[]> = {
  admin: ['partnership.read', 'directory.edit', 'users.manage', 'audit.read', 'shared-frameworks.edit'],
  editor: ['partnership.read', 'directory.edit'],
  contributor: ['partnership.read'],
  viewer: ['partnership.read'],
}

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission)
}

export function assertCan(actor: { role: Role }, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError()
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}

/** What every refused sign-in is told, whether the email is unknown, the password wrong or the account locked: none of them tells whether an account exists. */
export const signInRefusal = 'Enter a correct email address and password'
