import Fastify, { type FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'

/** Listens on a random loopback port (nothing outside this machine can reach it) and returns its origin. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

/**
 * The cheapest server that could send the same bytes: bare Fastify answering
 * one path with a fixed string. Dividing by its rate takes out what the
 * machine, Node and HTTP cost, leaving what the page itself costs.
 */
export async function fixedPageServer(path: string, html: string): Promise<{ app: FastifyInstance; origin: string }> {
  const app = Fastify({ logger: false })
  app.get(path, async (_request, reply) => reply.type('text/html; charset=utf-8').send(html))
  return { app, origin: await listenOnLoopback(app) }
}
