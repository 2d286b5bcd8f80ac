import { daysInMonth, isoDate } from '../../platform/dates/index.ts'
import type { TimescaleKind, TimescaleThen } from '../../platform/db/strategy-tables.ts'
import { allowedYears, isAllowedYear } from '../../platform/http/date-input.ts'

// An objective's timescale, in the structured form the plan_objectives
// timescale_* columns hold, read from and written back to the words a delivery
// plan uses ("November 2007", "Q2 2008", "April 2008 to April 2009",
// "Jan 2008 then annually", "ongoing", "In line with CYPP planning cycle").
//
// startsOn and endsOn are the first and last day the timescale covers: a date
// covers one day, a month or a quarter all of its days, a range runs from the
// first day of its start to the last day of its end. Ongoing, annually,
// quarterly and planning-cycle timescales have neither: they never fall due.
// Quarters are calendar quarters (Q1 is January to March), not financial ones,
// because "Q2 2008" read cold means April to June 2008 to most readers and a
// financial year is better written as a range ("April 2008 to March 2009").

export type { TimescaleKind, TimescaleThen }

export type Timescale = {
  kind: TimescaleKind
  startsOn: string | null
  endsOn: string | null
  then: TimescaleThen | null
  note: string | null
}

export type TimescaleResult = { ok: true; value: Timescale } | { ok: false; message: string }

export type TimescaleColumns = {
  timescale_kind: TimescaleKind
  timescale_starts_on: string | null
  timescale_ends_on: string | null
  timescale_then: TimescaleThen | null
  timescale_note: string | null
}

export const timescaleHint =
  'Enter the timescale as a date, a month, a quarter, a range, ongoing, annually, quarterly or in line with the planning cycle, for example ‘November 2007’ or ‘Q2 2008’'
const messages = {
  empty: 'Enter the timescale',
  notReal: 'The timescale must be a real date, for example ‘2 June 2008’',
  outOfRange: `The timescale must be ${allowedYears}`,
  reversed: 'The end of the timescale must be the same as or after its start',
  financialYear: 'Enter a financial year as a range, for example ‘April 2008 to March 2009’',
  noteTooLong: 'The note in brackets must be 200 characters or fewer',
  unknown: timescaleHint,
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const kindsWithDates: readonly TimescaleKind[] = ['date', 'month', 'quarter', 'range']
const recurring: Record<string, TimescaleKind> = {
  ongoing: 'ongoing',
  'on-going': 'ongoing',
  'on going': 'ongoing',
  annually: 'annually',
  annual: 'annually',
  yearly: 'annually',
  'every year': 'annually',
  'each year': 'annually',
  quarterly: 'quarterly',
  'every quarter': 'quarterly',
  'each quarter': 'quarterly',
}

type Span = { kind: 'date' | 'month' | 'quarter'; startsOn: string; endsOn: string }
type Failure = { message: string }

const parts = (date: string) => date.split('-').map(Number) as [number, number, number]
const isFailure = (value: unknown): value is Failure => typeof value === 'object' && value != null && 'message' in value

/** A month's number (1-12) from its name or an abbreviation of at least three letters ("Sept", "Jan"). */
function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '')
  if (w.length < 3) return null
  const index = monthNames.findIndex((name) => name.toLowerCase().startsWith(w))
  return index < 0 ? null : index + 1
}

