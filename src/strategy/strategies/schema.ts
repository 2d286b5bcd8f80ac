import { z } from 'zod'
import { strategyStatuses } from './model.ts'
import { optionalText } from '../../platform/http/form-fields.ts'
import { requiredDate, withDates } from '../../platform/http/date-input.ts'

export const strategyForm = z.preprocess(
  withDates({ startsOn: 'The start date', endsOn: 'The end date' }),
  z
    .object({
      title: z.string({ error: 'Enter the strategy’s title' }).trim().min(1, 'Enter the strategy’s title').max(200, 'Title must be 200 characters or fewer'),
      summary: optionalText(4000, 'Summary must be 4,000 characters or fewer'),
      startsOn: requiredDate('Enter the date the strategy starts'),
      endsOn: requiredDate('Enter the date the strategy ends'),
      ownerBodyId: z.string({ error: 'Select the body that owns the strategy' }).uuid('Select the body that owns the strategy'),
      status: z.enum(strategyStatuses, { error: 'Select the strategy’s status' }),
    })
    .superRefine((v, ctx) => {
      if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
        ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end date must be the same as or after the start date' })
    }),
)
export type StrategyInput = z.infer<typeof strategyForm>
