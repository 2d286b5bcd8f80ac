import { createHash } from 'node:crypto'

// A partnership's own areas: its localities (its own codes) and the wards in
// them (ONS GSS codes). Codes are the keys every value is stored against, so a
// code, once in the register, is never changed or taken out.

export const localityKinds = ['locality', 'ward'] as const
export type LocalityKind = (typeof localityKinds)[number]
export const localityKindLabels: Record<LocalityKind, string> = { locality: 'Locality', ward: 'Ward' }

/** An ONS GSS code for an English electoral ward: E05 and six digits. */
const wardCode = /^E05\d{6}$/
/** What may follow the partnership's area code in a locality's own code. */
const localSuffix = /^[A-Z0-9]{1,10}$/

/** Codes are kept in capitals, as ONS publishes them, so "e05000870" and "E05000870" are one code. */
export function normaliseCode(text: string): string {
  return text.trim().toUpperCase()
}

/** What is wrong with a code for an area of this kind, or null. A locality's code is the partnership's area code, a hyphen and up to ten letters or digits. */
export function codeProblem(kind: LocalityKind, code: string, partnershipArea: string | null): string | null {
  if (!code) return 'Enter the code'
  if (kind === 'ward') return wardCode.test(code) ? null : 'Enter the ward’s ONS code: E05 and six digits, like E05000870'
  if (!partnershipArea)
    return 'The partnership has no area of its own, so its localities cannot be given codes: ask the service’s administrator to set its area'
  const prefix = `${partnershipArea}-`
  if (!code.startsWith(prefix) || !localSuffix.test(code.slice(prefix.length))) {
    return `Enter the locality’s code as ${prefix} followed by up to 10 letters or digits, like ${prefix}WEST`
  }
  return null
}

/** Every area below `code` in the tree, as children of parents: none of them may become its parent. */
export function descendantsOf(code: string, parentOf: ReadonlyMap<string, string | null>): Set<string> {
  const below = new Set<string>()
  let grew = true
  while (grew) {
    grew = false
    for (const [child, parent] of parentOf) {
      if (parent && (parent === code || below.has(parent)) && !below.has(child) && child !== code) {
        below.add(child)
        grew = true
      }
    }
  }
  return below
}

/**
 * Areas have no version column: what an edit form was opened at is named by
 * a fingerprint of what it changes, so a second person's save over the first
 * is refused exactly as a stale version would be.
 */
export function fingerprint(area: { name: string; parent_code: string | null }): string {
  return createHash('sha256')
    .update(JSON.stringify([area.name, area.parent_code]))
    .digest('hex')
    .slice(0, 16)
}
