import { z } from 'zod'
import type { FieldErrors } from '../../platform/errors.ts'
import { ValidationError } from '../../platform/errors.ts'
import { parseForm } from '../../platform/http/forms.ts'
import { dateFromParts as readDate } from '../../platform/http/date-input.ts'

const text = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z
      .string()
      .trim()
      .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`),
  )

const textFields = z.object({
  purpose: z.string({ error: 'Enter the body’s purpose' }).trim().min(1, 'Enter the body’s purpose').max(10_000, 'Purpose must be 10,000 characters or fewer'),
  membership: text('Membership', 10_000),
  quorum: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
    z
      .string()
      .regex(/^\d{1,4}$/, 'Quorum must be a whole number of members, like 4')
      .transform(Number)
      .refine((n) => n >= 1, 'Quorum must be at least 1 member')
      .nullable(),
  ),
  quorumNotes: text('Quorum notes', 2_000),
  delegatedPowers: text('Delegated decision-making powers', 10_000),
  reportingArrangements: text('Reporting arrangements', 10_000),
})

export type TermsInput = z.infer<typeof textFields> & { agreedOn: string; reviewDueOn: string }

/**
 * A new version from the form. Both dates are required: terms of reference are
 * agreed on a day, and the review date is what the "needs attention" panel watches.
 * Every problem is reported at once, in the order the fields appear.
 */
export function parseTermsForm(body: Record<string, unknown>): TermsInput {
  const fields: FieldErrors = {}
  let parsed: z.infer<typeof textFields> | undefined
  try {
    parsed = parseForm(textFields, body)
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    Object.assign(fields, error.fields)
  }
  const agreed = readDate(body, 'agreedOn', 'The date agreed')
  const review = readDate(body, 'reviewDueOn', 'The review date')
  if ('error' in agreed) fields.agreedOn = agreed.error
  else if (agreed.value === null) fields.agreedOn = 'Enter the date the terms of reference were agreed'
  if ('error' in review) fields.reviewDueOn = review.error
  else if (review.value === null) fields.reviewDueOn = 'Enter the date the terms of reference are due for review'
  const agreedOn = 'value' in agreed ? agreed.value : null
  const reviewDueOn = 'value' in review ? review.value : null
  if (agreedOn && reviewDueOn && reviewDueOn <= agreedOn) fields.reviewDueOn = 'The review date must be after the date agreed'
  if (Object.keys(fields).length > 0 || !parsed || !agreedOn || !reviewDueOn) throw new ValidationError(fields)
  return { ...parsed, agreedOn, reviewDueOn }
}

/** The current version the form was opened at (0 for none): a version added since then is a conflict. */
export const basedOnField = z.object({
  basedOn: z.coerce.number({ error: 'The form is missing its version: reload the page' }).int().min(0),
})
