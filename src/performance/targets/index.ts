// What other features use of targets: they import it from here, never from its files (lint holds this).
export { compareFigures, comparisonGroupLabels, directionLabels, directionOf, trendOf } from './assessment.ts'
export type { Comparison, Direction, Trend } from './assessment.ts'
export { groupBenchmark, ragFor, ragLabels, ragText, targetText } from './model.ts'
export type { RagResult } from './model.ts'
