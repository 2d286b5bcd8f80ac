import { z } from 'zod'
import { localityKinds, normaliseCode } from './model.ts'

const name = z.string({ error: 'Enter the name' }).trim().min(1, 'Enter the name').max(200, 'The name must be 200 characters or fewer')
const parentCode = z.string({ error: 'Select the area it is part of' }).trim().min(1, 'Select the area it is part of')

export const localityForm = z.object({
  kind: z.enum(localityKinds, { error: 'Select whether it is a locality or a ward' }),
  // The format depends on the kind and the partnership's area, so the service checks it.
  code: z.preprocess((v) => (typeof v === 'string' ? normaliseCode(v) : ''), z.string().max(20, 'The code must be 20 characters or fewer')),
  name,
  parentCode,
})
export type LocalityInput = z.infer<typeof localityForm>

export const localityEditForm = z.object({
  name,
  parentCode,
  version: z.string({ error: 'The form is missing its version: reload the page' }).regex(/^[0-9a-f]{16}$/, 'The form is missing its version: reload the page'),
})
export type LocalityEdit = z.infer<typeof localityEditForm>

export const localityFilters = z.object({ format: z.enum(['csv', 'xlsx']).optional().catch(undefined) })
