import { z } from 'zod'
import { optionalId, optionalText } from '../../platform/http/form-fields.ts'

export const planForm = z.object({
  title: z.string({ error: 'Enter the plan’s title' }).trim().min(1, 'Enter the plan’s title').max(200, 'Title must be 200 characters or fewer'),
  summary: optionalText(4000, 'Summary must be 4,000 characters or fewer'),
  strategyId: optionalId('Select the strategy from the list'),
  leadBodyId: optionalId('Select the lead body from the list'),
})
export type PlanInput = z.infer<typeof planForm>

export const aimForm = z.object({
  number: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'Enter the aim’s number' })
      .min(1, 'Enter the aim’s number')
      .regex(/^\d{1,4}$/, 'The aim’s number must be a whole number, like 1 or 2')
      .transform(Number)
      .refine((n) => n >= 1, 'The aim’s number must be 1 or more'),
  ),
  title: z.string({ error: 'Enter the aim' }).trim().min(1, 'Enter the aim').max(300, 'The aim must be 300 characters or fewer'),
  expectedOutcome: optionalText(2000, 'The expected outcome must be 2,000 characters or fewer'),
})
export type AimInput = z.infer<typeof aimForm>