function day(year: number, month: number | null, dayOfMonth: number): Span | Failure {
  if (month == null || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return { message: messages.notReal }
  const on = isoDate(year, month, dayOfMonth)
  return { kind: 'date', startsOn: on, endsOn: on }
}

function wholeMonth(year: number, month: number): Span {
  return { kind: 'month', startsOn: isoDate(year, month, 1), endsOn: isoDate(year, month, daysInMonth(year, month)) }
}

/** One point in time, in the years dates are kept in (PostgreSQL has no year 0); null when the words are none of these. */
function parseSpan(text: string): Span | Failure | null {
  const span = spanOf(text)
  if (span == null || isFailure(span)) return span
  const year = Number(span.startsOn.split('-')[0])
  return isAllowedYear(year) ? span : { message: messages.outOfRange }
}

/** One point in time: a date, a month or a calendar quarter; null when the words are none of these. */
function spanOf(text: string): Span | Failure | null {
  let m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+\.?),?\s+(\d{4})$/i.exec(text)
  if (m) {
    const month = monthNumber(m[2]!)
    return month == null ? null : day(Number(m[3]), month, Number(m[1]))
  }
  // UK order: 02/06/2008 is 2 June 2008.
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  if (m) return day(Number(m[3]), Number(m[2]), Number(m[1]))
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]))
  m = /^([a-z]+\.?),?\s+(\d{4})$/i.exec(text)
  if (m) {
    const month = monthNumber(m[1]!)
    return month == null ? null : wholeMonth(Number(m[2]), month)
  }
  m = /^q([1-4])\s+(\d{4})$/i.exec(text) ?? /^(\d{4})\s+q([1-4])$/i.exec(text)
  if (m) {
    const [quarter, year] = /^q/i.test(text) ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])]
    const first = (quarter - 1) * 3 + 1
    return { kind: 'quarter', startsOn: isoDate(year, first, 1), endsOn: isoDate(year, first + 2, daysInMonth(year, first + 2)) }
  }
  return null
}

/** "April 2008 to April 2009", "April 2008-September 2008", "2 June 2008 – 30 June 2008". */
function parseRange(text: string): Timescale | Failure | null {
  const splits: Array<[string, string]> = []
  const to = /^(.+?)\s+(?:to|until|till)\s+(.+)$/i.exec(text)
  if (to) splits.push([to[1]!, to[2]!])
  // A hyphen may sit inside an ISO date, so try every dash and keep the split where both sides read.
  for (let i = 0; i < text.length; i++) {
    if ('-–—'.includes(text[i]!)) splits.push([text.slice(0, i), text.slice(i + 1)])
  }
  for (const [left, right] of splits) {
    const start = parseSpan(left.replace(/^from\s+/i, '').trim())
    const end = parseSpan(right.trim())
    if (start == null || end == null) continue
    if (isFailure(start)) return start
    if (isFailure(end)) return end
    if (end.endsOn < start.startsOn) return { message: messages.reversed }
    return { kind: 'range', startsOn: start.startsOn, endsOn: end.endsOn, then: null, note: null }
  }
  return null
}

/** The timescale without its note: a recurring word, the planning cycle, or dates with an optional "then …". */
function parseCore(text: string): Timescale | Failure {
  const lower = text.toLowerCase()
  const plain = recurring[lower]
  if (plain) return { kind: plain, startsOn: null, endsOn: null, then: null, note: null }
  const cycle = /^(?:in line with\s+)?(?:the\s+)?(.*?)\s*planning cycle$/i.exec(text)
  if (cycle) return { kind: 'planning-cycle', startsOn: null, endsOn: null, then: null, note: cycle[1] || null }
  if (/^\d{4}\s*[/-]\s*(\d{2}|\d{4})$/.test(text)) return { message: messages.financialYear }

  const then = /^(.+?),?\s+(?:and\s+)?then\s+(.+)$/i.exec(text)
  const base = then ? then[1]! : text
  let follow: TimescaleThen | null = null
  if (then) {
    const kind = recurring[then[2]!.toLowerCase()]
    if (kind !== 'ongoing' && kind !== 'annually' && kind !== 'quarterly') return { message: messages.unknown }
    follow = kind
  }
  const span = parseSpan(base)
  if (span && isFailure(span)) return span
  if (span) return { ...span, then: follow, note: null }
  const range = parseRange(base)
  if (range && isFailure(range)) return range
  if (range) return { ...range, then: follow }
  return { message: messages.unknown }
}

