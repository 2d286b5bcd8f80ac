import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import { testDatabase } from '../support/database.ts'
import { TestClient } from '../support/client.ts'

// Two instances of the service behind one load balancer, over one database:
// an address that spreads its tries across both still gets 30 in five minutes.

describe('the per-address throttle, across instances', () => {
  let database: DatabaseHandle
  let first: FastifyInstance
  let second: FastifyInstance

  before(async () => {
    database = await testDatabase()
    first = await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { db: database.db })
    second = await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { db: database.db })
  })
  after(async () => {
    await first.close()
    await second.close()
    await database.close()
  })

  test('tries on either instance count towards one limit, and another address is not held back', async () => {
    const viaFirst = new TestClient(first)
    const csrf = await viaFirst.csrfToken('/sign-in')
    // The same address reaching the other instance.
    const viaSecond = new TestClient(second, viaFirst.address)
    const secondCsrf = await viaSecond.csrfToken('/sign-in')
    for (let i = 0; i < 30; i++) {
      const [client, token] = i % 2 === 0 ? [viaFirst, csrf] : [viaSecond, secondCsrf]
      const response = await client.post('/sign-in', { email: `nobody${i}@example.org`, password: 'wrong' }, { csrf: token })
      assert.equal(response.statusCode, 400, `try ${i + 1}`)
    }
    for (const [client, token] of [
      [viaFirst, csrf],
      [viaSecond, secondCsrf],
    ] as const) {
      const refused = await client.post('/sign-in', { email: 'nobody@example.org', password: 'wrong' }, { csrf: token })
      assert.equal(refused.statusCode, 429, 'the 31st try is refused on either instance')
      assert.match(refused.body, /Too many attempts/)
    }
    const elsewhere = new TestClient(second)
    const ok = await elsewhere.post('/sign-in', { email: 'nobody@example.org', password: 'wrong' }, { formPage: '/sign-in' })
    assert.equal(ok.statusCode, 400, 'another address has its own count')
  })

  test('the database keeps a hash of the route and address, never the address', async () => {
    const rows = await database.db.selectFrom('rate_limit_windows').select(['key', 'hits']).execute()
    assert.ok(rows.length >= 2)
    for (const row of rows) assert.match(row.key, /^[A-Za-z0-9_-]{43}$/)
    assert.ok(
      rows.some((row) => row.hits === 32),
      'the shared address’s 32 tries are counted in one window',
    )
  })
})
