import { test } from 'node:test'
import assert from 'node:assert/strict'
import { loadConfig } from './config.ts'

test('defaults: loopback on port 3000 with PGlite in ./data', () => {
  const config = loadConfig({})
  assert.equal(config.host, '127.0.0.1')
  assert.equal(config.port, 3000)
  assert.equal(config.databaseUrl, undefined)
  assert.equal(config.dataDir, './data')
  assert.equal(config.trustProxy, false)
  assert.match(config.version, /^\d+\.\d+\.\d+/)
})

test('the demo is created on an empty embedded database by default, on PostgreSQL only when asked, and THRIVE_DEMO=false turns it off', () => {
  assert.equal(loadConfig({}).demo, true)
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/thrive' }).demo, false)
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/thrive', THRIVE_DEMO: 'true' }).demo, true)
  assert.equal(loadConfig({ THRIVE_DEMO: 'false' }).demo, false)
  assert.throws(() => loadConfig({ THRIVE_DEMO: 'yes' }), /THRIVE_DEMO/)
})

test('a bad setting fails at boot, naming the setting', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/)
  assert.throws(() => loadConfig({ DATABASE_URL: 'not a url' }), /DATABASE_URL/)
  assert.throws(() => loadConfig({ TRUST_PROXY: 'yes' }), /TRUST_PROXY/)
})

test('settings from the environment are used', () => {
  const config = loadConfig({ HOST: '0.0.0.0', PORT: '8080', DATABASE_URL: 'postgres://u@db:5432/thrive', GIT_COMMIT: 'abc123' })
  assert.equal(config.host, '0.0.0.0')
  assert.equal(config.port, 8080)
  assert.equal(config.databaseUrl, 'postgres://u@db:5432/thrive')
  assert.equal(config.commit, 'abc123')
})

test('each request’s cost is bounded: a statement timeout, a request timeout and a pool that queues for a while', () => {
  const defaults = loadConfig({})
  assert.deepEqual([defaults.statementTimeoutMs, defaults.requestTimeoutMs, defaults.poolSize, defaults.poolWaitMs], [15000, 30000, 10, 10000])
  const set = loadConfig({ STATEMENT_TIMEOUT_SECONDS: '2.5', REQUEST_TIMEOUT_SECONDS: '5', DATABASE_POOL_SIZE: '4', DATABASE_POOL_WAIT_SECONDS: '1' })
  assert.deepEqual([set.statementTimeoutMs, set.requestTimeoutMs, set.poolSize, set.poolWaitMs], [2500, 5000, 4, 1000])
  assert.throws(() => loadConfig({ STATEMENT_TIMEOUT_SECONDS: '0' }), /STATEMENT_TIMEOUT_SECONDS/)
  assert.throws(() => loadConfig({ DATABASE_POOL_SIZE: 'lots' }), /DATABASE_POOL_SIZE/)
})
