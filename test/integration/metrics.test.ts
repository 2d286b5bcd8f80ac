import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import { finishJob, insertJob, markRunning } from '../../src/platform/jobs/repository.ts'
import { openDatabase } from '../../src/platform/db/database.ts'
import { buildCss } from '../../src/platform/views/build-css.ts'
import { postgresUrl, testDatabase } from '../support/database.ts'
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts'
import { createPartnership } from '../support/fixtures.ts'

// /metrics is for the operators' Prometheus: figures about the service, behind a token, and
// nothing in them about any partnership.

const token = 'metrics-token-for-the-tests-0123456789'
const bearer = { authorization: `Bearer ${token}` }

/** The value of one sample (`name{labels} value`) in Prometheus's text, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('the METRICS_TOKEN setting', () => {
  test('is optional, empty counts as unset, and a short or spaced one is refused with a reason', () => {
    assert.equal(loadConfig({}).metricsToken, undefined)
    assert.equal(loadConfig({ METRICS_TOKEN: '' }).metricsToken, undefined)
    assert.equal(loadConfig({ METRICS_TOKEN: token }).metricsToken, token)
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), /METRICS_TOKEN must be at least 24 characters/)
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'has a space in it, which no header carries' }), /METRICS_TOKEN must be printable ASCII without spaces/)
  })
})

describe('/metrics without a token set', () => {
  let database: DatabaseHandle
  let app: FastifyInstance
  before(async () => {
    database = await testDatabase()
    app = await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { db: database.db })
    await app.ready()
  })
  after(async () => {
    await app.close()
    await database.close()
  })

  test('does not exist', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/metrics', headers: bearer })).statusCode, 404)
  })
})

describe('/metrics with a token set', () => {
  let database: DatabaseHandle
  let app: FastifyInstance
  let closing: Promise<void> | undefined
  // Closed once, by the test that stops the database or else after the last.
  const closeDatabase = () => (closing ??= database.close())
  let slug: string
  let name: string
  before(async () => {
    buildCss()
    database = await testDatabase()
    slug = 'metrics-secret-slug'
    name = 'Partnership Nobody Should See In Metrics'
    await createPartnership(database.db, slug, name, true)
    app = await createApp(loadConfig({ LOG_LEVEL: 'silent', METRICS_TOKEN: token }), { db: database.db, ping: database.ping })
    await app.ready()
  })
  after(async () => {
    await app.close()
    await closeDatabase()
  })

  const metrics = async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics', headers: bearer })
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/)
    assert.equal(response.headers['cache-control'], 'no-store')
    return response.body
  }

  test('refuses a request without the token, or with a wrong one, with 401', async () => {
    for (const headers of [{}, { authorization: `Bearer ${token}x` }, { authorization: token }, { authorization: `Basic ${token}` }]) {
      const response = await app.inject({ method: 'GET', url: '/metrics', headers })
      assert.equal(response.statusCode, 401, JSON.stringify(headers))
      assert.equal(response.headers['www-authenticate'], 'Bearer realm="metrics"')
      assert.doesNotMatch(response.body, /thrive_|nodejs_/)
    }
  })

  test('counts requests by method, route pattern and status, with their durations', async () => {
    const before = (await metrics()).toString()
    const series = 'thrive_http_requests_total{method="GET",route="/health/live",status="200"}'
    const was = sample(before, series) ?? 0
    for (let i = 0; i < 3; i++) await app.inject({ method: 'GET', url: '/health/live' })
    await app.inject({ method: 'GET', url: '/no-such-page?q=someone' })
    const text = await metrics()
    assert.equal(sample(text, series), was + 3)
    assert.equal(sample(text, 'thrive_http_requests_total{method="GET",route="(no route)",status="404"}'), 1)
    assert.ok((sample(text, 'thrive_http_request_duration_seconds_count{method="GET",route="/health/live"}') ?? 0) >= 3)
    assert.ok(sample(text, 'thrive_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/health/live"}') !== undefined)
    assert.ok(!text.includes('someone'))
  })

  test('names a partnership’s public page by its pattern: no slug, no name, no id anywhere', async () => {
    const page = await app.inject({ method: 'GET', url: `/p/${slug}` })
    assert.equal(page.statusCode, 200)
    const text = await metrics()
    assert.equal(sample(text, 'thrive_http_requests_total{method="GET",route="/p/:slug",status="200"}'), 1)
    const { id } = await database.db.selectFrom('partnerships').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
    for (const secret of [slug, name, id]) assert.ok(!text.includes(secret), `the metrics hold ${secret}`)
  })

  test('reports the database up', async () => {
    assert.equal(sample(await metrics(), 'thrive_database_up'), 1)
  })

  test('counts background imports waiting, under way, succeeded and failed, as the database has them', async () => {
    const db = database.db
    const { id: partnershipId } = await db.selectFrom('partnerships').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
    const jobs = async () => {
      const text = await metrics()
      return ['queued', 'running', 'succeeded', 'failed'].map((state) => sample(text, `thrive_import_jobs{state="${state}"}`))
    }
    assert.deepEqual(await jobs(), [0, 0, 0, 0])
    // Rows as any instance's jobs would leave them: the figures are the database's, not this process's.
    const job = () =>
      insertJob(db, { partnershipId, kind: 'value-import', title: 'a.csv', requestedBy: null, requestedByLabel: 'test', fileId: null, totalBytes: 1 })
    await job()
    const running = await job()
    await markRunning(db, running)
    await finishJob(db, await job(), 'failed', { message: 'a fault' })
    assert.deepEqual(await jobs(), [1, 1, 0, 1])
    await finishJob(db, running, 'succeeded', {})
    // A refused file is an import that did its job: it said what to fix.
    await finishJob(db, await job(), 'refused', {})
    assert.deepEqual(await jobs(), [1, 0, 2, 1])
  })

  test('includes Node’s own figures', async () => {
    const text = await metrics()
    for (const name of ['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds']) {
      assert.match(text, new RegExp(`^${name} `, 'm'))
    }
  })

  test('reports the database down once it stops answering', async () => {
    await closeDatabase()
    assert.equal(sample(await metrics(), 'thrive_database_up'), 0)
  })
})

describe('/metrics on PostgreSQL: the pool', { skip: !postgresUrl && 'no TEST_DATABASE_URL' }, () => {
  let scratch: ScratchDatabase
  let database: DatabaseHandle
  let app: FastifyInstance
  before(async () => {
    scratch = await createScratchDatabase(postgresUrl!, 'thrive_test')
    database = await openDatabase({ databaseUrl: scratch.url, limits: { poolSize: 3, poolWaitMs: 5000, statementTimeoutMs: 5000 } })
    app = await createApp(loadConfig({ LOG_LEVEL: 'silent', METRICS_TOKEN: token }), {
      db: database.db,
      ping: database.ping,
      poolFigures: database.poolFigures,
    })
    await app.ready()
  })
  after(async () => {
    await app.close()
    await database.close()
    await scratch.drop()
  })

  test('gives its size, connections open and idle, and requests waiting for one', async () => {
    const text = async () => (await app.inject({ method: 'GET', url: '/metrics', headers: bearer })).body
    assert.equal(sample(await text(), 'thrive_database_pool_max'), 3)
    // Three connections held and two more queries queued behind them.
    const holds = Array.from({ length: 5 }, () => sql`SELECT pg_sleep(0.5)`.execute(database.db))
    await new Promise((resolve) => setTimeout(resolve, 200))
    const busy = await text()
    assert.equal(sample(busy, 'thrive_database_pool_connections{state="total"}'), 3)
    assert.equal(sample(busy, 'thrive_database_pool_connections{state="idle"}'), 0)
    assert.equal(sample(busy, 'thrive_database_pool_connections{state="waiting"}'), 2)
    await Promise.all(holds)
    const idle = await text()
    assert.equal(sample(idle, 'thrive_database_pool_connections{state="waiting"}'), 0)
    assert.equal(sample(idle, 'thrive_database_pool_connections{state="idle"}'), 3)
  })
})
