// The spreadsheet layout of a delivery plan, in the shape of seed 001
// Appendix 2 (Number, Aim, Objective, Timescale, Outcome) with the columns a
// plan in Thrive adds after them. The same layout is written by the export and
// read by the import, so a plan exported and imported again comes back the same.

export const requiredColumns = ['Number', 'Aim', 'Objective', 'Timescale', 'Outcome'] as const
export const optionalColumns = ['Owner', 'Lead body', 'Status', 'RAG', 'Last update'] as const
export const columns = [...requiredColumns, ...optionalColumns] as const
export type Column = (typeof columns)[number]

/** Column widths in the workbook, in characters: wide enough to read the seed's longest wording wrapped over a few lines. */
export const columnWidths: Record<Column, number> = {
  Number: 9,
  Aim: 28,
  Objective: 50,
  Timescale: 22,
  Outcome: 50,
  Owner: 28,
  'Lead body': 28,
  Status: 12,
  RAG: 8,
  'Last update': 16,
}

// The statuses and RAG ratings, and their words, are the objectives' own.
export { objectiveStatuses as statuses, objectiveStatusLabels as statusLabels, rags, ragLabels } from '../objectives/index.ts'

/** The most rows a file may have, not counting its header: a delivery plan is tens of rows; thousands is a wrong file. */
export const maxRows = 2000
export const maxBytes = 5 * 1024 * 1024

/** One objective as a row of the sheet, every cell as text. */
export type SheetRow = Record<Column, string>
