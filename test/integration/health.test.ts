import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import { migrations } from '../../migrations/index.ts'
import { testDatabase } from '../support/database.ts'

// Liveness says the process answers; readiness says it can serve (database up and migrated).
// A platform restarts on the first and routes traffic on the second, so they must differ
// exactly when the database is the trouble.

async function appOn(database: DatabaseHandle): Promise<FastifyInstance> {
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { db: database.db, ping: database.ping })
  await app.ready()
  return app
}

async function check(app: FastifyInstance, url: string): Promise<{ status: number; body: unknown; cache: unknown }> {
  const response = await app.inject({ method: 'GET', url })
  return { status: response.statusCode, body: response.json(), cache: response.headers['cache-control'] }
}

describe('health checks on a migrated database', () => {
  let database: DatabaseHandle
  let app: FastifyInstance
  let closing: Promise<void> | undefined
  // Closed once, by the test that stops the database or else after the last.
  const closeDatabase = () => (closing ??= database.close())
  before(async () => {
    database = await testDatabase()
    app = await appOn(database)
  })
  after(async () => {
    await app.close()
    await closeDatabase()
  })

  test('live, ready and /health all answer 200, and nothing caches them', async () => {
    assert.deepEqual(await check(app, '/health/live'), { status: 200, body: { status: 'ok' }, cache: 'no-store' })
    assert.deepEqual(await check(app, '/health/ready'), { status: 200, body: { status: 'ok', database: 'ok', migrations: 'latest' }, cache: 'no-store' })
    assert.deepEqual(await check(app, '/health'), { status: 200, body: { status: 'ok', database: 'ok' }, cache: 'no-store' })
  })

  test('once the database stops answering: live stays 200, ready and /health turn 503', async () => {
    await closeDatabase()
    assert.deepEqual((await check(app, '/health/live')).status, 200)
    assert.deepEqual(await check(app, '/health/ready'), { status: 503, body: { status: 'unavailable', database: 'unreachable' }, cache: 'no-store' })
    assert.deepEqual((await check(app, '/health')).status, 503)
  })
})

describe('health checks on a database not yet migrated', () => {
  let database: DatabaseHandle
  let app: FastifyInstance
  before(async () => {
    database = await testDatabase({ migrate: false })
    app = await appOn(database)
  })
  after(async () => {
    await app.close()
    await database.close()
  })

  test('ready is 503 and counts the migrations to run; live and /health (which only ping) are 200', async () => {
    assert.equal((await check(app, '/health/live')).status, 200)
    assert.equal((await check(app, '/health')).status, 200)
    const pending = Object.keys(migrations).length
    assert.deepEqual(await check(app, '/health/ready'), {
      status: 503,
      body: { status: 'unavailable', database: 'ok', migrations: 'pending', pending },
      cache: 'no-store',
    })
  })

  test('ready turns 200 once the migrations have run', async () => {
    const { migrateToLatest } = await import('../../src/platform/db/migrate.ts')
    await migrateToLatest(database.db)
    assert.equal((await check(app, '/health/ready')).status, 200)
  })
})
