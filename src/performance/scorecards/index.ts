// What other features use of scorecards: they import it from here, never from its files (lint holds this).
export { Series } from './model.ts'
export { breakdownWords, formatted, targetWords } from './present.ts'
export { groupsWithAreas, headlineValues, scorecardIndicators, targetsOf } from './repository.ts'
