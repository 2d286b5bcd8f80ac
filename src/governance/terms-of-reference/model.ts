import { addDays } from '../../platform/dates/index.ts'

export type ReviewStatus = 'missing' | 'no-review-date' | 'overdue' | 'due-soon' | 'up-to-date'

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  missing: 'No terms of reference',
  'no-review-date': 'No review date',
  overdue: 'Review overdue',
  'due-soon': 'Review due soon',
  'up-to-date': 'Up to date',
}

/** How far ahead a review counts as "due soon": time to get a revision onto a meeting's agenda. */
export const dueSoonDays = 30

/**
 * Where a body's current terms of reference stand on `today` ('YYYY-MM-DD').
 * A review falling due today is still due soon; the day after, it is overdue.
 */
export function reviewStatus(current: { review_due_on: string | null } | null | undefined, today: string): ReviewStatus {
  if (!current) return 'missing'
  if (current.review_due_on === null) return 'no-review-date'
  if (current.review_due_on < today) return 'overdue'
  if (current.review_due_on <= addDays(today, dueSoonDays)) return 'due-soon'
  return 'up-to-date'
}

export function needsAttention(status: ReviewStatus): boolean {
  return status !== 'up-to-date'
}

export interface TermsText {
  purpose: string
  membership: string
  quorum: number | null
  quorum_notes: string
  delegated_powers: string
  reporting_arrangements: string
  agreed_on: string | null
  review_due_on: string | null
  filename: string | null
}

export const termsFieldLabels: Record<keyof TermsText, string> = {
  purpose: 'Purpose',
  membership: 'Membership',
  quorum: 'Quorum (members)',
  quorum_notes: 'Quorum notes',
  delegated_powers: 'Delegated decision-making powers',
  reporting_arrangements: 'Reporting arrangements',
  agreed_on: 'Agreed on',
  review_due_on: 'Review due',
  filename: 'Document',
}

export interface Difference {
  field: keyof TermsText
  label: string
  older: string | number | null
  current: string | number | null
  changed: boolean
}

/** Each part of two versions side by side, marking the parts that changed, for the comparison page. */
export function compareTerms(older: TermsText, current: TermsText): Difference[] {
  return (Object.keys(termsFieldLabels) as (keyof TermsText)[]).map((field) => {
    const a = older[field]
    const b = current[field]
    const same = (a ?? '') === (b ?? '') || (typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim())
    return { field, label: termsFieldLabels[field], older: a, current: b, changed: !same }
  })
}
