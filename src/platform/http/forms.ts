import { z } from 'zod'
import { ConflictError, ValidationError, type FieldErrors } from '../errors.ts'

export interface ErrorView {
  list: { text: string; href: string }[]
  fields: Record<string, { text: string }>
}

/** The GOV.UK error pattern: a summary linking to each field, and a message by each field. */
export function errorView(fields: FieldErrors): ErrorView {
  return {
    list: Object.entries(fields).map(([name, text]) => ({ text, href: `#${name}` })),
    fields: Object.fromEntries(Object.entries(fields).map(([name, text]) => [name, { text }])),
  }
}

/**
 * A form refused because someone saved first (409, the summary pointing at the
 * latest saved version shown beside the form) or because of what was typed
 * (400, by field). Anything else goes on to the error pages.
 */
export function formRefusal(error: unknown, latestAt = '#latest'): { status: 400 | 409; conflict: boolean; errors: ErrorView } {
  if (error instanceof ConflictError) return { status: 409, conflict: true, errors: { list: [{ text: error.message, href: latestAt }], fields: {} } }
  if (error instanceof ValidationError) return { status: 400, conflict: false, errors: errorView(error.fields) }
  throw error
}

/** Parses a form with a schema; the first message per field is the one shown. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return result.data
  const fields: FieldErrors = {}
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? 'form')
    fields[name] ??= issue.message
  }
  throw new ValidationError(fields)
}

/** The record version an edit form was opened at, for optimistic locking. */
export const versionField = z.object({
  version: z.coerce.number({ error: 'The form is missing its version: reload the page' }).int().positive(),
})
