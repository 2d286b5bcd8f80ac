import { z } from 'zod'
import { allowedYears, calendarDate, isAllowedYear } from '../../platform/http/date-input.ts'
import { actionStatuses } from './model.ts'

const optionalUuid = (message: string) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid(message).nullable())

/** A due date from a GOV.UK date input, as 'YYYY-MM-DD', or null when all three parts are blank. */
const dueDate = z.object({ dueDay: z.string().optional(), dueMonth: z.string().optional(), dueYear: z.string().optional() }).transform((v, ctx) => {
  const [d, m, y] = [v.dueDay, v.dueMonth, v.dueYear].map((x) => (x ?? '').trim()) as [string, string, string]
  if (!d && !m && !y) return null
  const shaped = /^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y)
  if (shaped && !isAllowedYear(Number(y))) {
    ctx.addIssue({ code: 'custom', path: ['dueDay'], message: `The due date must be ${allowedYears}` })
    return z.NEVER
  }
  const date = shaped ? calendarDate(Number(y), Number(m), Number(d)) : undefined
  if (!date) {
    ctx.addIssue({ code: 'custom', path: ['dueDay'], message: 'The due date must be a real date, like 7 2 2019' })
    return z.NEVER
  }
  return date
})

export const actionForm = z
  .object({
    bodyId: z.string({ error: 'Select the body the action belongs to' }).uuid('Select the body the action belongs to'),
    meetingId: optionalUuid('Select a meeting from the list'),
    agendaItemId: optionalUuid('Select an agenda item from the list'),
    description: z.string({ error: 'Describe the action' }).trim().min(1, 'Describe the action').max(2000, 'The action must be 2,000 characters or fewer'),
    ownerId: optionalUuid('Select the owner from the list'),
  })
  .and(dueDate.transform((dueOn) => ({ dueOn })))
export type ActionInput = z.infer<typeof actionForm>

export const actionUpdateForm = z.object({
  note: z.string({ error: 'Enter the update' }).trim().min(1, 'Enter the update').max(4000, 'The update must be 4,000 characters or fewer'),
  status: z.enum(actionStatuses, { error: 'Select the action’s status' }),
})
export type ActionUpdateInput = z.infer<typeof actionUpdateForm>

export const actionFilters = z.object({
  body: z.string().uuid().optional().catch(undefined),
  owner: z.string().uuid().optional().catch(undefined),
  status: z
    .enum(['outstanding', ...actionStatuses, 'all'])
    .default('outstanding')
    .catch('outstanding'),
  overdue: z.enum(['yes']).optional().catch(undefined),
})
export type ActionFilters = z.infer<typeof actionFilters>
