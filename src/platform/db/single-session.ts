import { sql } from 'kysely'
import type { Db } from './database.ts'

// PGlite is PostgreSQL compiled to WebAssembly, running inside this process
// as one session: while a transaction is open nothing else reaches the
// database, and a statement runs on the event loop itself. Long work (an
// import) has to be cut into short transactions there, or every other
// request waits for it. PostgreSQL gives each request its own connection.

const known = new WeakMap<Db, Promise<boolean>>()

/** Whether the database is PGlite's one session (its version names the WebAssembly build), asked once a database. */
export function isSingleSession(db: Db): Promise<boolean> {
  let answer = known.get(db)
  if (!answer) {
    answer = sql<{ version: string }>`SELECT version()`.execute(db).then((r) => /emscripten|wasm/i.test(r.rows[0]?.version ?? ''))
    known.set(db, answer)
  }
  return answer
}

/** Lets the event loop answer whatever else is waiting (other requests) before the next step of long work. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve))
