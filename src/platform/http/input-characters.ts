import type { FastifyInstance } from 'fastify'

/**
 * A request carrying a character no page or form ever sends: refused at the
 * edge, because PostgreSQL cannot store NUL in text and would fail the request.
 */
export class DisallowedCharacterError extends Error {
  readonly statusCode = 400
  constructor() {
    super('The request contained a character that is not allowed')
  }
}

/** Whether any text in a parsed query, address or form (at any depth) holds NUL. File contents are bytes and may. */
export function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0')
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false
  const values = Array.isArray(value) ? value : Object.entries(value).flat()
  return values.some(holdsNul)
}

/**
 * Refuses NUL in the address, the query and the form, whether the form came
 * urlencoded, as multipart or as JSON. Checked before the handler (after every
 * body parser, multipart's included) so no route sees one.
 * A cookie holding NUL is not one the app set: it is dropped, as if never sent.
 */
export function refuseDisallowedCharacters(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    for (const [name, value] of Object.entries(request.cookies ?? {})) {
      if (holdsNul(value)) delete request.cookies[name]
    }
  })
  app.addHook('preHandler', async (request) => {
    if (holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body)) throw new DisallowedCharacterError()
  })
}
