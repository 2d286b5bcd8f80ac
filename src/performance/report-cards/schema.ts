import { z } from 'zod'
import { optionalText } from '../../platform/http/form-fields.ts'
import { requiredDate, withDates } from '../../platform/http/date-input.ts'

export const reportCardForm = z.object({
  story: optionalText(8000, 'The story behind the curve must be 8,000 characters or fewer'),
  partners: optionalText(4000, 'Partners with a role must be 4,000 characters or fewer'),
  whatWorks: optionalText(8000, 'What works must be 8,000 characters or fewer'),
})
export type ReportCardInput = z.infer<typeof reportCardForm>

/** The card's version when its form was opened: 0 when it had no card yet, so two people starting one at once cannot both win. */
export const cardVersionField = z.object({
  version: z.coerce
    .number({ error: 'The form is missing its version: reload the page' })
    .int('The form is missing its version: reload the page')
    .min(0, 'The form is missing its version: reload the page'),
})

/** Checkboxes arrive as nothing, one value or several. */
export const linkForm = z.object({
  objectiveIds: z.preprocess(
    (v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().uuid('Select objectives from the list')).min(1, 'Select at least one objective to link'),
  ),
})

export const commentaryForm = z.preprocess(
  withDates({ writtenOn: 'The date written' }),
  z.object({
    writtenOn: requiredDate('Enter the date the commentary was written'),
    text: z.string({ error: 'Enter the commentary' }).trim().min(1, 'Enter the commentary').max(4000, 'The commentary must be 4,000 characters or fewer'),
  }),
)
export type CommentaryInput = z.infer<typeof commentaryForm>
