import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { currentOutcomes } from '../../strategy/framework/index.ts'
import { bodyOptions } from '../../directory/lookups.ts'
import { outcomeLinks } from '../indicators/index.ts'
import { publicRow, scorecardRow, type ScorecardRow } from './model.ts'
import { partnershipArea } from '../../directory/partnership-settings/index.ts'
import * as repo from './repository.ts'
import type { ScorecardFilters } from './schema.ts'

export type Row = ScorecardRow<repo.ScorecardIndicatorRow>

export interface Scorecard {
  area: { code: string; name: string } | null
  benchmark: { id: string; name: string } | null
  groups: { id: string; name: string }[]
  outcomes: { id: string; title: string }[]
  bodies: { id: string; name: string }[]
  rows: Row[]
}

/** Folds a row into the filter's words, so the RAG and comparison filters read what the page shows. */
const ragKey = (row: Row) => row.latest?.rag.rag ?? 'none'
const comparisonKey = (row: Row) => row.latest?.comparison.group ?? 'not-compared'

function byIndicator<T extends { indicator_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const row of rows) {
    const list = map.get(row.indicator_id)
    if (list) list.push(row)
    else map.set(row.indicator_id, [row])
  }
  return map
}

/**
 * Builds the scorecard of a partnership's own area in a fixed number of
 * queries: indicators, their outcomes, comparator groups, values and targets
 * are each read once, and grouped by indicator in memory.
 */
async function build(trx: Trx, partnershipId: string, filters: ScorecardFilters, audience: 'members' | 'public'): Promise<Scorecard> {
  const area = await partnershipArea(trx, partnershipId)
  const groups = await repo.groupsWithAreas(trx, partnershipId)
  const outcomes = (await currentOutcomes(trx, partnershipId)).map((o) => ({ id: o.id, title: o.title }))
  const bodies = await bodyOptions(trx, partnershipId)
  const benchmark = groups.find((g) => g.id === filters.benchmark) ?? groups.find((g) => g.kind === 'england') ?? null
  const base = {
    area,
    benchmark: benchmark && { id: benchmark.id, name: benchmark.name },
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    outcomes,
    bodies,
  }
  if (!area) return { ...base, rows: [] }

  let indicators = await repo.scorecardIndicators(trx, partnershipId)
  if (filters.body) indicators = indicators.filter((i) => i.owning_body_id === filters.body)
  if (filters.outcome) {
    const measuring = new Set(
      (
        await outcomeLinks(
          trx,
          partnershipId,
          indicators.map((i) => i.id),
        )
      )
        .filter((l) => l.outcome_id === filters.outcome)
        .map((l) => l.indicator_id),
    )
    indicators = indicators.filter((i) => measuring.has(i.id))
  }
  const areaCodes = [...new Set([area.code, ...groups.flatMap((g) => g.areaCodes)])]
  const values = byIndicator(await repo.headlineValues(trx, partnershipId, areaCodes))
  const targets = byIndicator(await repo.targetsOf(trx, partnershipId))
  const context = { areaCode: area.code, benchmark, groups: new Map(groups.map((g) => [g.id, g])) }
  const rows = indicators
    .map((indicator) => scorecardRow(indicator, values.get(indicator.id) ?? [], targets.get(indicator.id) ?? [], context))
    .map((row) => (audience === 'public' ? publicRow(row) : row))
    .filter((row) => (!filters.rag || ragKey(row) === filters.rag) && (!filters.comparison || comparisonKey(row) === filters.comparison))
  return { ...base, rows }
}

export function scorecardService(db: Db) {
  return {
    /** The partnership's scorecard for its members. */
    async scorecard(actor: Actor, filters: ScorecardFilters): Promise<Scorecard> {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => build(trx, actor.partnershipId, filters, 'members'))
    },

    /** The scorecard a published partnership shows anyone: small numbers, and all that would give them away, are withheld here, so the page and both downloads show the same. */
    async publicScorecard(slug: string, filters: ScorecardFilters): Promise<Scorecard & { partnership: { name: string; slug: string } }> {
      const partnership = await db
        .selectFrom('partnerships')
        .select(['id', 'name', 'slug'])
        .where('slug', '=', slug)
        .where('is_published', '=', true)
        .executeTakeFirst()
      if (!partnership) throw new NotFoundError('The partnership')
      const card = await inPartnership(db, partnership.id, (trx) => build(trx, partnership.id, filters, 'public'))
      return { ...card, partnership: { name: partnership.name, slug: partnership.slug } }
    },
  }
}

export type ScorecardService = ReturnType<typeof scorecardService>
