import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { migrations } from '../../../migrations/index.ts'
import type { Db } from '../db/database.ts'

export interface HealthSources {
  /** Whether the database answers (DatabaseHandle.ping: no connection from the pages' pool). */
  ping: () => Promise<void>
  /** The database, read only to learn which migrations have run. */
  db: Db
}

/**
 * Three checks, none of which reads a session or waits for anything a page waits for:
 *
 * - GET /health/live, liveness: the process answers HTTP. Nothing else, so a database outage never gets a
 *   healthy process restarted (the container's HEALTHCHECK uses it).
 * - GET /health/ready, readiness: the database answers and has every migration this code knows, so a load
 *   balancer sends no traffic to a process that could only fail it.
 * - GET /health, as before (process and database), for the checks and the load benchmark that use it.
 *
 * A service slowed by load still reports healthy and ready: ping takes no connection from the pages' pool,
 * and the migrations are read once and remembered, since a running process never sees them go back.
 */
export function healthRoutes(app: FastifyInstance, { ping, db }: HealthSources): void {
  app.get('/health', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    try {
      await ping()
      return reply.send({ status: 'ok', database: 'ok' })
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' })
    }
  })

  app.get('/health/live', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    return reply.send({ status: 'ok' })
  })

  let migrated = false
  app.get('/health/ready', async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    try {
      await ping()
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' })
    }
    if (!migrated) {
      let pending: number
      try {
        pending = await pendingMigrations(db)
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: 'unreachable' })
      }
      if (pending) return reply.code(503).send({ status: 'unavailable', database: 'ok', migrations: 'pending', pending })
      migrated = true
    }
    return reply.send({ status: 'ok', database: 'ok', migrations: 'latest' })
  })
}

/** How many of the migrations this code knows the database has not run (all of them on a database never migrated). */
export async function pendingMigrations(db: Db): Promise<number> {
  const known = Object.keys(migrations)
  const table = await sql<{ present: boolean }>`SELECT to_regclass('kysely_migration') IS NOT NULL AS present`.execute(db)
  if (!table.rows[0]?.present) return known.length
  const ran = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)
  const names = new Set(ran.rows.map((row) => row.name))
  return known.filter((name) => !names.has(name)).length
}
