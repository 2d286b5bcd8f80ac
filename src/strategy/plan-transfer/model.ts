import type { ObjectiveStatus, Rag } from '../../platform/db/strategy-tables.ts'
import { parseTimescale, type Timescale } from '../plans/index.ts'
import { columns, maxRows, rags, requiredColumns, statusLabels, statuses, type Column } from './layout.ts'

// Checks every row of an imported plan before anything is written, so a file
// is taken whole or not at all and the report lists every problem at once.

/** A row as read from the file: its row number there (the header is row 1 in most files) and its cells as text. */
export interface RawRow {
  row: number
  cells: string[]
}

export interface PersonChoice {
  id: string
  name: string | null
  roleTitle: string | null
  archived: boolean
}
export interface BodyChoice {
  id: string
  name: string
  shortName: string | null
  archived: boolean
}

export interface Lookups {
  people: readonly PersonChoice[]
  bodies: readonly BodyChoice[]
  /** 'YYYY-MM-DD': a progress update cannot be reported later than today. */
  today: string
}

export interface Problem {
  /** The row number in the file, or null for the file as a whole. */
  row: number | null
  column: Column | null
  message: string
}

export interface ImportedObjective {
  row: number
  title: string
  timescale: Timescale
  ownerId: string | null
  leadBodyId: string | null
  /** A progress update is made only when the row gives a status. */
  status: ObjectiveStatus | null
  rag: Rag | null
  reportedOn: string | null
}

export interface ImportedAim {
  number: number
  title: string
  expectedOutcome: string
  objectives: ImportedObjective[]
}

export type SheetCheck = { ok: true; aims: ImportedAim[] } | { ok: false; problems: Problem[] }

const limits = { aim: 300, objective: 500, outcome: 4000 }

/** Names compare without case, extra spaces or the difference between curly and straight apostrophes. */
export const comparable = (text: string) => text.replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase()

/** "2 June 2008", "02/06/2008" or "2008-06-02" as 'YYYY-MM-DD'; null when it is not one real day. */
export function parseDay(text: string): string | null {
  const read = parseTimescale(text)
  return read.ok && read.value.kind === 'date' && !read.value.then && !read.value.note ? read.value.endsOn : null
}

function matchOne<T extends { archived: boolean }>(
  text: string,
  choices: readonly T[],
  names: (choice: T) => (string | null)[],
  what: { none: string; several: string; archived: string },
): { id: T } | { message: string } {
  const wanted = comparable(text)
  const found = choices.filter((c) => names(c).some((n) => n != null && comparable(n) === wanted))
  const current = found.filter((c) => !c.archived)
  if (current.length === 1) return { id: current[0]! }
  if (current.length > 1) return { message: what.several }
  return { message: found.length ? what.archived : what.none }
}

/** Where each column is, by its header, in any order and any case; missing and repeated headers are problems of the file. */
function readHeader(header: RawRow): { at: Partial<Record<Column, number>>; problems: Problem[] } {
  const at: Partial<Record<Column, number>> = {}
  const problems: Problem[] = []
  header.cells.forEach((cell, index) => {
    const column = columns.find((c) => comparable(c) === comparable(cell))
    if (!column) return
    if (at[column] !== undefined) problems.push({ row: header.row, column, message: `The column ‘${column}’ appears more than once` })
    else at[column] = index
  })
  for (const column of requiredColumns) {
    if (at[column] === undefined) problems.push({ row: header.row, column, message: `The file must have a column headed ‘${column}’` })
  }
  return { at, problems }
}

/**
 * The plan in a sheet: the first row is the header; an aim starts on a row
 * with its number, title and outcome, and its later rows leave them blank (or
 * repeat them exactly). Blank rows are skipped.
 */
