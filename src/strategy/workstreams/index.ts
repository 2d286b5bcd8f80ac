// What other features use of workstreams: they import it from here, never from its files (lint holds this).
export { workstreamKindLabels } from './model.ts'
export type { WorkstreamService } from './service.ts'
