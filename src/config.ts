import { z } from 'zod'
import { readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

// Every setting the service reads, validated once at boot so a typo fails fast
// rather than surfacing as odd behaviour later. The README's table mirrors this.
const schema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  THRIVE_DATA_DIR: z.string().min(1).default('./data'),
  // Whether a start on a database with no partnership creates the demo one. Unset: only on the embedded
  // PGlite, never silently into a PostgreSQL server that may be production.
  THRIVE_DEMO: z.enum(['true', 'false']).optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  GIT_COMMIT: z.string().optional(),
  // One request's cost is bounded: no statement runs longer, no page takes longer, and a request
  // waits only so long for a database connection, so load slows pages down rather than stopping them.
  STATEMENT_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(15),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(30),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_POOL_WAIT_SECONDS: z.coerce.number().positive().max(3600).default(10),
  // Memory for signed-in pages served again until their data changes (src/platform/http/page-cache.ts); 0 turns it off.
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(65536).default(64),
  // /metrics is served only to a scraper that presents this token (unset or empty: not served at all), since
  // its figures describe the service's load and its process, which is nobody's business but its operators'.
  METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .min(24, 'METRICS_TOKEN must be at least 24 characters (a random one: openssl rand -hex 24)')
      .regex(/^[\x21-\x7e]+$/, 'METRICS_TOKEN must be printable ASCII without spaces')
      .optional(),
  ),
})

export interface Config {
  host: string
  port: number
  databaseUrl: string | undefined
  dataDir: string
  /** Create the demo partnership when the service starts on a database with no partnership (THRIVE_DEMO). */
  demo: boolean
  sessionTtlHours: number
  trustProxy: boolean
  logLevel: string
  loginMaxFailures: number
  loginLockMinutes: number
  version: string
  commit: string | undefined
  statementTimeoutMs: number
  requestTimeoutMs: number
  poolSize: number
  poolWaitMs: number
  pageCacheBytes: number
  metricsToken: string | undefined
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Invalid configuration:\n${problems}`)
  }
  const e = parsed.data
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.THRIVE_DATA_DIR,
    demo: e.THRIVE_DEMO ? e.THRIVE_DEMO === 'true' : !e.DATABASE_URL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    trustProxy: e.TRUST_PROXY === 'true',
    logLevel: e.LOG_LEVEL,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    version: packageVersion(),
    commit: e.GIT_COMMIT ?? gitCommit(),
    statementTimeoutMs: Math.round(e.STATEMENT_TIMEOUT_SECONDS * 1000),
    requestTimeoutMs: Math.round(e.REQUEST_TIMEOUT_SECONDS * 1000),
    poolSize: e.DATABASE_POOL_SIZE,
    poolWaitMs: Math.round(e.DATABASE_POOL_WAIT_SECONDS * 1000),
    pageCacheBytes: e.PAGE_CACHE_MB * 1024 * 1024,
    metricsToken: e.METRICS_TOKEN,
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }
  return pkg.version
}

/** The checked-out commit, when running from a git clone (deployments set GIT_COMMIT instead). */
function gitCommit(): string | undefined {
  try {
    return (
      execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() || undefined
    )
  } catch {
    return undefined
  }
}
