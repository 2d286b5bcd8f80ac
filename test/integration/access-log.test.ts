import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import { testDatabase } from '../support/database.ts'

// The access log is what a council's IT team ships to its log store: one line per request
// they can count and join with their proxy's, and nothing about who made it.

type LogLine = Record<string, unknown>

describe('the access log', () => {
  let database: DatabaseHandle
  let app: FastifyInstance
  let written = ''
  const lines = (): LogLine[] =>
    written
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine)
  const accessLines = () => lines().filter((line) => line.msg === 'request answered')

  before(async () => {
    database = await testDatabase()
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString()
        done()
      },
    })
    app = await createApp(loadConfig({ LOG_LEVEL: 'info' }), { db: database.db, logStream: stream })
    // A page that fails, to see what Fastify itself logs about a request on an error.
    app.get('/test-failure', async () => {
      throw new Error('the page broke')
    })
    await app.ready()
  })
  after(async () => {
    await app.close()
    await database.close()
  })

  test('writes one info line per request: id, method, route pattern, status and time', async () => {
    written = ''
    const response = await app.inject({ method: 'GET', url: '/health/live' })
    const [line, ...others] = accessLines()
    assert.equal(others.length, 0)
    assert.ok(line)
    assert.equal(line.level, 30, 'info')
    assert.equal(line.reqId, response.headers['x-request-id'])
    assert.equal(line.method, 'GET')
    assert.equal(line.route, '/health/live')
    assert.equal(line.status, 200)
    assert.equal(typeof line.ms, 'number')
  })

  test('names the route by its pattern: no query string (searches), no ids, no client address, no cookie', async () => {
    written = ''
    await app.inject({
      method: 'GET',
      url: '/p/some-partnership-slug?q=child+named+Jo',
      remoteAddress: '203.0.113.77',
      headers: { cookie: 'thrive_session=secret-session-token', 'user-agent': 'Mozilla/5.0 someone@example.org' },
    })
    const [line] = accessLines()
    assert.equal(line?.route, '/p/:slug')
    assert.equal(line?.status, 404)
    for (const secret of ['child', 'some-partnership-slug', '203.0.113.77', 'secret-session-token', 'example.org']) {
      assert.ok(!written.includes(secret), `the log holds ${secret}: ${written}`)
    }
  })

  test('an address no route matches is logged as “(no route)”, not as the address', async () => {
    written = ''
    await app.inject({ method: 'GET', url: '/wp-admin/setup.php?email=someone@example.org' })
    assert.deepEqual(
      accessLines().map((line) => [line.route, line.status]),
      [['(no route)', 404]],
    )
    assert.ok(!written.includes('example.org') && !written.includes('wp-admin'))
  })

  test('a page that fails logs the error under the request id, without the address or the URL', async () => {
    written = ''
    const response = await app.inject({ method: 'GET', url: '/test-failure?name=Jo', remoteAddress: '203.0.113.78' })
    assert.equal(response.statusCode, 500)
    const error = lines().find((line) => line.level === 50)
    assert.ok(error, `no error line: ${written}`)
    assert.equal(error.reqId, response.headers['x-request-id'])
    assert.ok(!written.includes('203.0.113.78') && !written.includes('name=Jo'), written)
    assert.equal(accessLines()[0]?.status, 500)
  })

  test('honours a sane incoming x-request-id and returns it', async () => {
    written = ''
    const response = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'lb-7f3a.92:req_1' } })
    assert.equal(response.headers['x-request-id'], 'lb-7f3a.92:req_1')
    assert.equal(accessLines()[0]?.reqId, 'lb-7f3a.92:req_1')
  })

  test('replaces an insane one (spaces, quotes, too long) with a fresh id', async () => {
    for (const insane of ['two words', '"},"forged":"yes', 'x'.repeat(129), '']) {
      written = ''
      const response = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': insane } })
      const id = response.headers['x-request-id']
      assert.match(String(id), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, `for ${JSON.stringify(insane)}`)
      assert.equal(accessLines()[0]?.reqId, id)
      assert.ok(!written.includes('forged'))
    }
  })

  test('every request gets its own id', async () => {
    const ids = new Set<unknown>()
    for (let i = 0; i < 5; i++) ids.add((await app.inject({ method: 'GET', url: '/health/live' })).headers['x-request-id'])
    assert.equal(ids.size, 5)
  })
})
