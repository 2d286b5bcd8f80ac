import { z } from 'zod'
import { targetKinds } from './model.ts'

const number = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/,/g, '') : v),
    z
      .union([z.literal(''), z.undefined(), z.null(), z.string().regex(/^-?\d+(\.\d+)?$/, `${label} must be a number, like 12.5`)])
      .transform((v) => (v ? Number(v) : null)),
  )

/**
 * A target as typed. The period is read against the indicator's period type,
 * and the value or group the kind needs is required, in the service, which
 * knows both; the field the kind does not use is ignored.
 */
export const targetForm = z.object({
  period: z.string({ error: 'Enter the period' }).trim().min(1, 'Enter the period'),
  kind: z.enum(targetKinds, { error: 'Select what the target is' }),
  value: number('The target value'),
  groupId: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid('Select the comparator group from the list').optional()),
  amberTolerance: number('The amber tolerance').refine((v) => v == null || v >= 0, 'The amber tolerance cannot be negative'),
})
export type TargetInput = z.infer<typeof targetForm>
