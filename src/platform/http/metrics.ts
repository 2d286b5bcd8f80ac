import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { routePattern } from './access-log.ts'

/** A PostgreSQL pool's connections at one moment (pg.Pool's totalCount, idleCount, waitingCount). */
export interface PoolFigures {
  max: number
  total: number
  idle: number
  waiting: number
}

/** Background imports by state, counted: never whose or which. */
export interface JobFigures {
  queued: number
  running: number
  succeeded: number
  failed: number
}

export interface MetricsSources {
  /** The bearer token a scraper must present. */
  token: string
  /** Whether the database answers (DatabaseHandle.ping). */
  ping: () => Promise<void>
  /** PostgreSQL's pool; PGlite has none (one engine in this process, queries in turn). */
  poolFigures?: (() => PoolFigures) | undefined
  /** Read from the database at each scrape (background_jobs), so every instance reports the same figures. */
  jobFigures: () => Promise<JobFigures>
}

/**
 * GET /metrics in Prometheus's text format: requests by method, route pattern and status, their
 * durations, the database's pool, background imports (from the database) and Node's own figures (memory, event loop, GC).
 *
 * Who may read it: only a scraper presenting `Authorization: Bearer <METRICS_TOKEN>`; without the
 * setting the route does not exist. The figures hold nothing about any partnership (no names, ids
 * or addresses as labels: a route is its pattern, `/p/:slug`, never the slug), but they do describe
 * the service's load and its process, which only its operators need, and a token is what every
 * Prometheus can send (`authorization: { credentials_file: ... }`), behind any proxy, on one port.
 */
export function setUpMetrics(app: FastifyInstance, sources: MetricsSources): void {
  const registry = new Registry()
  const registers = [registry]
  collectDefaultMetrics({ register: registry })

  const requests = new Counter({
    name: 'thrive_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  })
  const durations = new Histogram({
    name: 'thrive_http_request_duration_seconds',
    help: 'Time from request to response, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    // Pages aim for well under a second; the time budget ends a request at REQUEST_TIMEOUT_SECONDS (30 by default).
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  })
  app.addHook('onResponse', async (request, reply) => {
    const route = routePattern(request)
    requests.inc({ method: request.method, route, status: String(reply.statusCode) })
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000)
  })

  new Gauge({
    name: 'thrive_database_up',
    help: 'Whether the database answers (1) or not (0)',
    registers,
    async collect() {
      this.set(
        await sources.ping().then(
          () => 1,
          () => 0,
        ),
      )
    },
  })
  const { poolFigures, jobFigures } = sources
  if (poolFigures) {
    byState(registry, 'thrive_database_pool_connections', 'PostgreSQL pool connections: total open, idle, and requests waiting for one', () => {
      const { total, idle, waiting } = poolFigures()
      return { total, idle, waiting }
    })
    new Gauge({
      name: 'thrive_database_pool_max',
      help: 'The most connections the PostgreSQL pool opens (DATABASE_POOL_SIZE)',
      registers,
      collect() {
        this.set(poolFigures().max)
      },
    })
  }
  byState(
    registry,
    'thrive_import_jobs',
    'Indicator value imports run in the background, across every instance: waiting and under way, and ended in the last hour (succeeded or failed)',
    async () => {
      // A database that does not answer has no figures to give: thrive_database_up says so, and these are left out.
      const figures = await jobFigures().catch(() => null)
      return figures ? { queued: figures.queued, running: figures.running, succeeded: figures.succeeded, failed: figures.failed } : {}
    },
  )

  const expected = digest(`Bearer ${sources.token}`)
  app.get('/metrics', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    if (!presentsToken(request, expected)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('A metrics token is needed\n')
    }
    return reply.type(registry.contentType).send(await registry.metrics())
  })
}

/** A gauge with one series per state, read from `figures` at each scrape. */
function byState(registry: Registry, name: string, help: string, figures: () => Record<string, number> | Promise<Record<string, number>>): void {
  new Gauge({
    name,
    help,
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      for (const [state, value] of Object.entries(await figures())) this.set({ state }, value)
    },
  })
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

/** Compared as digests, in constant time, so neither the token's length nor its characters leak through timing. */
function presentsToken(request: FastifyRequest, expected: Buffer): boolean {
  const given = request.headers.authorization
  return typeof given === 'string' && timingSafeEqual(digest(given), expected)
}
