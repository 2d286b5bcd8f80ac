import type { PGlite } from '@electric-sql/pglite'
import type { PgBoss } from 'pg-boss'
import { databaseOrigin, type Db } from '../db/database.ts'

// pg-boss hands work to whichever instance of the service asks first, keeps a
// job's claim alive while its worker beats, and gives a job whose instance
// stopped beating (killed, or its machine gone) to another. It keeps its
// tables in a schema of its own, `pgboss`, which it creates and migrates
// itself at start, under an advisory lock, so several instances starting at
// once do it once. That schema is the queue's machinery, not the partnership's
// data: backups (src/cli/schema.ts reads the current schema only) leave it out.

export const bossSchema = 'pgboss'

export interface BossTimings {
  /** A running job's worker touches it this often (half of it); a job not touched for this long is another instance's to take. */
  heartbeatSeconds: number
  /** How often some instance looks for jobs whose heartbeat stopped. */
  superviseSeconds: number
}

/**
 * PGlite is one session in this process. pg-boss's statements come as single
 * statements or as BEGIN … COMMIT blocks; each is run here as one exclusive
 * transaction of PGlite's, so a block that fails half way is rolled back
 * before any page's query can reach the session, rather than leaving it in an
 * aborted transaction for whoever comes next.
 */
function exclusive(pglite: PGlite) {
  return {
    query: <T>(text: string, params?: unknown[]) => pglite.transaction((tx) => tx.query<T>(text, params)),
    exec: (text: string) => pglite.transaction((tx) => tx.exec(text)),
  }
}

/**
 * A pg-boss for the database behind `db`: on PostgreSQL with a small pool of
 * its own (so the queue's polling and heartbeats never wait behind pages for a
 * connection, nor pages behind them); on PGlite through the engine itself.
 * Loaded only when needed: an embedded service with no background work never
 * loads it.
 */
export async function createBoss(db: Db, timings: BossTimings): Promise<PgBoss> {
  const origin = databaseOrigin(db)
  if (!origin) throw new Error('The job queue needs a database opened with openDatabase')
  const { PgBoss, fromPglite } = await import('pg-boss')
  const common = {
    schema: bossSchema,
    superviseIntervalSeconds: timings.superviseSeconds,
    // The monitor pass is the one that fails jobs whose heartbeat stopped, so it runs as often as supervision.
    monitorIntervalSeconds: timings.superviseSeconds,
  }
  if (origin.kind === 'postgres') {
    return new PgBoss({ ...common, connectionString: origin.url, max: 3, application_name: 'thrive jobs' })
  }
  // One process holds an embedded database, so there is no other instance to register with.
  return new PgBoss({ ...common, db: fromPglite(exclusive(origin.pglite)), backend: 'pglite', registerInstance: false })
}
