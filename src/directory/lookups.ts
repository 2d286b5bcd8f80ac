import { sql } from 'kysely'
import type { Executor } from '../platform/db/database.ts'

// The partnership's people and boards as other records choose them: the
// options of a select, a name for a chosen id. Meetings, actions, plans,
// strategies, objectives, indicators and scorecards all name a body or a person.

/** How a person reads in a list: their name, else their role, for people recorded by role alone. */
export const personLabelSql = sql<string>`coalesce(p.name, p.role_title, 'Unnamed person')`
const personLabel = personLabelSql

export async function peopleOptions(db: Executor, partnershipId: string): Promise<{ id: string; label: string }[]> {
  return db
    .selectFrom('people as p')
    .select('p.id')
    .select(personLabel.as('label'))
    .where('p.partnership_id', '=', partnershipId)
    .where('p.archived_at', 'is', null)
    .orderBy(sql`lower(${personLabel})`)
    .execute()
}

export async function bodyOptions(db: Executor, partnershipId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('bodies')
    .select(['id', 'name'])
    .where('partnership_id', '=', partnershipId)
    .where('archived_at', 'is', null)
    .orderBy(sql`lower(name)`)
    .execute()
}

export async function findBody(db: Executor, partnershipId: string, id: string): Promise<{ id: string; name: string; archived_at: Date | null } | undefined> {
  return db.selectFrom('bodies').select(['id', 'name', 'archived_at']).where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
}

export async function findPersonLabel(db: Executor, partnershipId: string, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('people as p')
    .select(personLabel.as('label'))
    .where('p.partnership_id', '=', partnershipId)
    .where('p.id', '=', id)
    .executeTakeFirst()
  return row?.label
}
