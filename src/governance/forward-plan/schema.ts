import { z } from 'zod'
import { dateField, withDates } from '../../platform/http/date-input.ts'
import { purposes } from '../meetings/index.ts'
import { recurrences } from './model.ts'

const optionalId = (message: string) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid(message).nullable())

export const plannedItemForm = z.preprocess(
  withDates({ firstDueOn: 'The first date it is due', endsOn: 'The date it ends' }),
  z
    .object({
      bodyId: z.string({ error: 'Select the body the item goes to' }).uuid('Select the body the item goes to'),
      title: z.string({ error: 'Enter the item’s title' }).trim().min(1, 'Enter the item’s title').max(300, 'Title must be 300 characters or fewer'),
      purpose: z.enum(purposes, { error: 'Select whether the item is for decision, for noting or for information' }),
      leadId: optionalId('Select the lead from the list'),
      firstDueOn: dateField('Enter the first date it is due'),
      recurrence: z.enum(recurrences, { error: 'Select how often the item comes to the body' }),
      endsOn: dateField(),
    })
    .superRefine((value, ctx) => {
      // An end date on or before the first due date would leave an item that never comes.
      if (value.endsOn && value.firstDueOn && value.endsOn <= value.firstDueOn) {
        ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The date it ends must be after the first date it is due' })
      }
    })
    .transform((value) => ({ ...value, firstDueOn: value.firstDueOn as string, endsOn: value.recurrence === 'once' ? null : value.endsOn })),
)
export type PlannedItemInput = z.infer<typeof plannedItemForm>

export const planFilters = z.object({
  body: z.string().uuid().optional().catch(undefined),
})
export type PlanFilters = z.infer<typeof planFilters>