export function checkSheet(rows: readonly RawRow[], lookups: Lookups): SheetCheck {
  const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''))
  const [header, ...data] = filled
  if (!header) return { ok: false, problems: [{ row: null, column: null, message: 'The file is empty' }] }
  const { at, problems } = readHeader(header)
  if (problems.length) return { ok: false, problems }
  if (data.length === 0) return { ok: false, problems: [{ row: null, column: null, message: 'The file has a header row but no objectives' }] }
  if (data.length > maxRows) {
    return {
      ok: false,
      problems: [
        {
          row: null,
          column: null,
          message: `The file has ${data.length.toLocaleString('en-GB')} rows: a plan can have at most ${maxRows.toLocaleString('en-GB')}`,
        },
      ],
    }
  }

  const aims: ImportedAim[] = []
  let aim: ImportedAim | undefined
  const firstRowOfAim = new Map<number, number>()
  // Each aim's objectives by comparable title, with the row each was first on.
  const seen = new Map<number, Map<string, number>>()
  for (const raw of data) {
    const cell = (column: Column) => {
      const index = at[column]
      return index === undefined ? '' : (raw.cells[index] ?? '').replace(/\s+/g, ' ').trim()
    }
    const problem = (column: Column | null, message: string) => problems.push({ row: raw.row, column, message })

    // Which aim the row belongs to.
    const numberText = cell('Number')
    if (numberText !== '') {
      const number = /^\d{1,3}$/.test(numberText) ? Number(numberText) : NaN
      const earlier = firstRowOfAim.get(number)
      const wrong = !(number >= 1)
        ? 'Number must be a whole number from 1 to 999, the aim’s number'
        : number !== aim?.number && earlier !== undefined
          ? `Aim ${number} started on row ${earlier}: keep each aim’s rows together`
          : null
      if (wrong) {
        problem('Number', wrong)
        // The rest of this row and the rows after it are still checked, under a stand-in aim that is never written.
        aim = { number: -raw.row, title: cell('Aim'), expectedOutcome: cell('Outcome'), objectives: [] }
        firstRowOfAim.set(aim.number, raw.row)
      } else if (number !== aim?.number) {
        firstRowOfAim.set(number, raw.row)
        aim = { number, title: '', expectedOutcome: '', objectives: [] }
        aims.push(aim)
        const title = cell('Aim')
        if (title === '') problem('Aim', `Enter the title of aim ${number} on its first row`)
        else if (title.length > limits.aim) problem('Aim', `The aim must be ${limits.aim} characters or fewer`)
        aim.title = title
        const outcome = cell('Outcome')
        if (outcome.length > limits.outcome) problem('Outcome', `The outcome must be ${limits.outcome.toLocaleString('en-GB')} characters or fewer`)
        aim.expectedOutcome = outcome
      }
    }
    if (!aim) {
      problem('Number', 'Enter the aim’s number on its first row')
      // Said once: the rows after it belong to the same missing aim.
      aim = { number: -raw.row, title: cell('Aim'), expectedOutcome: cell('Outcome'), objectives: [] }
      firstRowOfAim.set(aim.number, raw.row)
    }
    const standIn = aim.number < 1
    if (!standIn && firstRowOfAim.get(aim.number) !== raw.row) {
      for (const [column, value] of [
        ['Aim', aim.title],
        ['Outcome', aim.expectedOutcome],
      ] as const) {
        const given = cell(column)
        if (given !== '' && comparable(given) !== comparable(value)) {
          problem(
            column,
            `Leave ${column === 'Aim' ? 'the aim' : 'the outcome'} blank on aim ${aim.number}’s later rows, or repeat row ${firstRowOfAim.get(aim.number)}’s exactly`,
          )
        }
      }
    }

    // An aim with no objectives yet is its first row with nothing in the objective's columns.
    const objectiveColumns = ['Objective', 'Timescale', 'Owner', 'Lead body', 'Status', 'RAG', 'Last update'] as const
    if (firstRowOfAim.get(aim.number) === raw.row && objectiveColumns.every((c) => cell(c) === '')) continue

    const title = cell('Objective')
    if (title === '') problem('Objective', 'Enter the objective')
    else if (title.length > limits.objective) problem('Objective', `The objective must be ${limits.objective} characters or fewer`)
    else {
      const titles = seen.get(aim.number) ?? new Map<string, number>()
      seen.set(aim.number, titles)
      const same = titles.get(comparable(title))
      if (same !== undefined) problem('Objective', `The objective is the same as row ${same}’s${standIn ? '' : ` in aim ${aim.number}`}`)
      else titles.set(comparable(title), raw.row)
    }

    const timescale = parseTimescale(cell('Timescale'))
    if (!timescale.ok) problem('Timescale', timescale.message)

    let ownerId: string | null = null
    const owner = cell('Owner')
    if (owner !== '') {
      const found = matchOne(owner, lookups.people, (p) => [p.name, p.roleTitle], {
        none: `No one called ‘${owner}’ is in the partnership’s people: add them first, or check the spelling`,
        several: `More than one person is called ‘${owner}’: give them different names or roles first`,
        archived: `‘${owner}’ is archived: restore them or name someone else`,
      })
      if ('message' in found) problem('Owner', found.message)
      else ownerId = found.id.id
    }

    let leadBodyId: string | null = null
    const body = cell('Lead body')
    if (body !== '') {
      const found = matchOne(body, lookups.bodies, (b) => [b.name, b.shortName], {
        none: `There is no body called ‘${body}’: add it first, or check the spelling`,
        several: `More than one body is called ‘${body}’`,
        archived: `The body ‘${body}’ is archived: restore it or name another`,
      })
      if ('message' in found) problem('Lead body', found.message)
      else leadBodyId = found.id.id
    }

    const { status, rag, reportedOn } = readProgress(cell, problem, lookups.today)
    if (timescale.ok) aim.objectives.push({ row: raw.row, title, timescale: timescale.value, ownerId, leadBodyId, status, rag, reportedOn })
  }
  return problems.length ? { ok: false, problems } : { ok: true, aims }
}

function readProgress(cell: (column: Column) => string, problem: (column: Column, message: string) => void, today: string) {
  let status: ObjectiveStatus | null = null
  const statusText = cell('Status')
  if (statusText !== '') {
    status = statuses.find((s) => comparable(s) === comparable(statusText) || comparable(statusLabels[s]) === comparable(statusText)) ?? null
    if (!status) problem('Status', `Status must be one of ${statuses.map((s) => statusLabels[s]).join(', ')}`)
  }
  let rag: Rag | null = null
  const ragText = cell('RAG')
  if (ragText !== '') {
    rag = rags.find((r) => r === comparable(ragText) || r[0] === comparable(ragText)) ?? null
    if (!rag) problem('RAG', 'RAG must be Red, Amber or Green')
  }
  let reportedOn: string | null = null
  const updateText = cell('Last update')
  if (updateText !== '') {
    reportedOn = parseDay(updateText)
    if (!reportedOn) problem('Last update', 'Last update must be a real date, for example ‘2 June 2008’')
    else if (reportedOn > today) problem('Last update', 'Last update must be today or in the past')
  }
  if (statusText === '' && (ragText !== '' || updateText !== '')) {
    problem('Status', 'Enter the status: a RAG or last update needs one')
  }
  return { status, rag, reportedOn }
}
