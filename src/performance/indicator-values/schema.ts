import { z } from 'zod'

/** An optional number as people type it: blank is none; thousands separators are allowed. */
const optionalNumber = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/,/g, '') : v),
    z
      .union([z.literal(''), z.undefined(), z.null(), z.string().regex(/^-?\d+(\.\d+)?$/, `${label} must be a number, like 12.5`)])
      .transform((v) => (v ? Number(v) : null)),
  )
const text = (label: string, max: number) =>
  z.preprocess(
    (v) => v ?? '',
    z
      .string()
      .trim()
      .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`),
  )

/** The period is read against the indicator's period type in the service, which knows it. */
export const valueForm = z.object({
  areaCode: z.string({ error: 'Select the area' }).trim().min(1, 'Select the area'),
  period: z.string({ error: 'Enter the period' }).trim().min(1, 'Enter the period'),
  sex: z.enum(['persons', 'male', 'female'], { error: 'Select persons, male or female' }).default('persons'),
  age: text('Age band', 40),
  categoryType: text('Breakdown', 100),
  category: text('Group', 100),
  count: optionalNumber('Count'),
  denominator: optionalNumber('Denominator'),
  value: optionalNumber('Value'),
  lower95: optionalNumber('Lower 95% limit'),
  upper95: optionalNumber('Upper 95% limit'),
  lower998: optionalNumber('Lower 99.8% limit'),
  upper998: optionalNumber('Upper 99.8% limit'),
  note: text('Note', 500),
  illustrative: z.preprocess((v) => v === 'yes', z.boolean()),
})
export type ValueInput = z.infer<typeof valueForm>

export const valueFilters = z.object({
  area: z.string().trim().max(20).optional().catch(undefined),
  // A page past the end shows the last; anything unreadable, the first.
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
})
