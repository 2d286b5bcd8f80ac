import { z } from 'zod'
import { sectors } from './model.ts'

// A field left out (an import, the API) means the same as one left blank.
const blankToNull = (value: unknown) => (value == null || (typeof value === 'string' && value.trim() === '') ? null : value)

export const organisationForm = z.object({
  name: z.string({ error: 'Enter the organisation’s name' }).trim().min(1, 'Enter the organisation’s name').max(200, 'Name must be 200 characters or fewer'),
  sector: z.enum(sectors, { error: 'Select the sector the organisation belongs to' }),
  isStatutory: z.enum(['yes', 'no'], { error: 'Select whether the organisation is a statutory partner' }).transform((v) => v === 'yes'),
  website: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .max(500, 'Website must be 500 characters or fewer')
      .refine((v) => /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v), 'Enter a website address in the correct format, like https://www.oldham.gov.uk')
      .nullable(),
  ),
  description: z.preprocess((v) => v ?? '', z.string().trim().max(2000, 'Description must be 2,000 characters or fewer')),
})

export type OrganisationInput = z.infer<typeof organisationForm>

export const organisationFilters = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  sector: z.enum(sectors).optional().catch(undefined),
  statutory: z.enum(['yes', 'no']).optional().catch(undefined),
  status: z.enum(['active', 'archived', 'all']).default('active').catch('active'),
})

export type OrganisationFilters = z.infer<typeof organisationFilters>
