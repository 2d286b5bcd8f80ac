import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../support/app.ts'
import { postgresUrl } from '../support/database.ts'
import { browserFor, csvFile, fingerprint, fingertipsHeader, fingertipsRow, setUp } from '../fixtures/value-transfer/support.ts'
import { jobEnded, jobIdOf, jobNow } from '../support/jobs.ts'
import { undoImport } from '../../src/performance/value-transfer/repository.ts'
import { inPartnership } from '../../src/platform/db/tenancy.ts'

// A big import must not stop the service answering everyone else. On PGlite
// (the default, one session in this process) it runs as short transactions
// with other requests let in between; on PostgreSQL other requests have
// connections of their own. Either way /health answers promptly throughout.

let t: TestApp
let partnershipId: string
let admin: Awaited<ReturnType<typeof browserFor>>
let rows: string[][]

before(async () => {
  t = await testApp()
  const s = await setUp(t.database.db)
  partnershipId = s.partnershipId
  admin = await browserFor(t, s.emails.admin)
  const areas = (await t.database.db.selectFrom('areas').select('code').where('partnership_id', 'is', null).orderBy('code').execute()).map((a) => a.code)
  rows = []
  // Every area of the register, over enough school years for some fifteen thousand values.
  for (let year = 1950; rows.length < 15_000; year++) {
    const period = `${year}/${String((year + 1) % 100).padStart(2, '0')}`
    for (const area of areas) rows.push(fingertipsRow({ 'Area Code': area, 'Time period': period }))
  }
})
after(() => t.close())

/** How the import a redirect names ended, once it has. */
async function importResult(location: unknown) {
  const job = await jobEnded(t.database.db, jobIdOf(location))
  return job.result as { ok: boolean; importId: string; counts: { added: number; replaced: number } }
}

test('/health answers promptly throughout an import of thousands of values', async () => {
  const started = await admin.upload('/indicator-values/import', {}, csvFile('big.csv', [fingertipsHeader, ...rows]), { formPage: '/indicator-values/import' })
  assert.equal(started.statusCode, 303)
  const id = jobIdOf(started.headers.location)
  const begun = performance.now()
  const latencies: number[] = []
  while (!(await jobNow(t.database.db, id)).finishedAt) {
    const asked = performance.now()
    const health = await t.app.inject({ method: 'GET', url: '/health' })
    latencies.push(performance.now() - asked)
    assert.equal(health.statusCode, 200)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const took = performance.now() - begun
  const result = (await jobNow(t.database.db, id)).result as { ok: boolean; counts: { added: number } }
  assert.ok(result.ok, JSON.stringify(result))
  assert.equal(result.counts.added, rows.length)
  // The import takes seconds on PGlite; were it one transaction there, /health would wait for all of it.
  // (PostgreSQL imports faster, and /health has a connection of its own there.)
  if (!postgresUrl) assert.ok(took > 2000, `the import took ${Math.round(took)} ms: too quick to tell`)
  assert.ok(latencies.length > 10, `${latencies.length} probes`)
  // Relative to the import, since this machine may be busy with other tests: held for the whole import, /health would wait about as long as it.
  const slowest = Math.max(...latencies)
  assert.ok(slowest < Math.min(3000, Math.max(1000, took / 2)), `the slowest /health took ${Math.round(slowest)} ms during an import of ${Math.round(took)} ms`)
})

test('an import taken back (as after a fault half way) leaves the values as they were', async () => {
  const db = t.database.db
  // The figures, their note and the import that brought them: version and updated_at move on, as after any change.
  const figures = () =>
    db
      .selectFrom('indicator_values')
      .select(['id', 'count', 'denominator', 'value', 'lower_95', 'upper_95', 'lower_998', 'upper_998', 'note', 'illustrative', 'category_rank', 'import_id'])
      .orderBy('id')
      .execute()
  const before = await fingerprint(db)
  const valuesBefore = await figures()
  const changed = rows.slice(0, 3).map((r) => r.map((cell, i) => (fingertipsHeader[i] === 'Value' ? '25.3' : cell)))
  const started = await admin.upload(
    '/indicator-values/import',
    {},
    csvFile('revised.csv', [fingertipsHeader, ...changed, fingertipsRow({ 'Area Code': 'E08000004', 'Time period': '2020/21' })]),
    { formPage: '/indicator-values/import' },
  )
  const result = await importResult(started.headers.location)
  assert.ok(result.ok)
  assert.deepEqual([result.counts.added, result.counts.replaced], [1, 3])
  await inPartnership(db, partnershipId, (trx) => undoImport(trx, partnershipId, result.importId))
  const afterwards = await fingerprint(db)
  assert.deepEqual(await figures(), valuesBefore)
  assert.equal(afterwards.value_imports, before.value_imports)
  assert.equal(afterwards.indicator_value_revisions, before.indicator_value_revisions)
})

test('on PGlite, an import cut off before its last step (the process stopped) is taken back before the partnership’s next one', async (c) => {
  if (t.database.kind !== 'pglite') return c.skip('PostgreSQL writes an import in one transaction')
  const db = t.database.db
  const valuesBefore = await db.selectFrom('indicator_values').select(['id', 'value', 'import_id']).orderBy('id').execute()
  const cut = await admin.upload(
    '/indicator-values/import',
    {},
    csvFile('cut.csv', [
      fingertipsHeader,
      fingertipsRow({ 'Area Code': 'E08000004', 'Time period': '2021/22' }),
      rows[0]!.map((cell, i) => (fingertipsHeader[i] === 'Value' ? '25.4' : cell)),
    ]),
    { formPage: '/indicator-values/import' },
  )
  const cutResult = await importResult(cut.headers.location)
  assert.ok(cutResult.ok)
  const cutId = cutResult.importId
  // Its audit event is written with its last part: without it, the import never finished.
  await db.deleteFrom('audit_events').where('entity_type', '=', 'value-import').where('entity_id', '=', cutId).execute()

  const next = await admin.upload(
    '/indicator-values/import',
    {},
    csvFile('next.csv', [fingertipsHeader, fingertipsRow({ 'Area Code': 'E08000004', 'Time period': '2022/23' })]),
    { formPage: '/indicator-values/import' },
  )
  const nextResult = await importResult(next.headers.location)
  assert.ok(nextResult.ok)
  const nextId = nextResult.importId
  assert.equal(await db.selectFrom('value_imports').select('id').where('id', '=', cutId).executeTakeFirst(), undefined)
  const valuesAfter = await db
    .selectFrom('indicator_values')
    .select(['id', 'value', 'import_id'])
    .where('import_id', 'is distinct from', nextId)
    .orderBy('id')
    .execute()
  assert.deepEqual(valuesAfter, valuesBefore)
})
