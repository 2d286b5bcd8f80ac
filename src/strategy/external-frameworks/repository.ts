import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { ExternalFrameworksTable, ExternalPrioritiesTable } from '../../platform/db/strategy-tables.ts'
import type { ExternalFrameworkInput, PriorityInput } from './schema.ts'

// Read by every partnership; each set is changed only by the partnership that
// keeps it (owner_partnership_id), or by an operator when it is the platform's.
export type ExternalFramework = Selectable<ExternalFrameworksTable>
export type ExternalPriority = Selectable<ExternalPrioritiesTable>
/** A set with the name of the partnership that keeps it (null: the platform's, for every partnership). */
export type FrameworkWithOwner = ExternalFramework & { ownerName: string | null }

/** Reads the owner's name across partnerships: call as the owner role (db), not inside one partnership's row-level security. */
export async function listFrameworks(db: Executor, archived: boolean): Promise<(FrameworkWithOwner & { priorityCount: number })[]> {
  return db
    .selectFrom('external_frameworks as f')
    .leftJoin('partnerships as o', 'o.id', 'f.owner_partnership_id')
    .selectAll('f')
    .select('o.name as ownerName')
    .select((eb) =>
      eb
        .selectFrom('external_priorities as p')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('p.framework_id', '=', 'f.id')
        .where('p.archived_at', 'is', null)
        .as('priorityCount'),
    )
    .where('f.archived_at', archived ? 'is not' : 'is', null)
    .orderBy(sql`lower(f.title)`)
    .execute() as Promise<(FrameworkWithOwner & { priorityCount: number })[]>
}

export async function findFramework(db: Executor, id: string): Promise<ExternalFramework | undefined> {
  return db.selectFrom('external_frameworks').selectAll().where('id', '=', id).executeTakeFirst()
}

/** As listFrameworks, the owner's name is read as the owner role. */
export async function findFrameworkWithOwner(db: Executor, id: string): Promise<FrameworkWithOwner | undefined> {
  return db
    .selectFrom('external_frameworks as f')
    .leftJoin('partnerships as o', 'o.id', 'f.owner_partnership_id')
    .selectAll('f')
    .select('o.name as ownerName')
    .where('f.id', '=', id)
    .executeTakeFirst()
}

export async function findFrameworkByTitle(db: Executor, title: string): Promise<ExternalFramework | undefined> {
  return db
    .selectFrom('external_frameworks')
    .selectAll()
    .where(sql`lower(title)`, '=', title.toLowerCase())
    .executeTakeFirst()
}

/** A framework's priorities, current ones in order first, then the archived. */
export async function prioritiesOf(db: Executor, frameworkId: string): Promise<ExternalPriority[]> {
  return db
    .selectFrom('external_priorities')
    .selectAll()
    .where('framework_id', '=', frameworkId)
    .orderBy(sql`archived_at is not null`)
    .orderBy('position')
    .execute()
}

export async function findPriority(db: Executor, id: string): Promise<ExternalPriority | undefined> {
  return db.selectFrom('external_priorities').selectAll().where('id', '=', id).executeTakeFirst()
}

function frameworkValues(input: ExternalFrameworkInput) {
  return { title: input.title, publisher: input.publisher, scope: input.scope, description: input.description, published_on: input.publishedOn }
}

/** A set kept by the partnership, or by the platform for every partnership when `ownerPartnershipId` is null. */
export async function insertFramework(db: Executor, ownerPartnershipId: string | null, input: ExternalFrameworkInput): Promise<ExternalFramework> {
  return db
    .insertInto('external_frameworks')
    .values({ ...frameworkValues(input), owner_partnership_id: ownerPartnershipId })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Changes the framework only if it is still at the version the form was opened at. */
export async function updateFramework(
  db: Executor,
  id: string,
  version: number,
  changes: ReturnType<typeof frameworkValues> | { archived_at: Date | null },
): Promise<ExternalFramework | undefined> {
  return db
    .updateTable('external_frameworks')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

export { frameworkValues }

export async function insertPriority(db: Executor, frameworkId: string, input: PriorityInput): Promise<ExternalPriority> {
  const last = await db
    .selectFrom('external_priorities')
    .select((eb) => eb.fn.max<number | null>('position').as('n'))
    .where('framework_id', '=', frameworkId)
    .executeTakeFirst()
  return db
    .insertInto('external_priorities')
    .values({ framework_id: frameworkId, position: (last?.n ?? 0) + 1, title: input.title, description: input.description })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function updatePriority(
  db: Executor,
  id: string,
  version: number,
  changes: { title: string; description: string } | { archived_at: Date | null } | { position: number },
): Promise<ExternalPriority | undefined> {
  return db
    .updateTable('external_priorities')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/** The priorities, in order, as the first of a new set (a copy). */
export async function insertPriorities(db: Executor, frameworkId: string, priorities: readonly PriorityInput[]): Promise<ExternalPriority[]> {
  if (!priorities.length) return []
  return db
    .insertInto('external_priorities')
    .values(priorities.map((p, i) => ({ framework_id: frameworkId, position: i + 1, title: p.title, description: p.description })))
    .returningAll()
    .execute()
}
