import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { ObjectiveStatus, Rag } from '../../platform/db/strategy-tables.ts'
import { fromRow, toRow, type Timescale } from '../plans/index.ts'
import type { BodyChoice, ImportedAim, PersonChoice } from './model.ts'

// The plan as the export reads it and the import writes it. The plans pages
// (src/strategy/plans) have their own queries for the same tables; these are
// the few this capability needs, kept here so neither waits on the other.

export interface ExportObjective {
  title: string
  timescale: Timescale
  ownerLabel: string | null
  leadBodyName: string | null
  status: ObjectiveStatus | null
  rag: Rag | null
  reportedOn: string | null
}

export interface ExportAim {
  number: number
  title: string
  expectedOutcome: string
  objectives: ExportObjective[]
}

export async function findPlan(db: Executor, partnershipId: string, id: string) {
  return db.selectFrom('plans').select(['id', 'title', 'archived_at']).where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
}

/** The plan's current aims and objectives with each objective's latest progress: three queries however long the plan. */
export async function planForExport(db: Executor, partnershipId: string, planId: string): Promise<ExportAim[]> {
  const aims = await db
    .selectFrom('plan_aims')
    .select(['id', 'number', 'title', 'expected_outcome'])
    .where('partnership_id', '=', partnershipId)
    .where('plan_id', '=', planId)
    .where('archived_at', 'is', null)
    .orderBy('number')
    .execute()
  if (!aims.length) return []
  const objectives = await db
    .selectFrom('plan_objectives as o')
    .leftJoin('people as p', 'p.id', 'o.owner_id')
    .leftJoin('bodies as b', 'b.id', 'o.lead_body_id')
    .select([
      'o.id',
      'o.aim_id',
      'o.title',
      'o.timescale_kind',
      'o.timescale_starts_on',
      'o.timescale_ends_on',
      'o.timescale_then',
      'o.timescale_note',
      'b.name as leadBodyName',
    ])
    .select(sql<string | null>`case when p.id is null then null else coalesce(p.name, p.role_title) end`.as('ownerLabel'))
    .where('o.partnership_id', '=', partnershipId)
    .where(
      'o.aim_id',
      'in',
      aims.map((a) => a.id),
    )
    .where('o.archived_at', 'is', null)
    .orderBy('o.position')
    .execute()
  const latest = objectives.length
    ? await db
        .selectFrom('objective_updates')
        .select(['objective_id', 'status', 'rag', 'reported_on'])
        .distinctOn('objective_id')
        .where('partnership_id', '=', partnershipId)
        .where(
          'objective_id',
          'in',
          objectives.map((o) => o.id),
        )
        .orderBy('objective_id')
        .orderBy('reported_on', 'desc')
        .orderBy('created_at', 'desc')
        .execute()
    : []
  const progress = new Map(latest.map((u) => [u.objective_id, u]))
  return aims.map((aim) => ({
    number: aim.number,
    title: aim.title,
    expectedOutcome: aim.expected_outcome,
    objectives: objectives
      .filter((o) => o.aim_id === aim.id)
      .map((o) => {
        const update = progress.get(o.id)
        return {
          title: o.title,
          timescale: fromRow(o),
          ownerLabel: o.ownerLabel,
          leadBodyName: o.leadBodyName,
          status: update?.status ?? null,
          rag: update?.rag ?? null,
          reportedOn: update?.reported_on ?? null,
        }
      }),
  }))
}

/** Everyone an Owner cell may name, archived too, so the report can say a name is archived rather than unknown. */
export async function peopleChoices(db: Executor, partnershipId: string): Promise<PersonChoice[]> {
  const rows = await db.selectFrom('people').select(['id', 'name', 'role_title', 'archived_at']).where('partnership_id', '=', partnershipId).execute()
  return rows.map((p) => ({ id: p.id, name: p.name, roleTitle: p.role_title, archived: p.archived_at != null }))
}

export async function bodyChoices(db: Executor, partnershipId: string): Promise<BodyChoice[]> {
  const rows = await db.selectFrom('bodies').select(['id', 'name', 'short_name', 'archived_at']).where('partnership_id', '=', partnershipId).execute()
  return rows.map((b) => ({ id: b.id, name: b.name, shortName: b.short_name, archived: b.archived_at != null }))
}

export async function strategyOptions(db: Executor, partnershipId: string): Promise<{ id: string; title: string }[]> {
  return db
    .selectFrom('strategies')
    .select(['id', 'title'])
    .where('partnership_id', '=', partnershipId)
    .where('archived_at', 'is', null)
    .orderBy(sql`lower(title)`)
    .execute()
}

export interface NewPlan {
  title: string
  strategyId: string | null
  leadBodyId: string | null
}

/** Writes the plan with its aims, objectives and their first progress updates: four inserts however long the plan. */
export async function insertPlan(
  db: Executor,
  partnershipId: string,
  plan: NewPlan,
  aims: readonly ImportedAim[],
  update: { today: string; commentary: string; authorLabel: string },
) {
  const created = await db
    .insertInto('plans')
    .values({ partnership_id: partnershipId, title: plan.title, strategy_id: plan.strategyId, lead_body_id: plan.leadBodyId })
    .returningAll()
    .executeTakeFirstOrThrow()
  if (!aims.length) return { plan: created, objectives: 0, updates: 0 }
  const aimRows = await db
    .insertInto('plan_aims')
    .values(aims.map((a) => ({ partnership_id: partnershipId, plan_id: created.id, number: a.number, title: a.title, expected_outcome: a.expectedOutcome })))
    .returning(['id', 'number'])
    .execute()
  const aimIds = new Map(aimRows.map((a) => [a.number, a.id]))
  const objectives = aims.flatMap((a) => a.objectives.map((o, index) => ({ aimId: aimIds.get(a.number)!, position: index + 1, ...o })))
  if (!objectives.length) return { plan: created, objectives: 0, updates: 0 }
  const objectiveRows = await db
    .insertInto('plan_objectives')
    .values(
      objectives.map((o) => ({
        partnership_id: partnershipId,
        aim_id: o.aimId,
        position: o.position,
        title: o.title,
        owner_id: o.ownerId,
        lead_body_id: o.leadBodyId,
        ...toRow(o.timescale),
      })),
    )
    .returning(['id', 'aim_id', 'position'])
    .execute()
  const objectiveIds = new Map(objectiveRows.map((o) => [`${o.aim_id}/${o.position}`, o.id]))
  const updates = objectives
    .filter((o) => o.status != null)
    .map((o) => ({
      partnership_id: partnershipId,
      objective_id: objectiveIds.get(`${o.aimId}/${o.position}`)!,
      reported_on: o.reportedOn ?? update.today,
      status: o.status!,
      rag: o.rag,
      commentary: update.commentary,
      author_label: update.authorLabel,
    }))
  if (updates.length) await db.insertInto('objective_updates').values(updates).execute()
  return { plan: created, objectives: objectives.length, updates: updates.length }
}
