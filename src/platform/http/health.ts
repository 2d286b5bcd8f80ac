import type { FastifyInstance } from 'fastify'

/**
 * GET /health, the container's health check: it proves the process answers
 * HTTP and the database answers, and costs nothing else. It reads no session
 * and takes no connection from the pages' pool (see DatabaseHandle.ping), so
 * a service slowed by load still reports healthy and is not restarted for it;
 * a database that does not answer within two seconds is reported unavailable.
 */
export function healthRoute(app: FastifyInstance, ping: () => Promise<void>): void {
  app.get('/health', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    try {
      await ping()
      return reply.send({ status: 'ok', database: 'ok' })
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' })
    }
  })
}
