import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// The per-address throttles on signing in, accepting an invitation and changing
// a password, kept where every instance of the service sees them, so two
// instances behind a load balancer cannot each allow the limit. The key is a
// hash of the route and the address, never the address itself. Shows on no
// page, so it is not watched for the page cache's data versions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE rate_limit_windows (
      key text PRIMARY KEY CHECK (key ~ '^[A-Za-z0-9_-]{43}$'),
      hits integer NOT NULL CHECK (hits >= 1),
      window_ends_at timestamptz NOT NULL
    )
  `.execute(db)
  await sql`CREATE INDEX rate_limit_windows_ends ON rate_limit_windows (window_ends_at)`.execute(db)
}
