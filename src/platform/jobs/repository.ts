import { sql, type Selectable } from 'kysely'
import type { Db, Executor } from '../db/database.ts'
import type { BackgroundJobKind, BackgroundJobState, BackgroundJobsTable } from '../db/job-tables.ts'

// background_jobs: the partnership's record of work done in the background.
// The queue (queue.ts) reads and writes it as the owner, by id, on whichever
// instance runs the work; pages read it inside the partnership, where
// row-level security hides every other partnership's jobs.

export interface JobRecord {
  id: string
  partnershipId: string
  kind: BackgroundJobKind
  state: BackgroundJobState
  title: string
  requestedBy: string | null
  requestedByLabel: string
  fileId: string | null
  totalBytes: number
  options: Record<string, unknown>
  progress: Record<string, unknown>
  result: Record<string, unknown> | null
  attempts: number
  createdAt: Date
  finishedAt: Date | null
}

const columns = [
  'id',
  'partnership_id',
  'kind',
  'state',
  'title',
  'requested_by',
  'requested_by_label',
  'file_id',
  'total_bytes',
  'options',
  'progress',
  'result',
  'attempts',
  'created_at',
  'finished_at',
] as const

type Row = Pick<Selectable<BackgroundJobsTable>, (typeof columns)[number]>

const record = (row: Row): JobRecord => ({
  id: row.id,
  partnershipId: row.partnership_id,
  kind: row.kind,
  state: row.state,
  title: row.title,
  requestedBy: row.requested_by,
  requestedByLabel: row.requested_by_label,
  fileId: row.file_id,
  totalBytes: Number(row.total_bytes),
  options: (row.options ?? {}) as Record<string, unknown>,
  progress: (row.progress ?? {}) as Record<string, unknown>,
  result: (row.result ?? null) as Record<string, unknown> | null,
  attempts: row.attempts,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
})

export interface NewJob {
  partnershipId: string
  kind: BackgroundJobKind
  title: string
  requestedBy: string | null
  requestedByLabel: string
  fileId: string | null
  totalBytes: number
  options?: Record<string, unknown>
}

export async function insertJob(db: Executor, job: NewJob): Promise<string> {
  const { id } = await db
    .insertInto('background_jobs')
    .values({
      partnership_id: job.partnershipId,
      kind: job.kind,
      title: job.title,
      requested_by: job.requestedBy,
      requested_by_label: job.requestedByLabel,
      file_id: job.fileId,
      total_bytes: job.totalBytes,
      options: JSON.stringify(job.options ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The job, in the partnership asked about (the caller's transaction is in it, so row-level security agrees). */
export async function findJob(db: Executor, partnershipId: string, id: string): Promise<JobRecord | undefined> {
  const row = await db.selectFrom('background_jobs').select(columns).where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst()
  return row && record(row)
}

/** The job by id alone, as the queue's owner connection reads it to run it. */
export async function jobById(db: Executor, id: string): Promise<JobRecord | undefined> {
  const row = await db.selectFrom('background_jobs').select(columns).where('id', '=', id).executeTakeFirst()
  return row && record(row)
}

/** Jobs nobody has finished: to hand to the queue again at start (one queued just before a crash). */
export async function unfinishedJobs(db: Executor): Promise<{ id: string; kind: BackgroundJobKind }[]> {
  return db.selectFrom('background_jobs').select(['id', 'kind']).where('finished_at', 'is', null).orderBy('created_at').execute()
}

/** Marks an attempt begun; false when the job has already ended (another attempt finished it). */
export async function markRunning(db: Executor, id: string): Promise<boolean> {
  const updated = await db
    .updateTable('background_jobs')
    .set({ state: 'running', attempts: sql<number>`attempts + 1`, started_at: sql<Date>`now()`, updated_at: sql<Date>`now()`, progress: '{}' })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

/**
 * Holds the job for the caller's transaction, so two attempts cannot both do
 * its work (the second waits for the first's transaction to end); false when
 * it has already ended. An advisory lock rather than the row's, which would
 * keep the work's own progress from being written until it committed.
 */
export async function lockUnfinished(db: Executor, id: string): Promise<boolean> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`background job ${id}`}, 0))`.execute(db)
  const row = await db.selectFrom('background_jobs').select('id').where('id', '=', id).where('finished_at', 'is', null).executeTakeFirst()
  return row !== undefined
}

export async function saveProgress(db: Executor, id: string, progress: Record<string, unknown>): Promise<void> {
  await db
    .updateTable('background_jobs')
    .set({ progress: JSON.stringify(progress), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .execute()
}

/** Back in the queue, its progress cleared: the instance running it stopped before it ended, and another attempt will come. */
export async function markHandedBack(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('background_jobs')
    .set({ state: 'queued', progress: '{}', updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .execute()
}

/**
 * Ends the job (once: an ended job stays as it ended) and lets its upload go:
 * the work has read it, and what it made is recorded elsewhere. Run it in the
 * transaction that did the work where there is one, so the work and its
 * ending commit together. True when this call ended it.
 */
export async function finishJob(
  db: Executor,
  id: string,
  state: Extract<BackgroundJobState, 'succeeded' | 'refused' | 'failed'>,
  result: Record<string, unknown>,
): Promise<boolean> {
  const ended = await db
    .updateTable('background_jobs')
    .set({ state, result: JSON.stringify(result), finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()`, file_id: null })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .returning(sql<string | null>`(SELECT file_id FROM background_jobs AS before WHERE before.id = background_jobs.id)`.as('file_id'))
    .executeTakeFirst()
  if (!ended) return false
  if (ended.file_id) await db.deleteFrom('stored_files').where('id', '=', ended.file_id).execute()
  return true
}

/** Ended jobs are kept a week for their pages; the lasting record of what they did is elsewhere (value_imports, the audit trail). */
export async function forgetOldJobs(db: Db): Promise<void> {
  await db
    .deleteFrom('background_jobs')
    .where('finished_at', '<', sql<Date>`now() - interval '7 days'`)
    .execute()
}

/** Jobs of a kind under way (queued or running), and ended in the last hour, by how they ended: counts only. */
export async function jobFigures(db: Executor, kind: BackgroundJobKind): Promise<Record<BackgroundJobState, number>> {
  const rows = await db
    .selectFrom('background_jobs')
    .select(['state', sql<number>`count(*)::int`.as('n')])
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('finished_at', 'is', null), eb('finished_at', '>', sql<Date>`now() - interval '1 hour'`)]))
    .groupBy('state')
    .execute()
  const figures: Record<BackgroundJobState, number> = { queued: 0, running: 0, succeeded: 0, refused: 0, failed: 0 }
  for (const row of rows) figures[row.state] = row.n
  return figures
}
