import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { DataRequestsTable, DataRequestStatus } from '../../platform/db/performance-tables.ts'
import type { RequestInput } from './schema.ts'

export type DataRequest = Selectable<DataRequestsTable>
export interface RequestRow extends DataRequest {
  organisationName: string
  indicatorCount: number
}

// Every query names the partnership even though row-level security would refuse other partnerships' rows.

function withOrganisation(db: Executor, partnershipId: string) {
  return db
    .selectFrom('data_requests as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .selectAll('r')
    .select('o.name as organisationName')
    .select((eb) =>
      eb
        .selectFrom('data_request_indicators as ri')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('ri.request_id', '=', 'r.id')
        .as('indicatorCount'),
    )
    .where('r.partnership_id', '=', partnershipId)
}

/** Current (or archived) requests, optionally of one organisation, soonest due first. Status filtering is the service's: "late" depends on today. */
export async function listRequests(
  db: Executor,
  partnershipId: string,
  filters: { organisation?: string | undefined; archived: boolean },
): Promise<RequestRow[]> {
  let query = withOrganisation(db, partnershipId).where('r.archived_at', filters.archived ? 'is not' : 'is', null)
  if (filters.organisation) query = query.where('r.organisation_id', '=', filters.organisation)
  return query
    .orderBy('r.due_on')
    .orderBy(sql`lower(o.name)`)
    .orderBy('r.created_at')
    .execute() as Promise<RequestRow[]>
}

export async function findRequest(db: Executor, partnershipId: string, id: string): Promise<RequestRow | undefined> {
  return withOrganisation(db, partnershipId).where('r.id', '=', id).executeTakeFirst() as Promise<RequestRow | undefined>
}

/** The indicators a request asks for, by title. */
export async function requestIndicators(
  db: Executor,
  partnershipId: string,
  requestId: string,
): Promise<{ id: string; title: string; archived_at: Date | null }[]> {
  return db
    .selectFrom('data_request_indicators as ri')
    .innerJoin('indicators as i', 'i.id', 'ri.indicator_id')
    .select(['i.id', 'i.title', 'i.archived_at'])
    .where('ri.partnership_id', '=', partnershipId)
    .where('ri.request_id', '=', requestId)
    .orderBy(sql`lower(i.title)`)
    .execute()
}

/** The indicators the form offers: the current library, and any the request already names that have since been archived. */
export async function indicatorOptions(
  db: Executor,
  partnershipId: string,
  keep: readonly string[] = [],
): Promise<{ id: string; title: string; archived_at: Date | null }[]> {
  return db
    .selectFrom('indicators')
    .select(['id', 'title', 'archived_at'])
    .where('partnership_id', '=', partnershipId)
    .where((eb) => (keep.length ? eb.or([eb('archived_at', 'is', null), eb('id', 'in', keep)]) : eb('archived_at', 'is', null)))
    .orderBy(sql`lower(title)`)
    .execute()
}

const columns = (input: RequestInput) => ({ organisation_id: input.organisationId, period_label: input.periodLabel, due_on: input.dueOn, notes: input.notes })

export async function insertRequest(db: Executor, partnershipId: string, input: RequestInput): Promise<DataRequest> {
  return db
    .insertInto('data_requests')
    .values({ partnership_id: partnershipId, ...columns(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

type Change = ReturnType<typeof columns> | { status: DataRequestStatus } | { archived_at: Date | null }

/** Changes the request only if it is still at the version the page was opened at. */
export async function updateRequest(db: Executor, partnershipId: string, id: string, version: number, change: Change): Promise<DataRequest | undefined> {
  return db
    .updateTable('data_requests')
    .set({ ...change, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/** Makes the request's indicators exactly these: link rows only, so they are replaced rather than archived. */
export async function setIndicators(db: Executor, partnershipId: string, requestId: string, indicatorIds: readonly string[]): Promise<void> {
  await db.deleteFrom('data_request_indicators').where('partnership_id', '=', partnershipId).where('request_id', '=', requestId).execute()
  if (indicatorIds.length) {
    await db
      .insertInto('data_request_indicators')
      .values(indicatorIds.map((indicator_id) => ({ partnership_id: partnershipId, request_id: requestId, indicator_id })))
      .execute()
  }
}

/** The request's history as the audit trail recorded it, oldest first. */
export async function historyOf(db: Executor, partnershipId: string, requestId: string): Promise<{ at: Date; actor_label: string; summary: string }[]> {
  return db
    .selectFrom('audit_events')
    .select(['at', 'actor_label', 'summary'])
    .where('partnership_id', '=', partnershipId)
    .where('entity_type', '=', 'data-request')
    .where('entity_id', '=', requestId)
    .orderBy('at')
    .orderBy('id')
    .execute()
}
