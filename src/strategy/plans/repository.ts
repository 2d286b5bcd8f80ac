import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { PlanAimsTable, PlansTable } from '../../platform/db/strategy-tables.ts'
import type { AimInput, PlanInput } from './schema.ts'

export type Plan = Selectable<PlansTable>
export type Aim = Selectable<PlanAimsTable>

export interface PlanRow extends Plan {
  strategyTitle: string | null
  leadBodyName: string | null
}

function plansWithNames(db: Executor, partnershipId: string) {
  return db
    .selectFrom('plans as pl')
    .leftJoin('strategies as s', 's.id', 'pl.strategy_id')
    .leftJoin('bodies as b', 'b.id', 'pl.lead_body_id')
    .selectAll('pl')
    .select(['s.title as strategyTitle', 'b.name as leadBodyName'])
    .where('pl.partnership_id', '=', partnershipId)
}

export async function listPlans(db: Executor, partnershipId: string, filter: { strategyId?: string } = {}): Promise<PlanRow[]> {
  let query = plansWithNames(db, partnershipId)
  if (filter.strategyId) query = query.where('pl.strategy_id', '=', filter.strategyId)
  return query.orderBy(sql`lower(pl.title)`).execute()
}

export async function findPlan(db: Executor, partnershipId: string, id: string): Promise<PlanRow | undefined> {
  return plansWithNames(db, partnershipId).where('pl.id', '=', id).executeTakeFirst()
}

export function planValues(input: PlanInput) {
  return { title: input.title, summary: input.summary, strategy_id: input.strategyId, lead_body_id: input.leadBodyId }
}

export async function insertPlan(db: Executor, partnershipId: string, input: PlanInput): Promise<Plan> {
  return db
    .insertInto('plans')
    .values({ partnership_id: partnershipId, ...planValues(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updatePlan(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: ReturnType<typeof planValues> | { archived_at: Date | null },
): Promise<Plan | undefined> {
  return db
    .updateTable('plans')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/** The plan's aims (archived too) in number order. */
export async function aimsOfPlan(db: Executor, partnershipId: string, planId: string): Promise<Aim[]> {
  return db
    .selectFrom('plan_aims')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('plan_id', '=', planId)
    .orderBy('number')
    .orderBy('created_at')
    .execute()
}

export async function findAim(db: Executor, partnershipId: string, id: string): Promise<Aim | undefined> {
  return db.selectFrom('plan_aims').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
}

/** The current aim holding a number in a plan, if any. */
export async function aimNumbered(db: Executor, partnershipId: string, planId: string, number: number): Promise<Aim | undefined> {
  return db
    .selectFrom('plan_aims')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('plan_id', '=', planId)
    .where('number', '=', number)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
}

export function aimValues(input: AimInput) {
  return { number: input.number, title: input.title, expected_outcome: input.expectedOutcome }
}

export async function insertAim(db: Executor, partnershipId: string, planId: string, input: AimInput): Promise<Aim> {
  return db
    .insertInto('plan_aims')
    .values({ partnership_id: partnershipId, plan_id: planId, ...aimValues(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updateAim(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: ReturnType<typeof aimValues> | { archived_at: Date | null },
): Promise<Aim | undefined> {
  return db
    .updateTable('plan_aims')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}
