import { createHash } from 'node:crypto'
import type { FastifyRateLimitStoreCtor, RateLimitPluginOptions } from '@fastify/rate-limit'
import { sql } from 'kysely'
import type { Db } from '../db/database.ts'

/*
 * @fastify/rate-limit keeps its counts in the process by default, so two
 * instances of the service behind a load balancer would each allow the limit.
 * This store keeps them in the database every instance shares: one statement
 * per request counts the hit and reads the window, atomically (two instances
 * counting at once both land). Keys are hashes of the route and the address,
 * so no address is kept. Windows long over are cleared now and then.
 */

interface Hits {
  current: number
  ttl: number
}

type Callback = (error: Error | null, hits: Hits | null) => void

const clearEvery = 200

function databaseStore(db: Db) {
  let sinceCleared = 0
  return class DatabaseRateLimitStore {
    readonly route: string

    constructor(options: { routeInfo?: { method?: string; url?: string } } = {}) {
      this.route = `${options.routeInfo?.method ?? ''} ${options.routeInfo?.url ?? ''}`
    }

    incr(address: string, callback: Callback, timeWindow: number, _max: number): void {
      const key = createHash('sha256').update(`${this.route}\n${address}`).digest('base64url')
      const counted = sql<{ hits: number; ttl: number }>`
        INSERT INTO rate_limit_windows AS w (key, hits, window_ends_at)
        VALUES (${key}, 1, clock_timestamp() + ${timeWindow} * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN w.window_ends_at <= clock_timestamp() THEN 1 ELSE w.hits + 1 END,
          window_ends_at = CASE WHEN w.window_ends_at <= clock_timestamp() THEN excluded.window_ends_at ELSE w.window_ends_at END
        RETURNING hits, greatest(0, ceil(extract(epoch FROM window_ends_at - clock_timestamp()) * 1000))::int AS ttl
      `.execute(db)
      counted.then(
        async ({ rows }) => {
          if ((sinceCleared = (sinceCleared + 1) % clearEvery) === 0) {
            await db
              .deleteFrom('rate_limit_windows')
              .where('window_ends_at', '<', sql<Date>`clock_timestamp() - interval '1 hour'`)
              .execute()
          }
          callback(null, { current: rows[0]!.hits, ttl: rows[0]!.ttl })
        },
        (error: Error) => callback(error, null),
      )
    }

    child(routeOptions: { routeInfo?: { method?: string; url?: string } }): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions)
    }
  }
}

/** The throttle on a form an attacker would hammer (signing in, accepting an invitation, changing a password): 30 tries in 5 minutes from one address. */
export function addressThrottle(db: Db): RateLimitPluginOptions {
  // The plugin's types give child() the route's own options; at run time it is given the
  // merged limit settings with routeInfo, as its own RedisStore reads them.
  return { max: 30, timeWindow: '5 minutes', store: databaseStore(db) as unknown as FastifyRateLimitStoreCtor }
}
