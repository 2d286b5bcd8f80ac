import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { postgresUrl } from '../support/database.ts'

// A PGlite started from a data directory that needed recovery (a dump, or one
// a killed process left) once armed a timer that re-armed itself for ever, so a
// command that opened the database never exited. This one must exit by itself.
test(
  'a process that opens and closes an embedded database restored from a dump exits by itself',
  { skip: postgresUrl ? 'embedded database only' : false },
  () => {
    const script = `
    import { openDatabase } from './src/platform/db/database.ts'
    import { migrateToLatest } from './src/platform/db/migrate.ts'
    const first = await openDatabase({ dataDir: 'memory://' })
    await migrateToLatest(first.db)
    const dump = await first.pglite.dumpDataDir('none')
    await first.close()
    const restored = await openDatabase({ dataDir: 'memory://', loadDataDir: dump })
    await restored.close()
  `
    const root = path.resolve(import.meta.dirname, '../..')
    const run = spawnSync(process.execPath, ['--import', './scripts/typescript.js', '--input-type=module', '-e', script], {
      cwd: root,
      timeout: 60_000,
      encoding: 'utf8',
    })
    assert.equal(run.error, undefined, `the process did not exit within a minute: ${String(run.error)}`)
    assert.equal(run.status, 0, run.stderr)
  },
)
