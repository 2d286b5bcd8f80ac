import { z } from 'zod'
import { workstreamKinds } from './model.ts'

const optionalId = (message: string) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid(message).nullable())

/** Ticked checkboxes arrive as nothing, one value or several: always a list of distinct ids here. */
const idList = (message: string) =>
  z.preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid(message))).transform((ids) => [...new Set(ids)])

export const workstreamForm = z.object({
  bodyId: z.string({ error: 'Select the body the workstream belongs to' }).uuid('Select the body the workstream belongs to'),
  title: z.string({ error: 'Enter the workstream’s title' }).trim().min(1, 'Enter the workstream’s title').max(200, 'Title must be 200 characters or fewer'),
  kind: z.enum(workstreamKinds, { error: 'Select whether it is a strategy, a service or a project' }),
  description: z.preprocess((v) => v ?? '', z.string().trim().max(4000, 'Description must be 4,000 characters or fewer')),
  leadId: optionalId('Select the lead from the list'),
  outcomeIds: idList('Select outcomes from the list'),
  objectiveIds: idList('Select objectives from the list'),
})
export type WorkstreamInput = z.infer<typeof workstreamForm>

export const workstreamFilters = z.object({
  body: z.string().uuid().optional().catch(undefined),
  kind: z.enum(workstreamKinds).optional().catch(undefined),
  status: z.enum(['current', 'archived']).catch('current').default('current'),
})
export type WorkstreamFilters = z.infer<typeof workstreamFilters>
