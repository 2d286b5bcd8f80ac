// What other features use of indicator-values: they import it from here, never from its files (lint holds this).
export { figureProblems, isSmallNumber, shownFigures } from './model.ts'
export type { Method, ShownFigures, StoredFigures } from './model.ts'
export { nextPeriodStart, parsePeriod, periodLabel } from './periods.ts'
export type { ValueRow } from './repository.ts'
export { storedFigures } from './service.ts'
