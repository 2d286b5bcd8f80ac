import { z } from 'zod'
import { dateFromParts } from '../bodies/schema.ts'

/**
 * Reads each named GOV.UK date input (`name-day`, `name-month`, `name-year`)
 * into one 'YYYY-MM-DD' value, null, or a marker carrying what is wrong, so a
 * schema's dateField can report it by the field. Shared by the strategy,
 * plan and progress-update forms.
 */
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

/** A date read by withDates: the message it carries, or the message for a missing required date. */
export const requiredDate = (required: string) =>
  z.unknown().transform((v, ctx) => {
    if (v && typeof v === 'object' && 'invalid' in v) {
      ctx.addIssue({ code: 'custom', message: String((v as { invalid: unknown }).invalid) })
      return z.NEVER
    }
    if (v == null) {
      ctx.addIssue({ code: 'custom', message: required })
      return z.NEVER
    }
    return String(v)
  })

/** Optional choice of a record by id: blank means none. */
export const optionalId = (message: string) => z.preprocess((v) => (v === '' || v == null ? null : v), z.string().uuid(message).nullable())

/** Free text that may be left blank. */
export const optionalText = (max: number, message: string) => z.preprocess((v) => v ?? '', z.string().trim().max(max, message))
