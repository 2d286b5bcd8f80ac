import { z } from 'zod'
import { idList } from '../framework/index.ts'

export const alignmentForm = z.object({
  framework: z.string({ error: 'The form is missing its framework: reload the page' }).uuid('The form is missing its framework: reload the page'),
  priorityIds: idList('Select priorities from the list'),
  /** The priorities aligned when the form was opened (see fingerprint in model.ts). */
  aligned: z.preprocess((v) => v ?? '', z.string()),
})
export type AlignmentInput = z.infer<typeof alignmentForm>

export const matrixQuery = z.object({
  framework: z.string().uuid().optional().catch(undefined),
})
