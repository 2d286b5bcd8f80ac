import type { ExternalScope } from '../../platform/db/strategy-tables.ts'

export const scopes: readonly ExternalScope[] = ['regional', 'national']
export const scopeLabels: Record<ExternalScope, string> = { regional: 'Regional', national: 'National' }

/**
 * Whose a priority set is, seen from one partnership: its own (its admins
 * change it), another partnership's, or the platform's, kept for every
 * partnership (the GM Children's Plan) and changed only by an operator. Every
 * partnership reads, aligns to and copies any of them.
 */
export type Ownership = 'ours' | 'another-partnership' | 'platform'

export function ownershipOf(ownerPartnershipId: string | null, partnershipId: string): Ownership {
  if (ownerPartnershipId == null) return 'platform'
  return ownerPartnershipId === partnershipId ? 'ours' : 'another-partnership'
}

/** Who keeps the set, in the words the pages use. */
export function keeperText(ownership: Ownership, ownerName: string | null): string {
  if (ownership === 'platform') return 'The service, for every partnership'
  if (ownership === 'ours') return `Your partnership${ownerName ? ` (${ownerName})` : ''}`
  return ownerName ?? 'Another partnership'
}

/** Why a set that is not the partnership's own cannot be changed, and what to do instead. */
export function refusalText(ownership: Exclude<Ownership, 'ours'>, title: string): string {
  const instead = 'Copy it to your partnership to make a set you can change.'
  return ownership === 'platform'
    ? `‘${title}’ is kept by the service for every partnership, so it cannot be changed here. ${instead}`
    : `‘${title}’ belongs to another partnership: only its admins can change it. ${instead}`
}

/** The title a copy is offered, to be changed before saving: titles are unique across the service. */
export function copyTitle(title: string, partnershipName: string): string {
  return `${title} (${partnershipName})`.slice(0, 200)
}
