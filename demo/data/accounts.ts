import type { Role } from '../../src/platform/db/tables.ts'

export const demoAdminEmail = 'admin@demo.thrive.local'

/** One demo account per role, so each role's view of the partnership can be tried. All share one generated password. */
export const demoAccounts: readonly { email: string; displayName: string; role: Role }[] = [
  { email: demoAdminEmail, displayName: 'Demo partnership manager', role: 'admin' },
  { email: 'editor@demo.thrive.local', displayName: 'Demo editor', role: 'editor' },
  { email: 'contributor@demo.thrive.local', displayName: 'Demo contributor', role: 'contributor' },
  { email: 'viewer@demo.thrive.local', displayName: 'Demo viewer', role: 'viewer' },
]
