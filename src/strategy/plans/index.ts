// What other features use of plans: they import it from here, never from its files (lint holds this).
export { progressLabels } from './progress-labels.ts'
export { findAim, findPlan } from './repository.ts'
export type { PlanService } from './service.ts'
export { fromRow, parseTimescale, timescaleDueOn, timescaleHint, timescaleText, toRow } from './timescale.ts'
export type { Timescale, TimescaleColumns } from './timescale.ts'
