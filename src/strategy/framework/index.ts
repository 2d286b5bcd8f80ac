// What other features use of framework: they import it from here, never from its files (lint holds this).
export { currentCommitments, currentFramework, currentOutcomes, outcomeTitles } from './current.ts'
export { moveInOrder } from './model.ts'
export { idList, moveForm } from './schema.ts'
export { adoptedFramework } from './service.ts'
