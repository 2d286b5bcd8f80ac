import { z } from 'zod'
import { comparisonMethods, definitionProblems, frequencies, multipliers, periodTypes, polarities, valueTypes } from './model.ts'

const optionalId = (message: string) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid(message).nullable())
const text = (label: string, max: number) =>
  z.preprocess(
    (v) => v ?? '',
    z
      .string()
      .trim()
      .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`),
  )
/** Checkboxes arrive as nothing, one value or several. */
const idList = (message: string) =>
  z.preprocess(
    (v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().uuid(message)).transform((ids) => [...new Set(ids)]),
  )

export const indicatorForm = z
  .object({
    title: z.string({ error: 'Enter the indicator’s title' }).trim().min(1, 'Enter the indicator’s title').max(300, 'Title must be 300 characters or fewer'),
    description: text('Description', 4000),
    rationale: text('Rationale', 4000),
    source: text('Source', 500),
    unit: text('Unit', 60),
    valueType: z.enum(valueTypes, { error: 'Select what kind of value the indicator is' }),
    multiplier: z.coerce
      .number({ error: 'Select what the value is per' })
      .refine((n) => (multipliers as readonly number[]).includes(n), 'Select what the value is per'),
    decimalPlaces: z.coerce
      .number({ error: 'Enter the decimal places as a number from 0 to 4' })
      .int('Enter the decimal places as a whole number from 0 to 4')
      .min(0, 'Enter the decimal places as a number from 0 to 4')
      .max(4, 'Enter the decimal places as a number from 0 to 4'),
    polarity: z.enum(polarities, { error: 'Select whether high or low is good' }),
    frequency: z.enum(frequencies, { error: 'Select how often it is measured' }),
    periodType: z.enum(periodTypes, { error: 'Select the period each value covers' }),
    comparisonMethod: z.enum(comparisonMethods, { error: 'Select how it is compared with the benchmark' }),
    smallNumberThreshold: z.coerce
      .number({ error: 'Enter the small-number threshold as a whole number from 0 to 100' })
      .int('Enter the small-number threshold as a whole number from 0 to 100')
      .min(0, 'Enter the small-number threshold as a whole number from 0 to 100')
      .max(100, 'Enter the small-number threshold as a whole number from 0 to 100'),
    targetLeadId: optionalId('Select the target lead from the list'),
    owningBodyId: optionalId('Select the owning body from the list'),
    outcomeIds: idList('Select outcomes from the list'),
    fingertipsId: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z.union([z.literal(''), z.string().regex(/^\d{1,9}$/, 'Enter the Fingertips indicator ID as digits only, like 92033')]).optional(),
    ),
  })
  .superRefine((value, ctx) => {
    for (const [field, message] of Object.entries(definitionProblems(value))) ctx.addIssue({ code: 'custom', path: [field], message })
  })
  .transform(({ fingertipsId, ...value }) => ({ ...value, fingertipsId: fingertipsId || null }))
export type IndicatorInput = z.infer<typeof indicatorForm>

export const indicatorFilters = z.object({
  outcome: z.string().uuid().optional().catch(undefined),
  body: z.string().uuid().optional().catch(undefined),
  lead: z.string().uuid().optional().catch(undefined),
  archived: z.enum(['yes']).optional().catch(undefined),
})
export type IndicatorFilters = z.infer<typeof indicatorFilters>
