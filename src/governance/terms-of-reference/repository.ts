import { sql } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { TermsInput } from './schema.ts'

export interface BodySummary {
  id: string
  name: string
  archived_at: Date | null
  ended_on: string | null
}

// Every query names the partnership even though row-level security would refuse
// other partnerships' rows: two walls, not one.
export async function findBody(db: Executor, partnershipId: string, bodyId: string): Promise<BodySummary | undefined> {
  return db
    .selectFrom('bodies')
    .select(['id', 'name', 'archived_at', 'ended_on'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', bodyId)
    .executeTakeFirst()
}

function versionsQuery(db: Executor, partnershipId: string, bodyId: string) {
  return db
    .selectFrom('terms_of_reference as t')
    .leftJoin('stored_files as f', (join) => join.onRef('f.id', '=', 't.file_id').onRef('f.partnership_id', '=', 't.partnership_id'))
    .selectAll('t')
    .select(['f.filename', 'f.size_bytes'])
    .where('t.partnership_id', '=', partnershipId)
    .where('t.body_id', '=', bodyId)
}

export type TermsVersion = Awaited<ReturnType<typeof listVersions>>[number]

/** Every version of a body's terms of reference, newest first. */
export async function listVersions(db: Executor, partnershipId: string, bodyId: string) {
  return versionsQuery(db, partnershipId, bodyId).orderBy('t.version_number', 'desc').execute()
}

export async function findVersion(db: Executor, partnershipId: string, bodyId: string, versionNumber: number) {
  return versionsQuery(db, partnershipId, bodyId).where('t.version_number', '=', versionNumber).executeTakeFirst()
}

export async function currentVersionNumber(db: Executor, partnershipId: string, bodyId: string): Promise<number> {
  const row = await db
    .selectFrom('terms_of_reference')
    .select((eb) => eb.fn.max('version_number').as('latest'))
    .where('partnership_id', '=', partnershipId)
    .where('body_id', '=', bodyId)
    .executeTakeFirst()
  return Number(row?.latest ?? 0)
}

export async function insertVersion(
  db: Executor,
  partnershipId: string,
  bodyId: string,
  versionNumber: number,
  input: TermsInput,
  fileId: string | null,
  createdBy: string,
) {
  return db
    .insertInto('terms_of_reference')
    .values({
      partnership_id: partnershipId,
      body_id: bodyId,
      version_number: versionNumber,
      purpose: input.purpose,
      membership: input.membership,
      quorum: input.quorum,
      quorum_notes: input.quorumNotes,
      delegated_powers: input.delegatedPowers,
      reporting_arrangements: input.reportingArrangements,
      agreed_on: input.agreedOn,
      review_due_on: input.reviewDueOn,
      file_id: fileId,
      created_by_label: createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface BodyTermsState {
  id: string
  name: string
  version_number: number | null
  agreed_on: string | null
  review_due_on: string | null
}

/**
 * Every current body (not archived, established and not ended by today) with its latest terms
 * of reference, if any, in one query: the panel never asks per body.
 */
export async function currentBodiesWithLatestTerms(db: Executor, partnershipId: string, today: string): Promise<BodyTermsState[]> {
  return db
    .selectFrom('bodies as b')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('terms_of_reference')
          .distinctOn('body_id')
          .select(['body_id', 'version_number', 'agreed_on', 'review_due_on'])
          .where('partnership_id', '=', partnershipId)
          .orderBy('body_id')
          .orderBy('version_number', 'desc')
          .as('t'),
      (join) => join.onRef('t.body_id', '=', 'b.id'),
    )
    .select(['b.id', 'b.name', 't.version_number', 't.agreed_on', 't.review_due_on'])
    .where('b.partnership_id', '=', partnershipId)
    .where('b.archived_at', 'is', null)
    .where((eb) => eb.or([eb('b.established_on', 'is', null), eb('b.established_on', '<=', today)]))
    .where((eb) => eb.or([eb('b.ended_on', 'is', null), eb('b.ended_on', '>', today)]))
    .orderBy(sql`lower(b.name)`)
    .execute()
}
