import type { FastifyInstance } from 'fastify'

/** One method and address pattern the app answers, as registered (`/people/:id`). */
export interface RouteEntry {
  method: string
  url: string
}

const registered = new WeakMap<FastifyInstance, RouteEntry[]>()

/**
 * Keeps a list of every route as it is added, so tests can walk them all
 * (Fastify has no way to list routes afterwards but its printed tree).
 * Call before any route is registered.
 */
export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteEntry[] = []
  registered.set(app, routes)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url })
  })
}

/** Every route recorded for the app, HEAD left out (Fastify answers it with the GET handler). */
export function routesOf(app: FastifyInstance): RouteEntry[] {
  const routes = registered.get(app)
  if (!routes) throw new Error('recordRoutes was not called on this app')
  return routes.filter((r) => r.method !== 'HEAD')
}
