import { objectiveStatusLabels, objectiveStatuses, ragLabels } from '../objectives/index.ts'

/** The words for an objective's status and RAG, which the plans' and the objectives' pages both show. */
export const progressLabels = { objectiveStatusLabels, objectiveStatuses, ragLabels }
