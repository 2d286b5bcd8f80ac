import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts'
import { postgresUrl, testDatabase } from '../support/database.ts'
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts'

// Issue 10: one slow request must not hold a person, a connection or the
// health check hostage. A page has a time budget; on PostgreSQL a statement
// has a timeout and a request waits only so long for a connection.

describe('a page that runs past its time budget', () => {
  let database: DatabaseHandle
  let app: FastifyInstance
  before(async () => {
    database = await testDatabase()
    app = await createApp(loadConfig({ LOG_LEVEL: 'silent', REQUEST_TIMEOUT_SECONDS: '0.2' }), { db: database.db })
    app.get('/slow-page', async () => {
      await sleep(1500)
      return 'too late'
    })
    app.get('/slow-download', async (_request, reply) => reply.type('text/csv').send('a,b\n'))
    await app.ready()
  })
  after(async () => {
    await app.close()
    await database.close()
  })

  test('gets the busy page (503) when its time is up, not a hang', async () => {
    const response = await app.inject({ method: 'GET', url: '/slow-page' })
    assert.equal(response.statusCode, 503)
    assert.equal(response.headers['retry-after'], '30')
    assert.match(response.body, /<h1 class="govuk-heading-l">Sorry, the service is busy<\/h1>/)
  })

  test('a quick answer is untouched', async () => {
    const response = await app.inject({ method: 'GET', url: '/slow-download' })
    assert.equal(response.statusCode, 200)
    assert.equal(response.body, 'a,b\n')
  })
})

describe(
  'on PostgreSQL: the statement timeout, the bounded pool and the health check',
  { skip: postgresUrl ? false : 'needs TEST_DATABASE_URL (PGlite has no statement timeout; its pages are kept cheap instead)' },
  () => {
    let scratch: ScratchDatabase
    let database: DatabaseHandle
    let app: FastifyInstance
    /** Called by /hold-connection once it holds the pool's only connection. */
    let connectionHeld = () => {}
    before(async () => {
      scratch = await createScratchDatabase(postgresUrl!)
      // One connection, a short statement timeout and a short wait for a connection.
      database = await openDatabase({ databaseUrl: scratch.url, limits: { statementTimeoutMs: 300, poolSize: 1, poolWaitMs: 300 } })
      app = await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { db: database.db, ping: database.ping })
      app.get('/slow-query', async () => {
        await sql`SELECT pg_sleep(5)`.execute(database.db)
        return 'too late'
      })
      app.get('/hold-connection', async () => {
        // Five short statements in one transaction: about a second with the only connection held, none timed out.
        await database.db.transaction().execute(async (trx) => {
          connectionHeld()
          for (let i = 0; i < 5; i++) await sql`SELECT pg_sleep(0.2)`.execute(trx)
        })
        return 'held'
      })
      await app.ready()
    })
    after(async () => {
      await app.close()
      await database.close()
      await scratch.drop()
    })

    test('a statement past statement_timeout is cancelled and the person gets the busy page', async () => {
      const response = await app.inject({ method: 'GET', url: '/slow-query' })
      assert.equal(response.statusCode, 503)
      assert.match(response.body, /Sorry, the service is busy/)
    })

    test('a request that cannot get a connection in time gets the busy page; /health answers meanwhile from its own connection', async () => {
      const finished: string[] = []
      const held = new Promise<void>((resolve) => (connectionHeld = resolve))
      const holding = app.inject({ method: 'GET', url: '/hold-connection' }).then((r) => {
        finished.push('hold')
        return r
      })
      // The next request must find the only connection taken: wait until it is, not a guessed while.
      await held
      const waiting = app.inject({ method: 'GET', url: '/slow-query' }).then((r) => {
        finished.push('wait')
        return r
      })
      const health = await app.inject({ method: 'GET', url: '/health' })
      finished.push('health')
      assert.equal(health.statusCode, 200)
      assert.deepEqual(health.json(), { status: 'ok', database: 'ok' })
      assert.equal((await waiting).statusCode, 503)
      assert.equal((await holding).body, 'held')
      assert.deepEqual(finished, ['health', 'wait', 'hold'], 'the health check did not wait for the pool')
    })
  },
)
