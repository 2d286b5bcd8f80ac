// What other features use of actions: they import it from here, never from its files (lint holds this).
export { actionStatusLabels, isOverdue } from './model.ts'
export type { ActionService } from './service.ts'
