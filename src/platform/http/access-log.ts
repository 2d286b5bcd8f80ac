import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify'

/** Letters, digits and `_ . : -`, as request ids from proxies and tracers are: nothing that could forge a log line or a header. */
const saneRequestId = /^[\w.:-]{1,128}$/

/**
 * The request's id (Fastify's genReqId): the one a proxy in front sent in
 * `x-request-id`, when it is sane, so its log and ours can be joined; else a new one.
 */
export function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id']
  return typeof incoming === 'string' && saneRequestId.test(incoming) ? incoming : randomUUID()
}

/** The route's pattern (`/people/:id`), never the address asked for, whose query string can carry what someone searched for. */
export function routePattern(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(no route)'
}

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>

/** Pino, through Fastify, writing JSON lines to standard output (or `stream`, in tests) for the platform to ship. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): LoggerOptions | false {
  if (level === 'silent') return false
  return {
    level,
    redact: ['req.headers.cookie', 'req.body.password'],
    ...(stream && { stream }),
  }
}

/**
 * One info line per request once it is answered (Fastify's own request logging stays off, by its LogController:
 * its lines carry the client's address and the raw URL), with the request id, method, route pattern, status and time in
 * milliseconds; and the id goes back in the response's `x-request-id`, so a person reporting a fault can quote it.
 * No address, no cookie, no email, no name: a user id would add nothing an operator needs to see the service's health.
 */
export function setUpAccessLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: routePattern(request), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request answered',
    )
  })
}
