import type { FastifyInstance, FastifyRequest } from 'fastify'

/** The page ran past its time budget; the error handler shows the 503 "busy" page. */
export class PageTimeoutError extends Error {
  readonly statusCode = 503
  readonly code = 'THRIVE_PAGE_TIMEOUT'
  constructor(ms: number) {
    super(`The page took longer than ${ms} ms`)
  }
}

/**
 * A time budget for every page: a GET that has not started its answer
 * within `ms` gets the busy page (503) instead of leaving the person and the
 * connection waiting. The budget ends when the answer starts, so a download
 * that streams for minutes (an export, a file) is not cut off, and writes
 * (POST) are never answered "busy" while their transaction may still commit.
 */
export function setUpTimeBudget(app: FastifyInstance, ms: number): void {
  const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>()
  const stop = (request: FastifyRequest) => {
    clearTimeout(timers.get(request))
    timers.delete(request)
  }
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return
    timers.set(
      request,
      setTimeout(() => {
        timers.delete(request)
        if (reply.sent || reply.raw.headersSent || request.raw.destroyed) return
        request.log.warn({ url: request.url }, 'page timed out')
        reply.send(new PageTimeoutError(ms))
      }, ms),
    )
  })
  app.addHook('onSend', async (request) => stop(request))
  app.addHook('onResponse', async (request) => stop(request))
  app.addHook('onRequestAbort', async (request) => stop(request))
}
