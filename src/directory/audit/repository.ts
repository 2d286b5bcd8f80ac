import { sql, type SelectQueryBuilder } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { AuditEvent, Database } from '../../platform/db/tables.ts'
import type { AuditFilters } from './schema.ts'

export type AuditListRow = Omit<AuditEvent, 'before' | 'after' | 'partnership_id'>

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// Whole days in UK time: a day starts at midnight in London, whatever the server's zone.
const londonMidnight = (isoDate: string, plusDays = 0) => sql<Date>`((${isoDate}::date + ${plusDays}::integer)::timestamp AT TIME ZONE 'Europe/London')`

/** Every filter is a WHERE clause, so a long trail is never loaded to be filtered. */
function filtered(db: Executor, partnershipId: string, filters: AuditFilters) {
  let query: SelectQueryBuilder<Database, 'audit_events', object> = db.selectFrom('audit_events').where('partnership_id', '=', partnershipId)
  const who = filters.who ?? ''
  if (who.startsWith('user:')) {
    const id = who.slice('user:'.length)
    // Not a real id: no person matches, rather than a database error.
    query = uuid.test(id) ? query.where('actor_id', '=', id) : query.where(sql<boolean>`false`)
  } else if (who.startsWith('label:')) {
    query = query.where('actor_id', 'is', null).where('actor_label', '=', who.slice('label:'.length))
  }
  if (filters.kind) query = query.where('entity_type', '=', filters.kind)
  if (filters.action) query = query.where('action', '=', filters.action)
  // tables.ts wraps `at`'s ColumnType in Generated, which hides that it compares as a Date.
  const { from, to } = filters
  if (from) query = query.where('at', '>=', londonMidnight(from))
  if (to) query = query.where('at', '<', londonMidnight(to, 1))
  return query
}

export async function countEvents(db: Executor, partnershipId: string, filters: AuditFilters): Promise<number> {
  const row = await filtered(db, partnershipId, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function listEvents(db: Executor, partnershipId: string, filters: AuditFilters, page: { limit: number; offset: number }): Promise<AuditListRow[]> {
  return filtered(db, partnershipId, filters)
    .select(['id', 'at', 'actor_id', 'actor_label', 'action', 'entity_type', 'entity_id', 'summary'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export async function findEvent(db: Executor, partnershipId: string, id: string): Promise<AuditEvent | undefined> {
  // The id is a bigint read as a number; the service has already checked it is all digits.
  return db.selectFrom('audit_events').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', Number(id)).executeTakeFirst()
}

export interface ActorOption {
  value: string
  label: string
  email: string | null
}

/** Everyone who has acted in this partnership, each once, under the name they last acted with. */
export async function actorOptions(db: Executor, partnershipId: string): Promise<ActorOption[]> {
  const value = sql<string>`case when a.actor_id is null then 'label:' || a.actor_label else 'user:' || a.actor_id::text end`
  const rows = await db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .distinctOn(value)
    .select([value.as('value'), 'a.actor_label as label', 'u.email'])
    .where('a.partnership_id', '=', partnershipId)
    .orderBy(value)
    .orderBy('a.at', 'desc')
    .execute()
  return rows.sort((x, y) => x.label.localeCompare(y.label, 'en-GB'))
}

export async function distinctValues(db: Executor, partnershipId: string, column: 'entity_type' | 'action'): Promise<string[]> {
  const rows = await db.selectFrom('audit_events').select(column).distinct().where('partnership_id', '=', partnershipId).orderBy(column).execute()
  return rows.map((row) => row[column])
}
