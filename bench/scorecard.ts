import { sql } from 'kysely'
import type { Db } from '../src/platform/db/database.ts'
import { inPartnership } from '../src/platform/db/tenancy.ts'
import { scorecardService } from '../src/performance/scorecards/service.ts'
import { createMember, createPartnership } from '../test/support/fixtures.ts'
import { BenchmarkFailure, formatRatio, medianMs, type Benchmark } from './support/benchmark.ts'
import { scratchDatabase } from './support/database.ts'

const indicatorCount = 300
const areaCount = 20
const periodCount = 15
const firstYear = 2010

/**
 * The partnership scorecard at the size of a big partnership's library: 300
 * indicators, each with values for 20 areas over 15 years, and a target each,
 * built by the scorecard service (its few bulk queries, then RAG, comparison,
 * trend and direction in memory) against one SQL query reading the same value
 * rows. The ratio is what the scorecard's work costs over just reading them.
 */
const scorecard: Benchmark = {
  name: 'scorecard',
  async run(settings) {
    const database = await scratchDatabase()
    try {
      const db = database.db
      const { partnershipId, actor, areas } = await seed(db)
      const service = scorecardService(db)
      const filters = {}

      const card = await service.scorecard(actor, filters)
      if (card.rows.length !== indicatorCount) throw new BenchmarkFailure(`the scorecard has ${card.rows.length} rows, not ${indicatorCount}`)
      const unassessed = card.rows.filter((r) => !r.latest || r.latest.rag.rag == null || r.latest.comparison.group === 'not-compared').length
      if (unassessed > 0)
        throw new BenchmarkFailure(`${unassessed} rows have no value, RAG or comparison: the benchmark would measure less work than a real scorecard`)

      const baseline = () =>
        inPartnership(db, partnershipId, (trx) =>
          sql<{ n: number }>`
            SELECT v.indicator_id, v.area_code, v.period_starts_on, v.sex, v.age, v.count, v.denominator, v.value,
                   v.lower_95, v.upper_95, v.lower_998, v.upper_998, v.illustrative, v.updated_at
            FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
            WHERE v.partnership_id = ${partnershipId} AND i.archived_at IS NULL AND v.category_type = ''
              AND v.area_code IN (${sql.join(areas)})`.execute(trx),
        )
      const rowsRead = (await baseline()).rows.length
      if (rowsRead !== indicatorCount * areaCount * periodCount) throw new BenchmarkFailure(`the single query read ${rowsRead} rows`)

      const timed = (work: () => Promise<unknown>) => medianMs(work, settings)

      const where = database.kind === 'pglite' ? 'PGlite in memory' : 'PostgreSQL'
      console.log(
        `scorecard: ${indicatorCount} indicators × ${areaCount} areas × ${periodCount} periods (${rowsRead.toLocaleString('en-GB')} values), ${where}; median of runs over ${settings.durationSeconds} s each`,
      )
      const built = await timed(() => service.scorecard(actor, filters))
      console.log(`  scorecard service: ${built.median.toFixed(1)} ms (${built.runs} runs)`)
      const read = await timed(baseline)
      console.log(`  single query:      ${read.median.toFixed(1)} ms (${read.runs} runs)`)
      console.log(
        `scorecard: service ${built.median.toFixed(1)} ms; single query ${read.median.toFixed(1)} ms; ratio=${formatRatio(built.median / read.median)}`,
      )
    } finally {
      await database.close()
    }
  },
}

/** A partnership whose area and comparator groups cover the 20 areas, with every indicator's values and a target. */
async function seed(db: Db) {
  const partnership = await createPartnership(db, 'bench-scorecard', 'Bench scorecard partnership')
  const { actor } = await createMember(db, partnership.id, 'admin', 'admin@bench-scorecard.example.org')
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
  const own = areas[1]!
  await db.updateTable('partnerships').set({ area_code: own }).where('id', '=', partnership.id).execute()
  const group = async (name: string, kind: 'england' | 'statistical-neighbours', codes: string[]) => {
    const created = await db.insertInto('comparator_groups').values({ partnership_id: partnership.id, name, kind }).returning('id').executeTakeFirstOrThrow()
    await db
      .insertInto('comparator_group_areas')
      .values(codes.map((area_code) => ({ partnership_id: partnership.id, group_id: created.id, area_code })))
      .execute()
    return created.id
  }
  const england = await group('England', 'england', ['E92000001'])
  const neighbours = await group('Statistical neighbours', 'statistical-neighbours', areas.slice(2))

  const indicators = await db
    .insertInto('indicators')
    .values(
      Array.from({ length: indicatorCount }, (_, i) => ({
        partnership_id: partnership.id,
        title: `Bench indicator ${i + 1}`,
        value_type: 'proportion' as const,
        multiplier: 100,
        polarity: i % 2 ? ('low-is-good' as const) : ('high-is-good' as const),
        frequency: 'annual' as const,
        period_type: 'calendar-year' as const,
        comparison_method: (['ci-95', 'ci-99.8', 'two-level'] as const)[i % 3]!,
      })),
    )
    .returning('id')
    .execute()

  // Counts and denominators only, so every limit is computed on reading, as for most imported values.
  let batch: { partnership_id: string; indicator_id: string; area_code: string; period_starts_on: string; count: number; denominator: number }[] = []
  for (const [i, { id }] of indicators.entries()) {
    for (const [a, area_code] of areas.entries()) {
      for (let p = 0; p < periodCount; p++) {
        const denominator = 2000 + ((i * 7 + a * 13 + p * 3) % 500)
        const count = Math.round(denominator * (0.1 + ((i + a * 3) % 20) / 100 + p / 500))
        batch.push({ partnership_id: partnership.id, indicator_id: id, area_code, period_starts_on: `${firstYear + p}-01-01`, count, denominator })
        if (batch.length === 5000) {
          await db.insertInto('indicator_values').values(batch).execute()
          batch = []
        }
      }
    }
  }
  if (batch.length) await db.insertInto('indicator_values').values(batch).execute()

  const latest = `${firstYear + periodCount - 1}-01-01`
  await db
    .insertInto('targets')
    .values(
      indicators.map(({ id }, i) => {
        if (i % 3 === 0)
          return { partnership_id: partnership.id, indicator_id: id, period_starts_on: latest, kind: 'value' as const, value: 20, amber_tolerance: 1 }
        return {
          partnership_id: partnership.id,
          indicator_id: id,
          period_starts_on: latest,
          kind: i % 3 === 1 ? ('better-than-group' as const) : ('top-quartile-of-group' as const),
          group_id: i % 3 === 1 ? england : neighbours,
        }
      }),
    )
    .execute()
  return { partnershipId: partnership.id, actor, areas }
}

export default scorecard
