import { z } from 'zod'

const optionalId = (message: string) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid(message).nullable())

/** The import form's fields besides the file, which is read and checked on its own. */
export const importForm = z.object({
  title: z.string({ error: 'Enter the plan’s title' }).trim().min(1, 'Enter the plan’s title').max(200, 'The title must be 200 characters or fewer'),
  strategyId: optionalId('Select the strategy from the list'),
  leadBodyId: optionalId('Select the lead body from the list'),
})
export type ImportInput = z.infer<typeof importForm>
