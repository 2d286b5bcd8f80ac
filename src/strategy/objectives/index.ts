// What other features use of objectives: they import it from here, never from its files (lint holds this).
export { attention, isOverdue, objectiveStatusLabels, objectiveStatuses, progressOf, ragLabels, rags } from './model.ts'
export type { ObjectiveProgress } from './model.ts'
export { needingAttention, presentObjectives } from './present.ts'
export { currentObjectives, objectivesOfPlans } from './repository.ts'
export { objectiveService } from './service.ts'
export type { ObjectiveService } from './service.ts'
export { objectiveViews } from './views-of.ts'
