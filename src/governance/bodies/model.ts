import type { BodyKind, MemberRole, Role, Sector } from '../../platform/db/tables.ts'
import { sectors } from '../../directory/organisations/index.ts'

export const bodyKinds: readonly BodyKind[] = [
  'health-and-wellbeing-board',
  'strategic-partnership-board',
  'strategy-group',
  'commissioning-group',
  'delivery-partnership',
  'locality-group',
  'stakeholder-board',
  'children-and-young-peoples-board',
  'sub-group',
  'working-group',
]

export const bodyKindLabels: Record<BodyKind, string> = {
  'health-and-wellbeing-board': 'Health and wellbeing board',
  'strategic-partnership-board': 'Strategic partnership board',
  'strategy-group': 'Strategy group',
  'commissioning-group': 'Commissioning group',
  'delivery-partnership': 'Delivery partnership',
  'locality-group': 'Locality group',
  'stakeholder-board': 'Stakeholder board',
  'children-and-young-peoples-board': 'Children and young people’s board',
  'sub-group': 'Sub-group',
  'working-group': 'Working group',
}

export const memberRoles: readonly MemberRole[] = ['chair', 'vice-chair', 'lead-officer', 'member', 'adviser', 'observer']

export const memberRoleLabels: Record<MemberRole, string> = {
  chair: 'Chair',
  'vice-chair': 'Vice-chair',
  'lead-officer': 'Lead officer',
  member: 'Member',
  adviser: 'Adviser',
  observer: 'Observer',
}

/** Plural headings for the members of a body, grouped by role. */
export const memberRoleHeadings: Record<MemberRole, string> = {
  chair: 'Chair',
  'vice-chair': 'Vice-chairs',
  'lead-officer': 'Lead officers',
  member: 'Members',
  adviser: 'Advisers',
  observer: 'Observers',
}

export type BodyStatus = 'current' | 'ended' | 'archived' | 'all'

interface Dated {
  established_on: string | null
  ended_on: string | null
}

/**
 * Whether a body existed on a date ('YYYY-MM-DD'): established on or before it and
 * not yet ended. A body whose establishment date is not recorded counts as
 * always having existed, so it is not lost from every historical view.
 */
export function existedOn(body: Dated, date: string): boolean {
  return (body.established_on === null || body.established_on <= date) && (body.ended_on === null || body.ended_on > date)
}

/** The structure as it stood on a date: the bodies that existed then. */
export function asStoodOn<B extends Dated>(bodies: readonly B[], date: string): B[] {
  return bodies.filter((body) => existedOn(body, date))
}

interface Linked {
  id: string
  accountable_to_id: string | null
}

/**
 * Whether making `bodyId` accountable to `accountableToId` would close a loop
 * (a body accountable, however indirectly, to itself). Walks up from the new
 * parent; the visited set stops the walk if the data already holds a loop.
 */
export function wouldCreateCycle(bodies: readonly Linked[], bodyId: string, accountableToId: string | null): boolean {
  if (accountableToId === null) return false
  const parentOf = new Map(bodies.map((b) => [b.id, b.accountable_to_id]))
  const visited = new Set<string>()
  let current: string | null | undefined = accountableToId
  while (current != null && !visited.has(current)) {
    if (current === bodyId) return true
    visited.add(current)
    current = parentOf.get(current)
  }
  return false
}

export interface Coverage {
  represented: Sector[]
  missing: Sector[]
}

/**
 * Which partner sectors sit on a body, and which of the partnership's sectors do
 * not ("all partners can be represented"). Expected sectors are those the
 * partnership has current organisations in: a sector with no partners cannot be missing.
 */
export function sectorCoverage(memberSectors: readonly (Sector | null)[], partnerSectors: readonly Sector[]): Coverage {
  const present = new Set(memberSectors.filter((s): s is Sector => s !== null))
  const expected = new Set(partnerSectors)
  return {
    represented: sectors.filter((s) => present.has(s)),
    missing: sectors.filter((s) => expected.has(s) && !present.has(s)),
  }
}

/** Whether a membership is in force on a date: started (or start unknown) and not yet ended. */
export function memberOn(member: { starts_on: string | null; ends_on: string | null }, date: string): boolean {
  return (member.starts_on === null || member.starts_on <= date) && (member.ends_on === null || member.ends_on > date)
}

/**
 * Who may change a body's record and its members. Admins and editors change any
 * body; contributors only the bodies they currently chair or are lead officer of;
 * viewers none. `rolesOnBody` are the actor's own current roles on the body.
 */
export function canChangeBody(role: Role, rolesOnBody: readonly MemberRole[]): boolean {
  if (role === 'admin' || role === 'editor') return true
  if (role === 'contributor') return rolesOnBody.some((r) => r === 'chair' || r === 'lead-officer')
  return false
}

/** Only admins and editors set up new bodies or archive them: a contributor's rights come from a body that already exists. */
export function canManageBodies(role: Role): boolean {
  return role === 'admin' || role === 'editor'
}
