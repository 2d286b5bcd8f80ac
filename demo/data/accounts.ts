import type { Role } from '../../src/platform/db/tables.ts'

export const demoAdminEmail = 'admin@demo.thrive.local'

/**
 * One demo account per role, so each role's view of the partnership can be
 * tried. All share one generated password. The contributor is the Director of
 * Public Health in the directory, the target lead of three indicators, so their
 * account shows what a target lead may change; the others are linked to
 * nobody, and a partnership manager links their own (People → a person).
 */
export const demoAccounts: readonly { email: string; displayName: string; role: Role; person?: string }[] = [
  { email: demoAdminEmail, displayName: 'Demo partnership manager', role: 'admin' },
  { email: 'editor@demo.thrive.local', displayName: 'Demo editor', role: 'editor' },
  { email: 'contributor@demo.thrive.local', displayName: 'Demo contributor', role: 'contributor', person: 'dph' },
  { email: 'viewer@demo.thrive.local', displayName: 'Demo viewer', role: 'viewer' },
]
