import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { sql, type PostgresPool } from 'kysely'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Executor } from './database.ts'

// COPY … FROM STDIN through Kysely, in whatever transaction the caller has
// open. Kysely hands a statement and its parameters to the pool's client and
// nothing else, so the rows travel as the statement's one parameter, and the
// PostgreSQL pool's clients (copyingPool, in database.ts) send a statement so
// given as COPY, streaming the rows with pg-copy-streams. PGlite has no such
// path (its COPY reads a whole Blob given outside Kysely): a copyIn there
// fails, and its callers INSERT instead.

/** Lines of COPY's text format (escapeCopyText each field, tab between them, newline after), as the one parameter of a COPY … FROM STDIN. */
export class CopyRows {
  readonly lines: Iterable<string>
  constructor(lines: Iterable<string>) {
    this.lines = lines
  }
}

/** Sends the lines to a COPY … FROM STDIN statement (`COPY table (columns) FROM STDIN`); PostgreSQL only. */
export async function copyIn(db: Executor, statement: string, lines: Iterable<string>): Promise<void> {
  if (!/^COPY\s[^;]*\sFROM STDIN$/i.test(statement)) throw new Error(`Not a COPY … FROM STDIN statement: ${statement}`)
  await sql`${sql.raw(statement)} ${new CopyRows(lines)}`.execute(db)
}

/** A field in COPY's text format: null as \N, and the backslash, tab, newline and carriage return escaped. */
export function escapeCopyText(value: string | number | boolean | null): string {
  if (value === null) return '\\N'
  if (typeof value !== 'string') return String(value)
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : value
}

type Client = pg.PoolClient

/** The statement and rows of a copyIn, or null for any other query. */
function copyOf(text: unknown, values: unknown): { statement: string; rows: CopyRows } | null {
  if (typeof text !== 'string' || !Array.isArray(values) || values.length !== 1 || !(values[0] instanceof CopyRows)) return null
  return { statement: text.replace(/\s\$1$/, ''), rows: values[0] }
}

/** The client with COPY … FROM STDIN for copyIn's statements; every other query, and everything else about it, as it was. */
function copying(client: Client): Client {
  const copyRows = async ({ statement, rows }: { statement: string; rows: CopyRows }) => {
    const stream = client.query(copyFrom(statement))
    await pipeline(Readable.from(rows.lines), stream)
    return { command: 'COPY', rowCount: stream.rowCount, rows: [] }
  }
  // Not async: a cursor (Kysely's stream()) must come back as itself, not in a promise.
  const query = (text: unknown, values?: unknown) => {
    const copy = copyOf(text, values)
    return copy ? copyRows(copy) : (client.query as (...args: unknown[]) => unknown)(text, values)
  }
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query
      const value = Reflect.get(target, property, target) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** The pool for Kysely's PostgreSQL dialect: the same pool, its clients able to COPY. */
export function copyingPool(pool: pg.Pool): PostgresPool {
  return {
    // The pool's own client class, which Kysely uses to cancel a statement from a connection of its own.
    Client: (pool as unknown as Required<PostgresPool>).Client,
    options: pool.options,
    connect: async () => copying(await pool.connect()),
    end: () => pool.end(),
  }
}
