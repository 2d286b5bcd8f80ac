import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'

/*
 * Every test file wants a freshly migrated database of its own. Building one
 * (an empty cluster, then every migration) costs seconds per file, the same
 * seconds each time, so it is done once per version of the migrations and
 * copied: a dumped data directory for PGlite, a template database for
 * PostgreSQL. A change to any migration file names a new template.
 */

const migrationsDir = path.resolve(import.meta.dirname, '../../migrations')

/** A digest of every file under migrations/, so the template can never be older than the schema. */
export function migrationsFingerprint(): string {
  const hash = createHash('sha256')
  const files = readdirSync(migrationsDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
  for (const file of files) {
    hash.update(path.relative(migrationsDir, file))
    hash.update(readFileSync(file))
  }
  return hash.digest('hex').slice(0, 16)
}

/*
 * PGlite reads a dump with blob.arrayBuffer(), which Node's Blob answers by
 * copying the bytes out again in small pieces: 0.55 s for a 45 MB dump, a
 * third of opening a database (the file read itself takes 0.13 s). A Blob
 * that hands over the bytes it was read with answers at once.
 */
class BytesBlob extends Blob {
  readonly #bytes: ArrayBuffer
  constructor(bytes: Buffer) {
    super([])
    this.#bytes = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.slice(0))
  }
}

function dumpBlob(dump: string): Blob {
  return new BytesBlob(readFileSync(dump))
}

/**
 * An in-memory PGlite already migrated: loaded from the dump when one exists,
 * otherwise migrated here and dumped for the files after it. Two files racing
 * to make the dump each write their own and rename it into place, so a reader
 * never sees half a file.
 */
export async function migratedPglite(): Promise<DatabaseHandle> {
  const dump = path.join(os.tmpdir(), `thrive-test-schema-${migrationsFingerprint()}.tar`)
  if (existsSync(dump)) return openDatabase({ dataDir: 'memory://', loadDataDir: dumpBlob(dump) })
  const handle = await openDatabase({ dataDir: 'memory://' })
  await migrateToLatest(handle.db)
  const contents = await handle.pglite!.dumpDataDir('none')
  const partial = `${dump}.${process.pid}`
  writeFileSync(partial, Buffer.from(await contents.arrayBuffer()))
  renameSync(partial, dump)
  return handle
}

/**
 * An in-memory PGlite with `seed` already run over the migrated schema, and
 * what `seed` returned. The browser tests each start from the demo
 * partnership, whose building costs more than the rest of a file's set-up: the
 * first file of a run builds and dumps it, the rest load the dump. `run` names
 * the run (the test runner's process), so no dump outlives the code that made
 * it; dumps older than a day, left by runs that were killed, are removed.
 */
export async function seededPglite<T>(name: string, run: number, seed: (handle: DatabaseHandle) => Promise<T>): Promise<{ handle: DatabaseHandle; seeded: T }> {
  const prefix = `thrive-test-${name}-`
  const dump = path.join(os.tmpdir(), `${prefix}${run}.tar`)
  const result = `${dump}.json`
  if (existsSync(result)) {
    const seeded = JSON.parse(readFileSync(result, 'utf8')) as T
    return { handle: await openDatabase({ dataDir: 'memory://', loadDataDir: dumpBlob(dump) }), seeded }
  }
  const handle = await migratedPglite()
  const seeded = await seed(handle)
  const contents = await handle.pglite!.dumpDataDir('none')
  writeFileSync(`${dump}.${process.pid}`, Buffer.from(await contents.arrayBuffer()))
  renameSync(`${dump}.${process.pid}`, dump)
  // Written last: its presence says the dump beside it is complete.
  writeFileSync(`${result}.${process.pid}`, JSON.stringify(seeded))
  renameSync(`${result}.${process.pid}`, result)
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000
  for (const file of readdirSync(os.tmpdir())) {
    const stale = path.join(os.tmpdir(), file)
    const modified = statSync(stale, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()
    if (file.startsWith(prefix) && !stale.startsWith(dump) && modified < dayAgo) rmSync(stale, { force: true })
  }
  return { handle, seeded }
}

async function onServer<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    return await work(admin)
  } finally {
    await admin.end()
  }
}

/**
 * The name of a migrated template database on the server, made on first use.
 * An advisory lock lets one test file build it while the others wait; it is
 * built under another name and renamed when complete, so a run killed half
 * way leaves no template that looks finished.
 */
export async function migratedTemplate(serverUrl: string): Promise<string> {
  const name = `thrive_template_${migrationsFingerprint()}`
  return onServer(serverUrl, async (admin) => {
    const exists = async () => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1
    if (await exists()) return name
    await admin.query(`SELECT pg_advisory_lock(hashtext('thrive test template'))`)
    try {
      if (await exists()) return name
      const building = `${name}_building`
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`)
      await admin.query(`CREATE DATABASE ${building}`)
      const url = new URL(serverUrl)
      url.pathname = `/${building}`
      const handle = await openDatabase({ databaseUrl: url.toString() })
      try {
        await migrateToLatest(handle.db)
      } finally {
        await handle.close()
      }
      // A pool's end() resolves before the server has let its connections go; the rename needs them gone.
      for (let tries = 0; ; tries++) {
        const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [building])
        if (rows[0]?.n === 0 || tries > 100) break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`)
      return name
    } finally {
      await admin.query(`SELECT pg_advisory_unlock(hashtext('thrive test template'))`)
    }
  })
}
