// Pure rules for reading the audit trail: what changed in an event, the
// dates a filter names, and the page links. No I/O, so each is unit tested.
import { formatUkDateTime } from '../../platform/dates/index.ts'

export const pageSize = 50

type Snapshot = Record<string, unknown>

function asSnapshot(value: unknown): Snapshot {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Snapshot) : {}
}

/** JSON with keys sorted, so two objects that differ only in key order compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Snapshot)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Snapshot)[key])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * Every field named in either snapshot, alphabetically: jsonb keeps keys
 * shortest first, so the record's own order is lost by the time it is read.
 */
function fieldsOf(before: Snapshot, after: Snapshot): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
}

/**
 * The fields whose value differs between before and after. A field missing on
 * one side counts as null there, so an added record has every non-empty field
 * changed and a removed one likewise.
 */
export function changedKeys(before: unknown, after: unknown): string[] {
  const b = asSnapshot(before)
  const a = asSnapshot(after)
  return fieldsOf(b, a).filter((key) => canonical(b[key] ?? null) !== canonical(a[key] ?? null))
}

export interface ComparisonRow {
  field: string
  before: string
  after: string
  changed: boolean
}

// Timestamps reach the trail as ISO strings (JSON has no dates).
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

function display(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return isoTimestamp.test(value) ? formatUkDateTime(value) : value
  return JSON.stringify(value)
}

/** Before and after side by side, one row per field, with the changed ones marked. */
export function comparisonRows(before: unknown, after: unknown): ComparisonRow[] {
  const b = asSnapshot(before)
  const a = asSnapshot(after)
  const changed = new Set(changedKeys(b, a))
  return fieldsOf(b, a).map((field) => ({ field, before: display(b[field]), after: display(a[field]), changed: changed.has(field) }))
}

export interface DateParts {
  day?: string | undefined
  month?: string | undefined
  year?: string | undefined
}

export type DateResult = { ok: true; date: string | null } | { ok: false; message: string }

/**
 * A GOV.UK date input read as an ISO date (YYYY-MM-DD); left blank, no date.
 * Messages follow the GOV.UK pattern: say which part is missing or wrong.
 */
export function readDate(parts: DateParts, label: string): DateResult {
  const day = (parts.day ?? '').trim()
  const month = (parts.month ?? '').trim()
  const year = (parts.year ?? '').trim()
  if (!day && !month && !year) return { ok: true, date: null }
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean)
  if (missing.length > 0) return { ok: false, message: `${label} must include a ${missing.join(' and ')}` }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d+$/.test(year)) return { ok: false, message: `${label} must be a real date` }
  if (year.length !== 4) return { ok: false, message: `${label} year must include 4 numbers` }
  const [d, m, y] = [Number(day), Number(month), Number(year)]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, message: `${label} must be a real date` }
  return { ok: true, date: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` }
}

/** Both ends are whole days and inclusive, so one day is from = to. */
export function dateRangeProblem(from: string | null, to: string | null): string | null {
  return from && to && to < from ? 'Date to must be the same as or after date from' : null
}

export type PageItem = { number: number } | { ellipsis: true }

/**
 * Page numbers to link to: the first, the last, and those next to the
 * current one, with a gap marked where pages are skipped (the GOV.UK pattern).
 */
export function pageItems(current: number, pages: number): PageItem[] {
  const wanted = [...new Set([1, current - 1, current, current + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b)
  const items: PageItem[] = []
  for (const [index, number] of wanted.entries()) {
    const previous = wanted[index - 1]
    if (previous !== undefined && number - previous > 1) items.push({ ellipsis: true })
    items.push({ number })
  }
  return items
}

const actionLabels: Record<string, string> = {
  create: 'Added',
  update: 'Changed',
  archive: 'Archived',
  restore: 'Restored',
  delete: 'Removed',
  'sign-in': 'Signed in',
}

export function actionLabel(action: string): string {
  return actionLabels[action] ?? action
}

/** 'membership' → 'Membership': entity types are stored as code words. */
export function kindLabel(entityType: string): string {
  const words = entityType.replace(/[-_]/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** 'display_name' and 'displayName' both read as 'Display name'. */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
