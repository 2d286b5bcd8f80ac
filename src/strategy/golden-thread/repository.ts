import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { ObjectiveStatus, Rag, TimescaleKind, TimescaleThen } from '../../platform/db/strategy-tables.ts'
import type { Alignment, ThreadIndicator, ThreadObjective, ThreadWorkstream } from './model.ts'

// One loader per kind of link, each a single query for every outcome asked
// about, so the overview costs the same few queries as one outcome's page.
// A later capability (indicators, commissioning, needs) adds a loader here and
// a section to the outcome's page.

export interface ObjectiveStrand extends ThreadObjective {
  title: string
  strategyId: string | null
  strategyTitle: string | null
  rag: Rag | null
  reportedOn: string | null
  timescale_kind: TimescaleKind
  timescale_starts_on: string | null
  timescale_ends_on: string | null
  timescale_then: TimescaleThen | null
  timescale_note: string | null
}

export async function outcomeExists(db: Executor, partnershipId: string, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom('outcomes').select('id').where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst())
}

/** Current priorities of current regional and national sets (shared by every partnership), as each alignment names them. */
function priorities(db: Executor) {
  return db
    .selectFrom('external_priorities as ep')
    .innerJoin('external_frameworks as ef', 'ef.id', 'ep.framework_id')
    .select(['ep.id as priorityId', 'ep.title as priorityTitle', 'ep.position', 'ef.id as frameworkId', 'ef.title as frameworkTitle'])
    .where('ep.archived_at', 'is', null)
    .where('ef.archived_at', 'is', null)
}

export async function outcomeAlignments(db: Executor, partnershipId: string, outcomeIds: readonly string[]): Promise<(Alignment & { outcomeId: string })[]> {
  if (!outcomeIds.length) return []
  return priorities(db)
    .innerJoin('outcome_alignments as oa', 'oa.priority_id', 'ep.id')
    .select('oa.outcome_id as outcomeId')
    .where('oa.partnership_id', '=', partnershipId)
    .where('oa.outcome_id', 'in', outcomeIds)
    .execute()
}

export async function commitmentAlignments(
  db: Executor,
  partnershipId: string,
  commitmentIds: readonly string[],
): Promise<(Alignment & { commitmentId: string })[]> {
  if (!commitmentIds.length) return []
  return priorities(db)
    .innerJoin('commitment_alignments as ca', 'ca.priority_id', 'ep.id')
    .select('ca.commitment_id as commitmentId')
    .where('ca.partnership_id', '=', partnershipId)
    .where('ca.commitment_id', 'in', commitmentIds)
    .execute()
}

/**
 * Objectives of current aims in plans not archived, with their plan, strategy,
 * lead bodies and latest progress update (picked by DISTINCT ON: newest
 * reporting date, then the last recorded that day).
 */
function objectivesInForce(db: Executor, partnershipId: string) {
  const latest = db
    .selectFrom('objective_updates')
    .distinctOn('objective_id')
    .select(['objective_id', 'status', 'rag', 'reported_on'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('objective_id')
    .orderBy('reported_on', 'desc')
    .orderBy('created_at', 'desc')
  return db
    .selectFrom('plan_objectives as o')
    .innerJoin('plan_aims as a', 'a.id', 'o.aim_id')
    .innerJoin('plans as pl', 'pl.id', 'a.plan_id')
    .leftJoin('strategies as s', 's.id', 'pl.strategy_id')
    .leftJoin('bodies as ob', 'ob.id', 'o.lead_body_id')
    .leftJoin('bodies as pb', 'pb.id', 'pl.lead_body_id')
    .leftJoin(latest.as('u'), 'u.objective_id', 'o.id')
    .select(['o.id', 'o.title', 'o.timescale_kind', 'o.timescale_starts_on', 'o.timescale_ends_on', 'o.timescale_then', 'o.timescale_note'])
    .select(sql<string>`a.number || '.' || o.position`.as('number'))
    .select([
      'o.lead_body_id as leadBodyId',
      'ob.name as leadBodyName',
      'pl.id as planId',
      'pl.title as planTitle',
      'pl.lead_body_id as planLeadBodyId',
      'pb.name as planLeadBodyName',
    ])
    .select(['s.id as strategyId', 's.title as strategyTitle', 'u.rag', 'u.reported_on as reportedOn'])
    .select(sql<ObjectiveStatus>`coalesce(u.status, 'not-started')`.as('status'))
    .where('o.partnership_id', '=', partnershipId)
    .where('o.archived_at', 'is', null)
    .where('a.archived_at', 'is', null)
    .where('pl.archived_at', 'is', null)
    .orderBy(sql`lower(pl.title)`)
    .orderBy('pl.id')
    .orderBy('a.number')
    .orderBy('o.position')
}

/** The objectives serving any of these outcomes, once per outcome they serve. */
export async function objectivesServing(db: Executor, partnershipId: string, outcomeIds: readonly string[]): Promise<ObjectiveStrand[]> {
  if (!outcomeIds.length) return []
  return objectivesInForce(db, partnershipId)
    .innerJoin('objective_outcomes as oo', 'oo.objective_id', 'o.id')
    .select('oo.outcome_id as outcomeId')
    .where('oo.outcome_id', 'in', outcomeIds)
    .execute()
}

/** Objectives in plans not archived that serve no outcome at all. */
export async function objectivesWithoutOutcome(db: Executor, partnershipId: string): Promise<Omit<ObjectiveStrand, 'outcomeId'>[]> {
  return objectivesInForce(db, partnershipId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('objective_outcomes as oo').select('oo.objective_id').whereRef('oo.objective_id', '=', 'o.id'))))
    .execute()
}

/** Current workstreams contributing to any of these outcomes, with their bodies. */
/** The current indicators measuring these outcomes, with their target leads. */
export async function indicatorsMeasuring(db: Executor, partnershipId: string, outcomeIds: readonly string[]): Promise<ThreadIndicator[]> {
  if (!outcomeIds.length) return []
  return db
    .selectFrom('indicator_outcomes as io')
    .innerJoin('indicators as i', 'i.id', 'io.indicator_id')
    .leftJoin('people as p', 'p.id', 'i.target_lead_id')
    .select(['io.outcome_id as outcomeId', 'i.id', 'i.title'])
    .select(sql<string | null>`case when p.id is null then null else coalesce(p.name, p.role_title, 'Unnamed person') end`.as('targetLeadLabel'))
    .where('io.partnership_id', '=', partnershipId)
    .where('io.outcome_id', 'in', outcomeIds)
    .where('i.archived_at', 'is', null)
    .orderBy(sql`lower(i.title)`)
    .execute()
}

export async function workstreamsServing(db: Executor, partnershipId: string, outcomeIds: readonly string[]): Promise<ThreadWorkstream[]> {
  if (!outcomeIds.length) return []
  return db
    .selectFrom('workstream_outcomes as wo')
    .innerJoin('workstreams as w', 'w.id', 'wo.workstream_id')
    .innerJoin('bodies as b', 'b.id', 'w.body_id')
    .select(['wo.outcome_id as outcomeId', 'w.id', 'w.title', 'w.kind', 'w.body_id as bodyId', 'b.name as bodyName'])
    .where('wo.partnership_id', '=', partnershipId)
    .where('wo.outcome_id', 'in', outcomeIds)
    .where('w.archived_at', 'is', null)
    .orderBy(sql`lower(b.name)`)
    .orderBy(sql`lower(w.title)`)
    .execute()
}
