import { z } from 'zod'
import { groupKinds, parseAreaCodes } from './model.ts'

export const groupForm = z.object({
  name: z.string({ error: 'Enter the group’s name' }).trim().min(1, 'Enter the group’s name').max(200, 'Name must be 200 characters or fewer'),
  kind: z.enum(groupKinds, { error: 'Select what kind of group it is' }),
  description: z.preprocess((v) => v ?? '', z.string().trim().max(2000, 'Description must be 2,000 characters or fewer')),
  areaCodes: z
    .preprocess((v) => v ?? '', z.string())
    .transform((text, ctx) => {
      const { codes, malformed } = parseAreaCodes(text)
      if (malformed.length) {
        ctx.addIssue({
          code: 'custom',
          message: `Enter ONS codes only, like E08000004: ${malformed.slice(0, 5).join(', ')} ${malformed.length === 1 ? 'is not a code' : 'are not codes'}`,
        })
        return z.NEVER
      }
      return codes
    }),
})
export type GroupInput = z.infer<typeof groupForm>

export const groupFilters = z.object({ archived: z.enum(['yes']).optional().catch(undefined) })
