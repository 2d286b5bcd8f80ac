import { PGlite } from '@electric-sql/pglite'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/*
 * A new PGlite data directory begins with initdb, which takes PGlite 12–15 s:
 * most of a first start. The cluster it makes is the same every time for one
 * version of PGlite, so `npm run build` (run by `npm install`) makes it once
 * and dumps it here, and a new data directory is loaded from the dump in
 * about 2 s. It is the bare cluster, not migrated: migrations still run on
 * the first start, so every new database goes through them the same way.
 */

const root = join(import.meta.dirname, '..', '..', '..')

/** Where the dump for the installed PGlite lives (.cache/ is not committed); another PGlite version names another file. */
export function clusterTemplatePath(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }
  return join(root, '.cache', `pglite-${pkg.version}-cluster.tar.gz`)
}

/** The dumped cluster, when `npm run build` has made one for this PGlite. */
export function readClusterTemplate(): Blob | undefined {
  const path = clusterTemplatePath()
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined
}

/** Runs initdb in memory and dumps the result, unless the dump for this PGlite exists. Returns whether it made one. */
export async function buildClusterTemplate(): Promise<boolean> {
  const path = clusterTemplatePath()
  if (existsSync(path)) return false
  const pglite = await PGlite.create('memory://')
  try {
    const dump = await pglite.dumpDataDir('gzip')
    mkdirSync(dirname(path), { recursive: true })
    // Written aside and renamed into place, so a start running meanwhile never loads half a file.
    const partial = `${path}.${process.pid}`
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
    renameSync(partial, path)
  } finally {
    await pglite.close()
  }
  return true
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const made = await buildClusterTemplate()
  console.log(made ? `Made the empty database PGlite starts from: ${clusterTemplatePath()}` : `Already made: ${clusterTemplatePath()}`)
}
