import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts'
import { JobQueue } from '../../src/platform/jobs/queue.ts'
import { importJobs } from '../../src/performance/value-transfer/jobs.ts'
import { valueTransferService } from '../../src/performance/value-transfer/service.ts'
import { buildCss } from '../../src/platform/views/build-css.ts'
import type { TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { postgresUrl, testDatabase } from '../support/database.ts'
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts'
import { migratedTemplate } from '../support/template-database.ts'
import { jobEnded, jobIdOf, jobNow } from '../support/jobs.ts'
import { browserFor, csvFile, csvText, fingertipsHeader, fingertipsRow, setUp, type Setup } from '../fixtures/value-transfer/support.ts'

// Background work lives in the database (src/platform/jobs), so instances of
// the service that share nothing else share it: one instance takes an upload,
// any instance imports it, every instance answers its progress page; a job
// whose instance stops before it ends is handed to another and run again.

const root = path.resolve(import.meta.dirname, '../..')
const silent = loadConfig({ LOG_LEVEL: 'silent' })

/** Enough school years of every area for an import that takes a while: thousands of values. */
async function bigFile(database: DatabaseHandle, name: string, count: number) {
  const areas = (await database.db.selectFrom('areas').select('code').where('partnership_id', 'is', null).orderBy('code').execute()).map((a) => a.code)
  const rows: string[][] = []
  for (let year = 1950; rows.length < count; year++) {
    const period = `${year}/${String((year + 1) % 100).padStart(2, '0')}`
    for (const area of areas) rows.push(fingertipsRow({ 'Area Code': area, 'Time period': period }))
  }
  return { file: csvFile(name, [fingertipsHeader, ...rows]), rows: rows.length }
}

/** A queue that imports, wired as src/app.ts wires it, with timings short enough for a test to see an instance missed. */
function importingQueue(database: DatabaseHandle) {
  const queue = new JobQueue(database.db, {
    onFault: (error) => assert.fail(String(error)),
    heartbeatSeconds: 10,
    superviseSeconds: 1,
    pollingSeconds: 0.5,
  })
  const imports = importJobs(database.db, queue, valueTransferService(database.db))
  queue.handle('value-import', (run) => imports.run(run))
  return { queue, imports }
}

describe('two instances of the service on one PostgreSQL database', { skip: !postgresUrl && 'no TEST_DATABASE_URL' }, () => {
  let scratch: ScratchDatabase
  const instances: TestApp[] = []
  let s: Setup

  before(async () => {
    buildCss()
    scratch = await createScratchDatabase(postgresUrl!, 'thrive_test', await migratedTemplate(postgresUrl!))
    // Each with its own connections, as two processes would have: they share the database and nothing else.
    for (let i = 0; i < 2; i++) {
      const database = await openDatabase({ databaseUrl: scratch.url })
      const app = await createApp(silent, { db: database.db })
      await app.ready()
      instances.push({ app, database, config: silent, close: async () => (await app.close(), await database.close()) })
    }
    s = await setUp(instances[0]!.database.db)
  })
  after(async () => {
    for (const instance of instances) await instance.close()
    await scratch.drop()
  })

  test('an import started on one is followed to its end on the other’s progress page', async () => {
    const [first, second] = instances as [TestApp, TestApp]
    const { file, rows } = await bigFile(first.database, 'shared.csv', 15_000)
    const admin = await browserFor(first, s.emails.admin)
    const started = await admin.upload('/indicator-values/import', { follow: 'yes' }, file, { formPage: '/indicator-values/import' })
    assert.equal(started.statusCode, 303)
    const location = String(started.headers.location)
    // Someone else, signed in on the other instance, watches it.
    const viewer = await browserFor(second, s.emails.viewer)
    const seen = new Set<string>()
    let page = ''
    for (let i = 0; i < 1200; i++) {
      const response = await viewer.get(location)
      assert.equal(response.statusCode, 200)
      page = response.body
      if (!page.includes('http-equiv="refresh"')) break
      seen.add(/rows read so far|Waiting to start|Checking the rows|Writing the values/.exec(page)?.[0] ?? 'other')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.ok(seen.size > 0, 'the other instance showed the import under way')
    assert.ok(!seen.has('other'), `unexpected pages: ${[...seen].join(', ')}`)
    assert.match(page, /<h1 class="govuk-heading-l">Values imported from shared.csv<\/h1>/)
    assert.match(page, new RegExp(`${rows.toLocaleString('en-GB')} values added`))
    const job = await jobNow(second.database.db, jobIdOf(location))
    assert.equal(job.state, 'succeeded')
    assert.equal(job.attempts, 1)
    assert.equal(job.fileId, null, 'the upload is let go once imported')
    const kept = await second.database.db.selectFrom('stored_files').select('id').where('partnership_id', '=', s.partnershipId).execute()
    assert.deepEqual(kept, [])
  })

  test('the sign-in throttle holds across both: tries refused on one count on the other', async () => {
    const [first, second] = instances as [TestApp, TestApp]
    const viaFirst = new TestClient(first.app)
    const viaSecond = new TestClient(second.app, viaFirst.address)
    const [firstCsrf, secondCsrf] = [await viaFirst.csrfToken('/sign-in'), await viaSecond.csrfToken('/sign-in')]
    for (let i = 0; i < 30; i++) {
      const tried = await viaFirst.post('/sign-in', { email: `nobody${i}@example.org`, password: 'wrong' }, { csrf: firstCsrf })
      assert.equal(tried.statusCode, 400, `try ${i + 1} on the first`)
    }
    const refused = await viaSecond.post('/sign-in', { email: 'nobody@example.org', password: 'wrong' }, { csrf: secondCsrf })
    assert.equal(refused.statusCode, 429, 'the second instance refuses the 31st try')
  })

  test('an instance killed half way through an import: another takes the job up and imports the file, once', async () => {
    const database = instances[0]!.database
    const { file, rows } = await bigFile(database, 'killed.csv', 3_000)
    const admin = (await database.db.selectFrom('users').select(['id', 'display_name']).where('email', '=', s.emails.admin).executeTakeFirstOrThrow())!
    const upload = path.join(mkdtempSync(path.join(tmpdir(), 'thrive-jobs-')), file.name)
    writeFileSync(upload, file.content)
    // The instance to be killed: a process of its own, whose import hangs once it has begun, as a long one would.
    const script = `
      import { openDatabase } from './src/platform/db/database.ts'
      import { JobQueue } from './src/platform/jobs/queue.ts'
      import { importJobs } from './src/performance/value-transfer/jobs.ts'
      import { valueTransferService } from './src/performance/value-transfer/service.ts'
      import { readFileSync } from 'node:fs'
      const { url, actor, file } = JSON.parse(process.env.JOB_TEST)
      const database = await openDatabase({ databaseUrl: url })
      const queue = new JobQueue(database.db, { onFault: (e) => console.error(e), heartbeatSeconds: 10, superviseSeconds: 1, pollingSeconds: 0.5 })
      const imports = importJobs(database.db, queue, valueTransferService(database.db))
      queue.handle('value-import', async () => { console.log('begun'); await new Promise(() => {}) })
      await queue.start()
      console.log('job ' + await imports.start(actor, { filename: file.name, content: readFileSync(file.path), truncated: false }))
    `
    const child = spawn(process.execPath, ['--import', './scripts/typescript.js', '--input-type=module', '-e', script], {
      cwd: root,
      env: {
        ...process.env,
        JOB_TEST: JSON.stringify({
          url: scratch.url,
          actor: { userId: admin.id, label: admin.display_name, partnershipId: s.partnershipId, role: 'admin' },
          file: { name: file.name, path: upload },
        }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    const id = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const started = /job ([0-9a-f-]{36})/.exec(output)
        if (started && output.includes('begun')) resolve(started[1]!)
      })
      child.on('exit', (code) => reject(new Error(`the instance exited (${code}) before its import began: ${output}`)))
    })
    assert.equal((await jobNow(database.db, id)).state, 'running')
    child.kill('SIGKILL')

    // Another instance, which never saw the upload, notices the first stopped beating and imports the saved file.
    const { queue } = importingQueue(database)
    await queue.start()
    try {
      // The job's heartbeat is missed after 30 s (the queue's, as src/app.ts made it), then the job is tried again.
      const job = await jobEnded(database.db, id, 90_000)
      assert.equal(job.state, 'succeeded', JSON.stringify(job.result))
      assert.equal(job.attempts, 2)
      assert.equal((job.result as { counts: { rows: number } }).counts.rows, rows)
      const imports = await database.db.selectFrom('value_imports').select('id').where('filename', '=', 'killed.csv').execute()
      assert.equal(imports.length, 1, 'imported once')
    } finally {
      await queue.stop()
    }
  })
})

describe('a shutdown with an import under way', () => {
  let database: DatabaseHandle
  let s: Setup
  before(async () => {
    database = await testDatabase()
    s = await setUp(database.db)
  })
  after(() => database.close())

  test('hands the import back to the queue after its grace, and the next start imports the file', async () => {
    const admin = await database.db.selectFrom('users').select(['id', 'display_name']).where('email', '=', s.emails.admin).executeTakeFirstOrThrow()
    const actor = { userId: admin.id, label: admin.display_name, partnershipId: s.partnershipId, role: 'admin' as const }
    // The instance shutting down: its import has begun and will not end by itself.
    const stopping = new JobQueue(database.db, { onFault: (error) => assert.fail(String(error)), graceMs: 1000, pollingSeconds: 0.5 })
    const stoppingImports = importJobs(database.db, stopping, valueTransferService(database.db))
    let begun = () => {}
    const hasBegun = new Promise<void>((resolve) => (begun = resolve))
    stopping.handle('value-import', async ({ signal }) => {
      begun()
      await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)))
    })
    await stopping.start()
    const content = Buffer.from(csvText([fingertipsHeader, fingertipsRow({ 'Time period': '2019/20' })]))
    const id = await stoppingImports.start(actor, { filename: 'handed-back.csv', content, truncated: false })
    await hasBegun
    const stoppedAt = performance.now()
    await stopping.stop()
    assert.ok(performance.now() - stoppedAt < 5000, 'the shutdown did not wait for the import')
    const handedBack = await jobNow(database.db, id)
    assert.equal(handedBack.state, 'queued', 'back in the queue, not failed')
    assert.equal(handedBack.finishedAt, null)

    const { queue } = importingQueue(database)
    await queue.start()
    try {
      const job = await jobEnded(database.db, id)
      assert.equal(job.state, 'succeeded', JSON.stringify(job.result))
      assert.equal(job.attempts, 2)
      assert.equal((job.result as { counts: { added: number } }).counts.added, 1)
    } finally {
      await queue.stop()
    }
  })
})
