import type { Role } from '../db/tables.ts'

/** Who is acting, and in which partnership: passed to every service call. */
export interface Actor {
  userId: string | null
  /** Shown in the audit trail: a person's name, or "command line". */
  label: string
  partnershipId: string
  role: Role
}
