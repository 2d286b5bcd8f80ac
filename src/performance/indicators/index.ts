// What other features use of indicators: they import it from here, never from its files (lint holds this).
export { assertMayChangeIndicator, leadsOrEdits, loadIndicator, mayChangeIndicator } from './access.ts'
export { perText, polarityLabels } from './model.ts'
export { findIndicator, outcomeLinks } from './repository.ts'
export type { IndicatorRow } from './repository.ts'
