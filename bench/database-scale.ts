import { sql } from 'kysely'
import type { Db } from '../src/platform/db/database.ts'
import type { Actor } from '../src/platform/audit/actor.ts'
import { inPartnership } from '../src/platform/db/tenancy.ts'
import { scorecardService } from '../src/performance/scorecards/service.ts'
import { createMember, createPartnership } from '../test/support/fixtures.ts'
import { BenchmarkFailure, formatRatio, medianMs, type Benchmark, type BenchSettings } from './support/benchmark.ts'
import { scratchDatabase } from './support/database.ts'

/*
 * How one PostgreSQL holds many partnerships: the figures docs/scaling.md
 * rests on. One partnership's scorecard and its values are timed with that
 * partnership alone in the database, then again once the database holds
 * BENCH_SCALE_PARTNERSHIPS partnerships (default 150) and about
 * BENCH_SCALE_VALUES values between them (default 5,000,000, a tenth of the
 * national picture the scaling notes extrapolate to). The ratio is the
 * scorecard's time at scale over its time alone: every query is scoped to a
 * partnership, so it should stay near 1 however many partnerships share the
 * server. Also printed: the space a value takes, tables and indexes together.
 * PostgreSQL only (DATABASE_URL): PGlite serves one partnership's embedded
 * demo, not a national service.
 */

const indicatorsEach = 100
const areaCount = 20
const firstYear = 2000

function setting(name: string, fallback: number): number {
  const raw = process.env[name]
  const value = raw === undefined || raw === '' ? fallback : Number(raw)
  if (!Number.isInteger(value) || value < 2) throw new Error(`${name} must be a whole number above 1, not ‘${raw}’`)
  return value
}

const databaseScale: Benchmark = {
  name: 'database-scale',
  async run(settings) {
    if (!process.env.DATABASE_URL) {
      console.log('database-scale: skipped (PostgreSQL only: set DATABASE_URL)')
      return
    }
    const partnerships = setting('BENCH_SCALE_PARTNERSHIPS', 150)
    const values = setting('BENCH_SCALE_VALUES', 5_000_000)
    const periods = Math.max(1, Math.round(values / partnerships / indicatorsEach / areaCount))
    const database = await scratchDatabase()
    try {
      const db = database.db
      const areas = await registerAreas(db)
      const first = await partnershipWithValues(db, 0, areas, periods)
      const alone = await measure(db, first, settings)

      const loading = process.hrtime.bigint()
      for (let n = 1; n < partnerships; n++) await partnershipWithValues(db, n, areas, periods)
      const loadSeconds = Number(process.hrtime.bigint() - loading) / 1e9
      await sql`VACUUM ANALYZE`.execute(db)
      const scaled = await measure(db, first, settings)

      const { rows } = await sql<{ n: string; values_bytes: string; database_bytes: string }>`
        SELECT (SELECT count(*) FROM indicator_values) AS n,
               pg_total_relation_size('indicator_values') AS values_bytes,
               pg_database_size(current_database()) AS database_bytes`.execute(db)
      const held = Number(rows[0]!.n)
      const bytesPerValue = Number(rows[0]!.values_bytes) / held
      const mb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en-GB')} MB`
      console.log(
        `database-scale: ${partnerships} partnerships × ${indicatorsEach} indicators × ${areaCount} areas × ${periods} years = ${held.toLocaleString('en-GB')} values, loaded in ${loadSeconds.toFixed(0)} s`,
      )
      console.log(
        `  values with their indexes: ${mb(Number(rows[0]!.values_bytes))} (${Math.round(bytesPerValue)} bytes a value); whole database ${mb(Number(rows[0]!.database_bytes))}`,
      )
      console.log(`  at 50,000,000 values: about ${mb(bytesPerValue * 50_000_000)} for values and their indexes`)
      console.log(`  one partnership's scorecard: ${alone.scorecard.toFixed(1)} ms alone, ${scaled.scorecard.toFixed(1)} ms among ${partnerships}`)
      console.log(`  reading its values (one query): ${alone.read.toFixed(1)} ms alone, ${scaled.read.toFixed(1)} ms among ${partnerships}`)
      console.log(`database-scale: scorecard among ${partnerships} partnerships over alone; ratio=${formatRatio(scaled.scorecard / alone.scorecard)}`)
    } finally {
      await database.close()
    }
  },
}

async function registerAreas(db: Db): Promise<string[]> {
  const authorities = await db
    .selectFrom('areas')
    .select('code')
    .where('kind', '=', 'local-authority')
    .where('partnership_id', 'is', null)
    .orderBy('code')
    .limit(areaCount - 1)
    .execute()
  const areas = ['E92000001', ...authorities.map((a) => a.code)]
  if (areas.length !== areaCount) throw new BenchmarkFailure(`the register of areas has only ${areas.length - 1} local authorities`)
  return areas
}

interface Measured {
  partnershipId: string
  actor: Actor
}

/** A partnership with its indicators, and every indicator's values for each area and year, written in one statement. */
async function partnershipWithValues(db: Db, n: number, areas: string[], periods: number): Promise<Measured> {
  const partnership = await createPartnership(db, `bench-scale-${n}`, `Bench scale partnership ${n}`)
  const { actor } = await createMember(db, partnership.id, 'admin', `admin@bench-scale-${n}.example.org`)
  // The scorecard reads the partnership's own area, as a real one has set under Settings.
  await db
    .updateTable('partnerships')
    .set({ area_code: areas[1 + (n % (areas.length - 1))]! })
    .where('id', '=', partnership.id)
    .execute()
  await db
    .insertInto('indicators')
    .values(
      Array.from({ length: indicatorsEach }, (_, i) => ({
        partnership_id: partnership.id,
        title: `Bench indicator ${i + 1}`,
        value_type: 'proportion' as const,
        multiplier: 100,
        polarity: i % 2 ? ('low-is-good' as const) : ('high-is-good' as const),
        frequency: 'annual' as const,
        period_type: 'calendar-year' as const,
        comparison_method: 'ci-95' as const,
      })),
    )
    .execute()
  // Counts and denominators only, as most imported values are: limits are computed on reading.
  await sql`
    INSERT INTO indicator_values (partnership_id, indicator_id, area_code, period_starts_on, count, denominator)
    SELECT i.partnership_id, i.id, a.code, make_date(${firstYear} + y, 1, 1),
           (2000 + (y * 37 + length(a.code) * 11) % 500) / 5, 2000 + (y * 37 + length(a.code) * 11) % 500
    FROM indicators i CROSS JOIN unnest(${areas}::text[]) AS a(code) CROSS JOIN generate_series(0, ${periods - 1}) AS y
    WHERE i.partnership_id = ${partnership.id}
  `.execute(db)
  return { partnershipId: partnership.id, actor }
}

async function measure(db: Db, { partnershipId, actor }: Measured, settings: BenchSettings) {
  const service = scorecardService(db)
  const card = await service.scorecard(actor, {})
  if (card.rows.length !== indicatorsEach) throw new BenchmarkFailure(`the scorecard has ${card.rows.length} rows, not ${indicatorsEach}`)
  const read = () =>
    inPartnership(db, partnershipId, (trx) =>
      sql`SELECT indicator_id, area_code, period_starts_on, count, denominator, value FROM indicator_values WHERE partnership_id = ${partnershipId}`.execute(
        trx,
      ),
    )
  return { scorecard: (await medianMs(() => service.scorecard(actor, {}), settings)).median, read: (await medianMs(read, settings)).median }
}

export default databaseScale
