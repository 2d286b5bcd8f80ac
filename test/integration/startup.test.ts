import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/platform/db/database.ts'
import { postgresUrl } from '../support/database.ts'
import { createScratchDatabase } from '../support/scratch-database.ts'
import { startAndStopService } from '../support/service-process.ts'

// `npm start` as an operator runs it: a separate process configured by the environment, stopped with SIGTERM.
// What it prints is checked, since on a first start that is all that says it has not hung.

/** Starts the service, waits until /health answers, stops it with SIGTERM and returns what it printed and its exit code. */
async function serveOnce(settings: NodeJS.ProcessEnv): Promise<{ stdout: string; code: number | null }> {
  return startAndStopService({ LOG_LEVEL: 'warn', DATABASE_URL: undefined, THRIVE_DEMO: undefined, ...settings })
}

async function partnershipSlugs(settings: { DATABASE_URL?: string; THRIVE_DATA_DIR?: string }): Promise<string[]> {
  const database = await openDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.THRIVE_DATA_DIR })
  try {
    return (await database.db.selectFrom('partnerships').select('slug').execute()).map((row) => row.slug)
  } finally {
    await database.close()
  }
}

describe('starting the service', () => {
  let directory: string
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'thrive-startup-'))
  })
  after(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  const serverUrl = postgresUrl
  if (!serverUrl) {
    test('a first start on the embedded default says what it is doing and creates the demo; a restart does neither', async () => {
      const settings = { THRIVE_DATA_DIR: join(directory, 'default') }
      const first = await serveOnce(settings)
      assert.equal(first.code, 0, 'SIGTERM ends the service cleanly')
      const steps = ['Creating the embedded database', 'Migrating the database', 'Creating the demo partnership', 'Thrive is running', 'password: ']
      const at = steps.map((step) => first.stdout.indexOf(step))
      assert.ok(
        at.every((position, i) => position >= 0 && (i === 0 || position > at[i - 1]!)),
        `each step announced, in order:\n${first.stdout}`,
      )
      assert.deepEqual(await partnershipSlugs(settings), ['oldham'])

      const again = await serveOnce(settings)
      assert.equal(again.code, 0)
      assert.doesNotMatch(again.stdout, /Creating the embedded database|Migrating|Creating the demo|password: /)
      assert.match(again.stdout, /Thrive is running[\s\S]*Forgotten the demo password\?/)
      assert.deepEqual(await partnershipSlugs(settings), ['oldham'])
    })

    test('THRIVE_DEMO=false leaves a new embedded database empty and says how to create a partnership', async () => {
      const settings = { THRIVE_DATA_DIR: join(directory, 'no-demo'), THRIVE_DEMO: 'false' }
      const served = await serveOnce(settings)
      assert.equal(served.code, 0)
      assert.doesNotMatch(served.stdout, /Creating the demo|password: /)
      assert.match(served.stdout, /no partnership yet\. Create one with: npx thrive partnership add/)
      assert.deepEqual(await partnershipSlugs(settings), [])
    })
  } else {
    test('an empty PostgreSQL database is never given the demo unless THRIVE_DEMO=true asks for it', async () => {
      const scratch = await createScratchDatabase(serverUrl)
      try {
        const settings = { DATABASE_URL: scratch.url }
        const plain = await serveOnce(settings)
        assert.equal(plain.code, 0)
        assert.match(plain.stdout, /Migrating the database/)
        assert.doesNotMatch(plain.stdout, /Creating the embedded database|Creating the demo|password: /)
        assert.match(plain.stdout, /no partnership yet\. Create one with: npx thrive partnership add[\s\S]*THRIVE_DEMO=true/)
        assert.deepEqual(await partnershipSlugs(settings), [])

        const asked = await serveOnce({ ...settings, THRIVE_DEMO: 'true' })
        assert.equal(asked.code, 0)
        assert.doesNotMatch(asked.stdout, /Migrating the database/, 'an up-to-date database is not migrated again')
        assert.match(asked.stdout, /Creating the demo partnership[\s\S]*password: /)
        assert.deepEqual(await partnershipSlugs(settings), ['oldham'])
      } finally {
        await scratch.drop()
      }
    })
  }
})
