import { z } from 'zod'
import { optionalText } from '../../platform/http/form-fields.ts'
import { requiredDate, withDates } from '../../platform/http/date-input.ts'
import { requestStatuses, shownStatuses } from './model.ts'

/** Checkboxes arrive as nothing, one value or several. */
const idList = (message: string, none: string) =>
  z.preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid(message)).min(1, none))

export const requestForm = z.preprocess(
  withDates({ dueOn: 'The due date' }),
  z.object({
    organisationId: z.string({ error: 'Select the organisation asked for the values' }).uuid('Select the organisation asked for the values'),
    periodLabel: z
      .string({ error: 'Enter the period the values are for, like 2024/25 Q2' })
      .trim()
      .min(1, 'Enter the period the values are for, like 2024/25 Q2')
      .max(40, 'The period must be 40 characters or fewer'),
    dueOn: requiredDate('Enter the date the values are due'),
    indicatorIds: idList('Select indicators from the list', 'Select at least one indicator the values are for'),
    notes: optionalText(2000, 'Notes must be 2,000 characters or fewer'),
  }),
)
export type RequestInput = z.infer<typeof requestForm>

export const statusForm = z.object({ status: z.enum(requestStatuses, { error: 'Choose the request’s new status' }) })

export const requestFilters = z.object({
  status: z.enum(shownStatuses).optional().catch(undefined),
  organisation: z.string().uuid().optional().catch(undefined),
  archived: z.enum(['yes']).optional().catch(undefined),
  format: z.enum(['csv', 'xlsx']).optional().catch(undefined),
})
export type RequestFilters = z.infer<typeof requestFilters>
