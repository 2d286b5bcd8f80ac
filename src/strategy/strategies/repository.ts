import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { StrategiesTable } from '../../platform/db/strategy-tables.ts'
import type { StrategyInput } from './schema.ts'

export type Strategy = Selectable<StrategiesTable>

export interface StrategyRow extends Strategy {
  ownerBodyName: string | null
}

function strategiesWithOwners(db: Executor, partnershipId: string) {
  return db
    .selectFrom('strategies as s')
    .leftJoin('bodies as b', 'b.id', 's.owner_body_id')
    .selectAll('s')
    .select('b.name as ownerBodyName')
    .where('s.partnership_id', '=', partnershipId)
}

/** Newest period first, as a partnership looks for its current strategy. */
export async function listStrategies(db: Executor, partnershipId: string): Promise<StrategyRow[]> {
  return strategiesWithOwners(db, partnershipId)
    .orderBy('s.starts_on', 'desc')
    .orderBy(sql`lower(s.title)`)
    .execute()
}

export async function findStrategy(db: Executor, partnershipId: string, id: string): Promise<StrategyRow | undefined> {
  return strategiesWithOwners(db, partnershipId).where('s.id', '=', id).executeTakeFirst()
}

export function strategyValues(input: StrategyInput) {
  return {
    title: input.title,
    summary: input.summary,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    owner_body_id: input.ownerBodyId,
    status: input.status,
  }
}

export async function insertStrategy(db: Executor, partnershipId: string, input: StrategyInput): Promise<Strategy> {
  return db
    .insertInto('strategies')
    .values({ partnership_id: partnershipId, ...strategyValues(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Changes the strategy only if it is still at the version the form was opened at. */
export async function updateStrategy(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: ReturnType<typeof strategyValues> | { archived_at: Date | null },
): Promise<Strategy | undefined> {
  return db
    .updateTable('strategies')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/** The current strategies, for choosing the one a plan delivers. */
export async function strategyOptions(db: Executor, partnershipId: string): Promise<{ id: string; title: string; starts_on: string; ends_on: string }[]> {
  return db
    .selectFrom('strategies')
    .select(['id', 'title', 'starts_on', 'ends_on'])
    .where('partnership_id', '=', partnershipId)
    .where('archived_at', 'is', null)
    .orderBy('starts_on', 'desc')
    .orderBy(sql`lower(title)`)
    .execute()
}
