import { z } from 'zod'
import { parseTimescale, toRow, type TimescaleColumns } from '../plans/index.ts'
import { optionalId, optionalText } from '../../platform/http/form-fields.ts'
import { requiredDate, withDates } from '../../platform/http/date-input.ts'
import { objectiveStatuses, rags } from './model.ts'

/** Checkboxes arrive as nothing, one value or several. */
const idList = z.preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid('Select outcomes from the list')))

export const objectiveForm = z.object({
  title: z.string({ error: 'Enter the objective' }).trim().min(1, 'Enter the objective').max(500, 'The objective must be 500 characters or fewer'),
  // Typed as the plan words it ("Q2 2008", "ongoing") and kept in the structured form the columns hold.
  timescale: z.string({ error: 'Enter the timescale' }).transform((text, ctx) => {
    const parsed = parseTimescale(text)
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message })
      return z.NEVER
    }
    return parsed.value
  }),
  ownerId: optionalId('Select the owner from the list'),
  leadBodyId: optionalId('Select the lead body from the list'),
  expectedOutcome: optionalText(2000, 'The expected outcome must be 2,000 characters or fewer'),
  outcomeIds: idList,
})
export type ObjectiveInput = z.infer<typeof objectiveForm>

export type ObjectiveValues = TimescaleColumns & { title: string; owner_id: string | null; lead_body_id: string | null; expected_outcome: string }

export function objectiveValues(input: ObjectiveInput): ObjectiveValues {
  return { title: input.title, ...toRow(input.timescale), owner_id: input.ownerId, lead_body_id: input.leadBodyId, expected_outcome: input.expectedOutcome }
}

export const progressUpdateForm = z.preprocess(
  withDates({ reportedOn: 'The date reported on' }),
  z.object({
    reportedOn: requiredDate('Enter the date the update reports on'),
    status: z.enum(objectiveStatuses, { error: 'Select where the objective stands' }),
    rag: z.preprocess((v) => (v === '' || v === 'none' || v == null ? null : v), z.enum(rags, { error: 'Select a RAG rating, or none' }).nullable()),
    commentary: optionalText(4000, 'Commentary must be 4,000 characters or fewer'),
  }),
)
export type ProgressUpdateInput = z.infer<typeof progressUpdateForm>

export const moveForm = z.object({ direction: z.enum(['up', 'down'], { error: 'Choose up or down' }) })
