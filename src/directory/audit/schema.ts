import { z } from 'zod'
import type { FieldErrors } from '../../platform/errors.ts'
import { dateRangeProblem, readDate, type DateParts } from './model.ts'

const choice = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.string().max(300).optional()).catch(undefined)
const part = z.string().max(10).optional().catch(undefined)

const auditQuery = z.object({
  who: choice,
  kind: choice,
  action: choice,
  'from-day': part,
  'from-month': part,
  'from-year': part,
  'to-day': part,
  'to-month': part,
  'to-year': part,
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
})

/** What the SQL filters on. `who` is 'user:<id>' for a person, or 'label:<text>' for the command line and other non-people. */
export interface AuditFilters {
  who?: string | undefined
  kind?: string | undefined
  action?: string | undefined
  /** Inclusive whole days (ISO dates), in UK time. */
  from?: string | null | undefined
  to?: string | null | undefined
  page: number
}

export interface AuditFilterValues {
  who?: string | undefined
  kind?: string | undefined
  action?: string | undefined
  from: DateParts
  to: DateParts
}

export interface AuditQuery {
  filters: AuditFilters
  /** As typed, to show again in the form. */
  values: AuditFilterValues
  problems: FieldErrors | null
}

/** Reads the filter form from the address; a choice that is not valid is ignored, a bad date is a problem to show. */
export function readAuditQuery(query: unknown): AuditQuery {
  const q = auditQuery.parse(query ?? {})
  const values: AuditFilterValues = {
    who: q.who,
    kind: q.kind,
    action: q.action,
    from: { day: q['from-day'], month: q['from-month'], year: q['from-year'] },
    to: { day: q['to-day'], month: q['to-month'], year: q['to-year'] },
  }
  const from = readDate(values.from, 'Date from')
  const to = readDate(values.to, 'Date to')
  const problems: FieldErrors = {}
  if (!from.ok) problems.from = from.message
  if (!to.ok) problems.to = to.message
  if (from.ok && to.ok) {
    const range = dateRangeProblem(from.date, to.date)
    if (range) problems.to = range
  }
  return {
    filters: { who: q.who, kind: q.kind, action: q.action, from: from.ok ? from.date : null, to: to.ok ? to.date : null, page: q.page },
    values,
    problems: Object.keys(problems).length > 0 ? problems : null,
  }
}

/** The address of another page of the same filtered list. */
export function auditPageHref(values: AuditFilterValues, page: number): string {
  const params = new URLSearchParams()
  for (const key of ['who', 'kind', 'action'] as const) {
    const value = values[key]
    if (value) params.set(key, value)
  }
  for (const end of ['from', 'to'] as const) {
    for (const unit of ['day', 'month', 'year'] as const) {
      const value = values[end][unit]
      if (value) params.set(`${end}-${unit}`, value)
    }
  }
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return query ? `/admin/audit?${query}` : '/admin/audit'
}