export function parseTimescale(input: string): TimescaleResult {
  const text = input
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/\.$/, '')
  if (text === '') return { ok: false, message: messages.empty }

  let note: string | null = null
  let rest = text
  // The seed's "Sept 2007 (draft) Jan 2008": a draft by one date and the final by another.
  const staged = /^(.+?)\s*\(([^()]+)\)\s*(.+)$/.exec(text)
  const earlier = staged ? parseSpan(staged[1]!) : null
  if (staged && earlier && !isFailure(earlier)) {
    note = `${staged[2]!.trim()} ${spanText(earlier.kind, earlier.startsOn, earlier.endsOn)}`
    rest = staged[3]!
  } else {
    const trailing = /^(.+?)\s*\(([^()]+)\)$/.exec(text)
    if (trailing) {
      note = trailing[2]!.trim()
      rest = trailing[1]!
    }
  }
  const core = parseCore(rest.replace(/,$/, '').trim())
  if (isFailure(core)) return { ok: false, message: core.message }
  if (core.note && note) note = `${core.note}, ${note}`
  else note = core.note ?? note
  if (note != null && note.length > 200) return { ok: false, message: messages.noteTooLong }
  return { ok: true, value: { ...core, note: note || null } }
}

function dateText(date: string): string {
  const [year, month, dayOfMonth] = parts(date)
  return `${dayOfMonth} ${monthNames[month - 1]} ${year}`
}

function monthText(date: string): string {
  const [year, month] = parts(date)
  return `${monthNames[month - 1]} ${year}`
}

function spanText(kind: TimescaleKind, startsOn: string | null, endsOn: string | null): string {
  if (startsOn == null || endsOn == null) return ''
  switch (kind) {
    case 'date':
      return dateText(endsOn)
    case 'month':
      return monthText(endsOn)
    case 'quarter': {
      const [year, month] = parts(endsOn)
      return `Q${Math.ceil(month / 3)} ${year}`
    }
    default: {
      // Whole months read as months; anything else as dates, so the words read back to the same days.
      const [, , startDay] = parts(startsOn)
      const [endYear, endMonth, endDay] = parts(endsOn)
      const wholeMonths = startDay === 1 && endDay === daysInMonth(endYear, endMonth)
      return wholeMonths ? `${monthText(startsOn)} to ${monthText(endsOn)}` : `${dateText(startsOn)} to ${dateText(endsOn)}`
    }
  }
}

/** The words for a timescale, which parseTimescale reads back to the same timescale. */
export function timescaleText(t: Timescale): string {
  let words: string
  switch (t.kind) {
    case 'ongoing':
      words = 'Ongoing'
      break
    case 'annually':
      words = 'Annually'
      break
    case 'quarterly':
      words = 'Quarterly'
      break
    case 'planning-cycle':
      words = 'In line with the planning cycle'
      break
    default:
      words = spanText(t.kind, t.startsOn, t.endsOn)
  }
  if (t.then) words += `, then ${t.then}`
  if (t.note) words += ` (${t.note})`
  return words
}

/** When the objective falls due: the last day of a dated timescale; recurring ones never do. */
export function timescaleDueOn(t: Timescale): string | null {
  return kindsWithDates.includes(t.kind) ? t.endsOn : null
}

/** Why a timescale built by hand (not parsed) breaks the rules the columns enforce, or null when it is sound. */
export function timescaleProblem(t: Timescale): string | null {
  const dated = kindsWithDates.includes(t.kind)
  if (dated !== (t.endsOn != null) || dated !== (t.startsOn != null)) return messages.unknown
  if (t.startsOn != null && t.endsOn != null && t.endsOn < t.startsOn) return messages.reversed
  if (t.then != null && !dated) return messages.unknown
  if (t.note != null && (t.note.length < 1 || t.note.length > 200)) return messages.noteTooLong
  return null
}

export function toRow(t: Timescale): TimescaleColumns {
  return {
    timescale_kind: t.kind,
    timescale_starts_on: t.startsOn,
    timescale_ends_on: t.endsOn,
    timescale_then: t.then,
    timescale_note: t.note,
  }
}

/** Reads the columns back (dates arrive as 'YYYY-MM-DD' strings: see src/platform/db/database.ts). */
export function fromRow(row: TimescaleColumns): Timescale {
  return {
    kind: row.timescale_kind,
    startsOn: row.timescale_starts_on,
    endsOn: row.timescale_ends_on,
    then: row.timescale_then,
    note: row.timescale_note,
  }
}
