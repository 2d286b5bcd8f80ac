import { z } from 'zod'

export const settingsForm = z.object({
  name: z.string({ error: 'Enter the partnership’s name' }).trim().min(1, 'Enter the partnership’s name').max(200, 'Name must be 200 characters or fewer'),
  description: z.preprocess((v) => v ?? '', z.string().trim().max(2000, 'Description must be 2,000 characters or fewer')),
  areaCode: z.preprocess(
    (v) => (v === '' || v == null ? null : v),
    z
      .string()
      .regex(/^E0[6-9]\d{6}$/, 'Select the local authority from the list')
      .nullable(),
  ),
  isPublished: z.enum(['yes', 'no'], { error: 'Select whether the public pages are published' }).transform((v) => v === 'yes'),
})
export type SettingsInput = z.infer<typeof settingsForm>
