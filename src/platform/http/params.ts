import type { FastifyRequest } from 'fastify'
import { NotFoundError } from '../errors.ts'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An id from the address; anything that is not a UUID cannot exist, so it is a 404 rather than a database error. */
export function idParam(request: FastifyRequest, name = 'id'): string {
  const value = (request.params as Record<string, string | undefined>)[name]
  if (!value || !uuid.test(value)) throw new NotFoundError()
  return value.toLowerCase()
}

/** A UUID from a query or a form re-shown after a mistake, or null: such text may go to the database only once it is known to be an id. */
export function uuidOrNull(value: unknown): string | null {
  return typeof value === 'string' && uuid.test(value) ? value.toLowerCase() : null
}

export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
}
