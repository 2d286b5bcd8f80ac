import { z } from 'zod'

// The GOV.UK date input sends a date as three boxes (`name-day`, `name-month`,
// `name-year`). Forms read them into one 'YYYY-MM-DD' value before their
// schema runs, carrying what is wrong as a marker so the schema can put the
// message by the field, alongside every other mistake in the form.

const isoDate = /^\d{4}-\d{2}-\d{2}$/

/** The years a date in the partnership's records can fall in: PostgreSQL has no year 0, and '9999' is a slip of the keyboard. */
export const earliestYear = 1900
export const latestYear = 2200
export const isAllowedYear = (year: number) => Number.isInteger(year) && year >= earliestYear && year <= latestYear
/** How messages name those years: 'The due date must be in a year from 1900 to 2200'. */
export const allowedYears = `in a year from ${earliestYear} to ${latestYear}`

/** A real calendar date in those years, as 'YYYY-MM-DD', or undefined. */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  if (!isAllowedYear(year)) return undefined
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return date.toISOString().slice(0, 10)
}

/** Whether a 'YYYY-MM-DD' text names a real calendar date (a date in an address, say). */
export function isRealDate(text: string): boolean {
  if (!isoDate.test(text)) return false
  const [y, m, d] = text.split('-').map(Number) as [number, number, number]
  return calendarDate(y, m, d) !== undefined
}

/**
 * Reads one date input's three boxes into 'YYYY-MM-DD', null when all are
 * blank, or a message saying what is wrong. An ISO date under the plain name
 * (the demo, scripts) is accepted too.
 */
export function dateFromParts(body: Record<string, unknown>, name: string, label: string): { value: string | null } | { error: string } {
  const plain = body[name]
  if (typeof plain === 'string' && isoDate.test(plain)) {
    const [y, m, d] = plain.split('-').map(Number) as [number, number, number]
    return checked(y, m, d, label)
  }
  const part = (p: string) => String(body[`${name}-${p}`] ?? '').trim()
  const [day, month, year] = [part('day'), part('month'), part('year')]
  if (!day && !month && !year) return { value: null }
  const missing = [
    ['day', day],
    ['month', month],
    ['year', year],
  ]
    .filter(([, v]) => !v)
    .map(([p]) => p)
  if (missing.length) return { error: `${label} must include a ${missing.join(' and ')}` }
  if (![day, month, year].every((v) => /^\d+$/.test(v)) || year.length !== 4) return { error: `${label} must be a real date` }
  return checked(Number(year), Number(month), Number(day), label)
}

function checked(year: number, month: number, day: number, label: string): { value: string } | { error: string } {
  if (!isAllowedYear(year)) return { error: `${label} must be ${allowedYears}` }
  const value = calendarDate(year, month, day)
  return value ? { value } : { error: `${label} must be a real date` }
}

/** A preprocess step putting each named date (name → its label in messages) into the body as one value. */
export function withDates(dates: Record<string, string>) {
  return (input: unknown) => {
    const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>
    const out: Record<string, unknown> = { ...body }
    for (const [name, label] of Object.entries(dates)) {
      const result = dateFromParts(body, name, label)
      out[name] = 'error' in result ? { invalid: result.error } : result.value
    }
    return out
  }
}

/** A date after withDates: the message when the boxes make no date; null when blank, unless `required` says what to enter. */
export const dateField = (required?: string) =>
  z.unknown().transform((v, ctx) => {
    if (v && typeof v === 'object' && 'invalid' in v) {
      ctx.addIssue({ code: 'custom', message: String((v as { invalid: unknown }).invalid) })
      return z.NEVER
    }
    if (v == null) {
      if (!required) return null
      ctx.addIssue({ code: 'custom', message: required })
      return z.NEVER
    }
    return String(v)
  })

/** A date that must be given: `required` is the message when it is left blank. */
export const requiredDate = (required: string) => dateField(required).transform((v) => v as string)

/** A 'YYYY-MM-DD' date as the three boxes, for an edit form's starting values. */
export function dateValues(name: string, date: string | null): Record<string, string> {
  const [y, m, d] = date ? date.split('-') : ['', '', '']
  return { [`${name}-day`]: d ? String(Number(d)) : '', [`${name}-month`]: m ? String(Number(m)) : '', [`${name}-year`]: y ?? '' }
}

/** A saved 'YYYY-MM-DD' as the three boxes of the GOV.UK date input. */
export function dateParts(name: string, iso: string | null): Record<string, string> {
  const [year = '', month = '', day = ''] = iso ? iso.split('-') : []
  return { [`${name}-day`]: day.replace(/^0/, ''), [`${name}-month`]: month.replace(/^0/, ''), [`${name}-year`]: year }
}
