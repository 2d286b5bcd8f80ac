import type { FastifyInstance } from 'fastify'
import { createApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { createMember, createPartnership, testPassword } from '../test/support/fixtures.ts'
import { BenchmarkFailure, formatRatio, type Benchmark } from './support/benchmark.ts'
import { scratchDatabase } from './support/database.ts'
import { seedDirectory } from './support/directory.ts'
import { signInOverHttp } from './support/browser.ts'
import { describeLoad, measure, type LoadFigures } from './support/load.ts'
import { fixedPageServer, listenOnLoopback } from './support/servers.ts'

const path = '/organisations'
const organisationCount = 200
const connections = 10

/**
 * The partner organisations list at a real borough's size, signed in as an
 * admin, through the whole app (session lookup, row-level security, the
 * query, Nunjucks; served again from the page cache while nothing changes),
 * against bare Fastify sending the same HTML as a fixed string: the ratio is
 * the share of the machine's HTTP capacity the page keeps. The same page with
 * the cache off is measured too, as a page just after a change costs.
 */
const organisationsList: Benchmark = {
  name: 'organisations-list',
  async run(settings) {
    const database = await scratchDatabase()
    const servers: FastifyInstance[] = []
    try {
      const partnership = await createPartnership(database.db, 'bench', 'Bench children and young people’s partnership')
      const { user } = await createMember(database.db, partnership.id, 'admin', 'admin@bench.example.org')
      const directory = await seedDirectory(database.db, partnership.id, organisationCount)

      const app = await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { db: database.db })
      servers.push(app)
      const origin = await listenOnLoopback(app)
      // The same app with the page cache off: what a page costs when its data has just changed.
      const uncachedApp = await createApp(loadConfig({ LOG_LEVEL: 'silent', PAGE_CACHE_MB: '0' }), { db: database.db })
      servers.push(uncachedApp)
      const uncachedOrigin = await listenOnLoopback(uncachedApp)
      const cookie = await signInOverHttp(origin, user.email, testPassword)
      const html = await fetchListPage(`${origin}${path}`, cookie)

      const baseline = await fixedPageServer(path, html)
      servers.push(baseline.app)

      const where = database.kind === 'pglite' ? 'PGlite in memory' : 'PostgreSQL'
      console.log(
        `organisations-list: GET ${path} as an admin, ${directory.organisations} organisations and ${directory.people} people, ${where}; ` +
          `${(Buffer.byteLength(html) / 1024).toFixed(0)} kB page; ${connections} connections, ${settings.warmUpSeconds} s warm-up then ${settings.durationSeconds} s each`,
      )
      const load = { headers: { cookie }, connections, durationSeconds: settings.durationSeconds, warmUpSeconds: settings.warmUpSeconds }
      const page = await measure({ url: `${origin}${path}`, ...load })
      console.log(`  page:     ${describeLoad(page)}, ${problems(page)}`)
      const uncached = await measure({ url: `${uncachedOrigin}${path}`, ...load })
      console.log(`  uncached: ${describeLoad(uncached)}, ${problems(uncached)}`)
      const fixed = await measure({ url: `${baseline.origin}${path}`, ...load })
      console.log(`  baseline: ${describeLoad(fixed)}, ${problems(fixed)}`)
      console.log(
        `organisations-list: page ${describeLoad(page)}; baseline ${describeLoad(fixed)}; ratio=${formatRatio(page.requestsPerSecond / fixed.requestsPerSecond)} ` +
          `(uncached ${formatRatio(uncached.requestsPerSecond / fixed.requestsPerSecond)})`,
      )

      const failed = page.errors + page.non2xx + uncached.errors + uncached.non2xx + fixed.errors + fixed.non2xx
      if (failed > 0) throw new BenchmarkFailure(`${failed} requests failed or were not 2xx`)
    } finally {
      for (const server of servers) await server.close()
      await database.close()
    }
  },
}

/** The page as the benchmark will see it, checked first: a fast error page would make a fine-looking figure. */
async function fetchListPage(url: string, cookie: string): Promise<string> {
  const response = await fetch(url, { headers: { cookie }, redirect: 'manual' })
  const html = await response.text()
  if (response.status !== 200) throw new BenchmarkFailure(`GET ${path} answered ${response.status}, not 200`)
  const body = html.split('<tbody')[1]?.split('</tbody>')[0] ?? ''
  const rows = body.match(/<tr class="govuk-table__row"/g)?.length ?? 0
  if (rows !== organisationCount) throw new BenchmarkFailure(`GET ${path} listed ${rows} organisations, not ${organisationCount}`)
  return html
}

function problems(figures: LoadFigures): string {
  return `errors ${figures.errors}, non-2xx ${figures.non2xx}`
}

export default organisationsList
