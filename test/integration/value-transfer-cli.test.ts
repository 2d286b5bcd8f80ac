import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { postgresUrl } from '../support/database.ts'
import { createScratchDatabase } from '../support/scratch-database.ts'
import { csvText, fingerprint, fingertipsHeader, fingertipsRow, setUp } from '../fixtures/value-transfer/support.ts'

// `thrive import`, run as an analyst runs it: a separate process, configured
// only through the environment, on a file of any size.

const root = join(import.meta.dirname, '..', '..')

describe('thrive import', () => {
  let directory: string
  let env: NodeJS.ProcessEnv
  let dropDatabase: (() => Promise<void>) | undefined
  let emails: Awaited<ReturnType<typeof setUp>>['emails']

  function thrive(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', './scripts/typescript.js', 'src/cli/main.ts', ...args], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stdout, stderr }))
    })
  }

  async function inspect<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.THRIVE_DATA_DIR })
    try {
      return await work(database.db)
    } finally {
      await database.close()
    }
  }

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'thrive-import-'))
    env = { ...process.env, THRIVE_DATA_DIR: join(directory, 'data'), LOG_LEVEL: 'silent' }
    delete env.DATABASE_URL
    if (postgresUrl) {
      const scratch = await createScratchDatabase(postgresUrl)
      env.DATABASE_URL = scratch.url
      dropDatabase = scratch.drop
    }
    emails = await inspect(async (db) => {
      await migrateToLatest(db)
      return (await setUp(db)).emails
    })
  })

  after(async () => {
    await dropDatabase?.()
    await rm(directory, { recursive: true, force: true })
  })

  test('imports a Fingertips export and prints one summary line', async () => {
    const file = join(directory, 'fingertips.csv')
    await writeFile(
      file,
      csvText([
        fingertipsHeader,
        fingertipsRow(),
        fingertipsRow({ 'Time period': '2019/20', Value: '', Count: '', Denominator: '', 'Lower CI 95.0 limit': '', 'Upper CI 95.0 limit': '' }),
      ]),
    )
    const run = await thrive(['import', file, '--partnership', 'values-import', '--as', emails.editor])
    assert.equal(run.code, 0, run.stderr)
    assert.match(
      run.stdout,
      /^Imported 2 rows of fingertips.csv \(Fingertips export layout\) into Partnership values-import: 1 value added, 0 replaced, 0 unchanged; 1 row skipped with no value\.\n$/,
    )
    assert.equal(run.stderr, '', 'no bar when nobody is watching')
    const imported = await inspect((db) => db.selectFrom('value_imports').select(['filename', 'imported_by_label']).execute())
    assert.equal(imported.length, 1)
    assert.match(imported[0]!.imported_by_label, /\(command line\)$/)
  })

  test('a refused file prints the report by row and column, exits 1 and changes nothing', async () => {
    const file = join(directory, 'bad.csv')
    await writeFile(
      file,
      csvText([
        fingertipsHeader,
        fingertipsRow({ 'Area Code': 'E08999999', 'Time period': '2020/21' }),
        fingertipsRow({ Value: 'lots', 'Time period': '2021/22' }),
      ]),
    )
    const before = await inspect(fingerprint)
    const run = await thrive(['import', file, '--partnership', 'values-import'])
    assert.equal(run.code, 1)
    assert.match(run.stderr, /Nothing was imported from bad.csv: it has 2 problems\./)
    assert.match(run.stderr, /Row 2, Area Code: No area in the register has the code E08999999/)
    assert.match(run.stderr, /Row 3, Value: ‘lots’ is not a number/)
    assert.match(run.stderr, /Error: The import was refused; the database is unchanged\./)
    assert.deepEqual(await inspect(fingerprint), before)
  })

  test('a viewer, an unknown partnership and a missing file are refused with the reason', async () => {
    const file = join(directory, 'fingertips.csv')
    const viewer = await thrive(['import', file, '--partnership', 'values-import', '--as', emails.viewer])
    assert.equal(viewer.code, 1)
    assert.match(viewer.stderr, /Only admins, editors and the target leads of indicators can import values/)
    const nowhere = await thrive(['import', file, '--partnership', 'nowhere'])
    assert.match(nowhere.stderr, /There is no partnership with the slug ‘nowhere’/)
    const missing = await thrive(['import', join(directory, 'missing.csv'), '--partnership', 'values-import'])
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /no such file/)
  })
})
