import { z } from 'zod'
import { ValidationError, type FieldErrors } from '../errors.ts'

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
