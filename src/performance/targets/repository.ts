import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { TargetsTable } from '../../platform/db/performance-tables.ts'
import type { TargetInput } from './schema.ts'

export type Target = Selectable<TargetsTable>

export async function findTarget(db: Executor, partnershipId: string, id: string): Promise<Target | undefined> {
  return db.selectFrom('targets').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
}

export async function findByPeriod(db: Executor, partnershipId: string, indicatorId: string, startsOn: string): Promise<Target | undefined> {
  return db
    .selectFrom('targets')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('indicator_id', '=', indicatorId)
    .where('period_starts_on', '=', startsOn)
    .executeTakeFirst()
}

/** The kind decides which of value and group is kept: the table allows only that one. */
function columns(input: TargetInput, startsOn: string) {
  const isValue = input.kind === 'value'
  return {
    period_starts_on: startsOn,
    kind: input.kind,
    value: isValue ? input.value : null,
    group_id: isValue ? null : (input.groupId ?? null),
    amber_tolerance: input.amberTolerance ?? 0,
  }
}

export async function insertTarget(db: Executor, partnershipId: string, indicatorId: string, input: TargetInput, startsOn: string): Promise<Target> {
  return db
    .insertInto('targets')
    .values({ partnership_id: partnershipId, indicator_id: indicatorId, ...columns(input, startsOn) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updateTarget(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  input: TargetInput,
  startsOn: string,
): Promise<Target | undefined> {
  return db
    .updateTable('targets')
    .set({ ...columns(input, startsOn), updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export async function deleteTarget(db: Executor, partnershipId: string, id: string, version: number): Promise<Target | undefined> {
  return db
    .deleteFrom('targets')
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}
