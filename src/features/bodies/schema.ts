import { z } from 'zod'
import { bodyKinds, memberRoles } from './model.ts'

const isoDate = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar date, as 'YYYY-MM-DD', or undefined. */
function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (year < 1900 || year > 2200 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return date.toISOString().slice(0, 10)
}

/**
 * Reads the GOV.UK date input's three boxes (`name-day`, `name-month`, `name-year`)
 * into one 'YYYY-MM-DD' value, or a message saying what is wrong with them.
 * An ISO date under the plain name (the demo, the API) is accepted too.
 */
export function dateFromParts(body: Record<string, unknown>, name: string, label: string): { value: string | null } | { error: string } {
  const plain = body[name]
  if (typeof plain === 'string' && isoDate.test(plain)) {
    const [y, m, d] = plain.split('-').map(Number) as [number, number, number]
    const value = calendarDate(y, m, d)
    return value ? { value } : { error: `${label} must be a real date` }
  }
  const part = (p: string) => String(body[`${name}-${p}`] ?? '').trim()
  const [day, month, year] = [part('day'), part('month'), part('year')]
  if (!day && !month && !year) return { value: null }
  const missing = [['day', day], ['month', month], ['year', year]].filter(([, v]) => !v).map(([p]) => p)
  if (missing.length) return { error: `${label} must include a ${missing.join(' and ')}` }
  if (![day, month, year].every((v) => /^\d+$/.test(v)) || year.length !== 4) return { error: `${label} must be a real date` }
  const value = calendarDate(Number(year), Number(month), Number(day))
  return value ? { value } : { error: `${label} must be a real date` }
}

/** Puts each named date into the body as one value, so the schema sees 'YYYY-MM-DD' or null (or a marker carrying the message). */
function withDates(dates: Record<string, string>) {
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

/** A date field after withDates: null when left blank; the message from withDates when the boxes do not make a date. */
const dateField = (required?: string) =>
  z.unknown().transform((v, ctx) => {
    if (v && typeof v === 'object' && 'invalid' in v) {
      ctx.addIssue({ code: 'custom', message: String((v as { invalid: unknown }).invalid) })
      return z.NEVER
    }
    if (v === null || v === undefined) {
      if (required) {
        ctx.addIssue({ code: 'custom', message: required })
        return z.NEVER
      }
      return null
    }
    return String(v)
  })

const optionalId = (message: string) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid(message).nullable())

export const bodyForm = z.preprocess(
  withDates({ establishedOn: 'Date established' }),
  z.object({
    name: z.string({ error: 'Enter the body’s name' }).trim().min(1, 'Enter the body’s name').max(200, 'Name must be 200 characters or fewer'),
    shortName: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? null : (v ?? null)),
      z.string().trim().max(40, 'Short name must be 40 characters or fewer').nullable(),
    ),
    kind: z.enum(bodyKinds, { error: 'Select the kind of body' }),
    purpose: z.preprocess((v) => v ?? '', z.string().trim().max(4000, 'Purpose must be 4,000 characters or fewer')),
    accountableToId: optionalId('Select a body from the list'),
    establishedOn: dateField(),
  }),
)

export type BodyInput = z.infer<typeof bodyForm>

export const endBodyForm = z.preprocess(
  withDates({ endedOn: 'Date it ended' }),
  z.object({
    endedOn: dateField('Enter the date it ended'),
    supersededById: optionalId('Select a body from the list'),
  }),
)

export type EndBodyInput = { endedOn: string; supersededById: string | null }

export const memberForm = z
  .preprocess(
    withDates({ startsOn: 'Start date', endsOn: 'End date' }),
    z.object({
      personId: z.string({ error: 'Select the person' }).uuid('Select the person'),
      role: z.enum(memberRoles, { error: 'Select their role on the body' }),
      representingId: optionalId('Select an organisation from the list'),
      startsOn: dateField(),
      endsOn: dateField(),
    }),
  )
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'End date must be the same as or after the start date' })
  })

export type MemberInput = z.infer<typeof memberForm>

export const bodyFilters = z.object({
  kind: z.enum(bodyKinds).optional().catch(undefined),
  status: z.enum(['current', 'ended', 'archived', 'all']).default('current').catch('current'),
  on: z
    .string()
    .regex(isoDate)
    .refine((v) => {
      const [y, m, d] = v.split('-').map(Number) as [number, number, number]
      return calendarDate(y, m, d) !== undefined
    })
    .optional()
    .catch(undefined),
})

export type BodyFilters = z.infer<typeof bodyFilters>
