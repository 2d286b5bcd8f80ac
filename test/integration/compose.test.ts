import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { postgresUrl } from '../support/database.ts'
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts'
import { freePort } from '../support/service-process.ts'

// There is no container runtime here, so the container's parts are checked outside one: the compose
// file's app command, with the environment the Dockerfile and the compose file give it, is run against
// a scratch PostgreSQL database, and the image's and the compose file's health checks are run against it.

const root = join(import.meta.dirname, '..', '..')

interface ComposeService {
  image?: string
  build?: string
  command?: string[]
  environment?: Record<string, string | number | boolean>
  volumes?: string[]
  depends_on?: Record<string, { condition: string }>
  healthcheck?: { test: string[] }
}

const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8')) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> }
const app = compose.services.app!
const db = compose.services.db!

/** Compose's interpolation: `${NAME}`, `${NAME:-default}` and `${NAME:?error}`, from `variables`. */
function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_whole, name: string, kind?: string, rest?: string) => {
    const set = variables[name]
    if (set !== undefined && set !== '') return set
    if (kind === '?') throw new Error(`compose.yaml needs ${name}: ${rest}`)
    return kind === '-' ? (rest ?? '') : ''
  })
}

/** The Dockerfile's instructions (continuation lines joined, comments dropped), stage by stage. */
function dockerfileStages(): string[][] {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ')
  const stages: string[][] = []
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue
    if (line.startsWith('FROM ')) stages.push([])
    stages.at(-1)?.push(line)
  }
  return stages
}

const finalStage = dockerfileStages().at(-1)!
const instruction = (name: string): string[] => finalStage.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1).trim())
const execForm = (value: string): string[] => JSON.parse(value) as string[]

/** The final stage's ENV, as the container starts with it. */
function imageEnvironment(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of instruction('ENV')) for (const [, key, value] of line.matchAll(/(\w+)=(\S+)/g)) env[key!] = value!
  return env
}

describe('the Dockerfile and compose.yaml', () => {
  test('the image is multi-stage, built from Node 22 or 24 slim, runs as node, and checks its health with node', () => {
    const stages = dockerfileStages()
    assert.ok(stages.length >= 2)
    for (const stage of stages) assert.match(stage[0]!, /^FROM node:(22|24)-slim\b/)
    assert.deepEqual(instruction('USER'), ['node'])
    const [healthcheck] = instruction('HEALTHCHECK')
    assert.match(healthcheck ?? '', /CMD \["node", "-e", .*\/health\/live/)
    assert.ok(
      finalStage.some((line) => /npm ci --omit=dev --ignore-scripts/.test(line)),
      'production dependencies only, and no prepare before the code is in',
    )
    assert.ok(
      stages[0]!.some((line) => line === 'RUN npm run build'),
      'the stylesheet and the empty embedded database are built in the image',
    )
    assert.ok(finalStage.some((line) => line === 'COPY --from=build /app/.cache ./.cache'))
  })

  test('compose runs the image’s own command, against PostgreSQL 16 or 17 kept in a volume, once it is healthy', () => {
    assert.deepEqual(app.command, execForm(instruction('CMD')[0]!))
    assert.match(db.image ?? '', /^postgres:(16|17)\b/)
    const [volume] = (db.volumes ?? [])[0]!.split(':')
    assert.ok(volume! in compose.volumes, 'a named volume')
    assert.ok(db.healthcheck?.test.join(' ').includes('pg_isready'))
    assert.deepEqual(app.depends_on, { db: { condition: 'service_healthy' } })
    // The app's DATABASE_URL names the db service, its user and its database.
    const url = new URL(interpolate(String(app.environment?.DATABASE_URL), { POSTGRES_PASSWORD: 'p' }))
    assert.equal(url.hostname, 'db')
    assert.equal(url.username, db.environment?.POSTGRES_USER)
    assert.equal(url.pathname, `/${db.environment?.POSTGRES_DB}`)
    assert.throws(() => interpolate(String(app.environment?.DATABASE_URL), {}), /needs POSTGRES_PASSWORD/)
  })
})

describe(
  'the compose file’s app command, run outside a container',
  { skip: !postgresUrl && 'no TEST_DATABASE_URL (it runs against PostgreSQL, as compose does)' },
  () => {
    const token = 'compose-test-metrics-token-0123456789'
    let scratch: ScratchDatabase
    let directory: string
    let child: ChildProcess
    let env: NodeJS.ProcessEnv
    let output = ''
    let base: string

    before(async () => {
      scratch = await createScratchDatabase(postgresUrl!, 'thrive_test')
      directory = await mkdtemp(join(tmpdir(), 'thrive-compose-'))
      const port = await freePort()
      const variables = { POSTGRES_PASSWORD: 'unused here', METRICS_TOKEN: token }
      const composed = Object.fromEntries(Object.entries(app.environment ?? {}).map(([key, value]) => [key, interpolate(String(value), variables)]))
      // The container's environment, but the database is the scratch one and the port a free one.
      env = {
        PATH: process.env.PATH,
        HOME: directory,
        ...imageEnvironment(),
        ...composed,
        DATABASE_URL: scratch.url,
        PORT: String(port),
        THRIVE_DATA_DIR: join(directory, 'data'),
      }
      base = `http://127.0.0.1:${port}`
      const [command, ...args] = app.command!
      assert.equal(command, 'node')
      child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    })

    after(async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((resolve) => child.once('exit', resolve))
      }
      await scratch.drop()
      await rm(directory, { recursive: true, force: true })
    })

    test('becomes ready: migrated and answering, within two minutes', async () => {
      const deadline = Date.now() + 120_000
      let status = 0
      while (Date.now() < deadline && child.exitCode === null) {
        status = await fetch(`${base}/health/ready`).then(
          (r) => r.status,
          () => 0,
        )
        if (status === 200) break
        await sleep(250)
      }
      assert.equal(status, 200, output)
      assert.equal((await fetch(`${base}/health/live`)).status, 200)
    })

    test('passes the image’s HEALTHCHECK and the compose file’s healthcheck, each run as written', async () => {
      const run = promisify(execFile)
      const imageCheck = execForm(instruction('HEALTHCHECK')[0]!.replace(/^.*?CMD /, ''))
      const composeCheck = app.healthcheck!.test.slice(1)
      for (const [command, ...args] of [imageCheck, composeCheck]) {
        assert.equal(command, 'node')
        await run(process.execPath, args, { env, timeout: 10_000 })
      }
    })

    test('logs each request as a JSON line on standard output, and serves /metrics with the pool’s figures', async () => {
      const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })
      assert.equal(metrics.status, 200)
      assert.match(await metrics.text(), /^thrive_database_pool_connections\{state="total"\} \d+$/m)
      await sleep(100)
      const lines = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
      assert.ok(
        lines.some((line) => line.msg === 'request answered' && line.route === '/health/ready' && line.status === 200),
        output,
      )
    })

    test('stops cleanly on SIGTERM, as a container runtime stops it', async () => {
      child.kill('SIGTERM')
      const code = await new Promise((resolve) => child.once('exit', resolve))
      assert.equal(code, 0, output)
    })
  },
)
