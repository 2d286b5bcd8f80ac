import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { inPartnership } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import type { Role } from '../../platform/db/tables.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { uuidOrNull } from '../../platform/http/params.ts'
import { sanitiseFilename } from '../../platform/files/file-types.ts'
import { insertStoredFile } from '../../platform/files/repository.ts'
import type { UploadedFile } from '../../platform/files/uploads.ts'
import * as jobs from '../../platform/jobs/repository.ts'
import type { JobQueue, JobRun } from '../../platform/jobs/queue.ts'
import type { BackgroundJobState } from '../../platform/db/job-tables.ts'
import type { ImportProgress } from './import.ts'
import { maxBrowserBytes } from './layout.ts'
import type { FileSource } from './read.ts'
import { ImportSuperseded, type ImportResult, type ValueTransferService } from './service.ts'

// Imports from the browser run as background jobs (src/platform/jobs): the
// upload is saved with the job, the upload's response returns at once, and
// whichever instance of the service takes the job imports the file, writing
// its progress and its ending into the job's row, which the progress page on
// any instance reads. The job is found only in its partnership, by its id.

/** What the progress page shows of an import. */
export interface ImportJob {
  id: string
  filename: string
  totalBytes: number
  state: BackgroundJobState
  progress: ImportProgress
  result: ImportResult | null
  /** Why it stopped, when it stopped on a fault rather than a problem in the file. */
  failure: string | null
}

/** The upload is read back from the database this much at a time, so memory stays flat whatever its size. */
const chunkBytes = 1024 * 1024
/** Progress is written at most this often: the page refreshes every 2 seconds. */
const progressEveryMs = 500

function progressOf(value: Record<string, unknown>): ImportProgress {
  const phase = value.phase === 'checking' || value.phase === 'writing' ? value.phase : 'reading'
  return { phase, rowsRead: Number(value.rowsRead) || 0, bytesRead: Number(value.bytesRead) || 0 }
}

function view(job: jobs.JobRecord): ImportJob {
  const ended = job.state === 'succeeded' || job.state === 'refused'
  return {
    id: job.id,
    filename: job.title,
    totalBytes: job.totalBytes,
    state: job.state,
    progress: progressOf(job.progress),
    result: ended ? (job.result as unknown as ImportResult) : null,
    failure: job.state === 'failed' ? String(job.result?.message ?? '') : null,
  }
}

/** The saved upload, read a chunk at a time each time the import opens it (an xlsx file is opened twice). */
function storedSource(db: Db, fileId: string, filename: string, size: number, signal: AbortSignal): FileSource {
  async function* chunks() {
    for (let from = 1; from <= size; from += chunkBytes) {
      // Handed back: the read fails, so the import stops and takes back what it did.
      signal.throwIfAborted()
      const { rows } = await sql<{
        chunk: Buffer
      }>`SELECT substring(content FROM ${from} FOR ${chunkBytes}) AS chunk FROM stored_files WHERE id = ${fileId}`.execute(db)
      if (!rows[0]) throw new Error('The upload is missing')
      yield rows[0].chunk
    }
  }
  return { filename, size, open: () => Readable.from(chunks()) }
}

/** Who asked, as they are now: someone since removed from the partnership, or whose role no longer imports, imports nothing. */
async function requester(db: Db, job: jobs.JobRecord): Promise<Actor | null> {
  if (!job.requestedBy) return null
  const member = await db
    .selectFrom('memberships')
    .select('role')
    .where('partnership_id', '=', job.partnershipId)
    .where('user_id', '=', job.requestedBy)
    .executeTakeFirst()
  return member ? { userId: job.requestedBy, label: job.requestedByLabel, partnershipId: job.partnershipId, role: member.role as Role } : null
}

export function importJobs(db: Db, queue: JobQueue, transfer: ValueTransferService) {
  return {
    /** Saves the upload with a new job and hands it to the queue; the caller has checked the file came and is under the limit. */
    async start(actor: Actor, file: UploadedFile): Promise<string> {
      await transfer.assertMayImport(actor)
      const filename = sanitiseFilename(file.filename) || 'upload'
      const id = await inPartnership(db, actor.partnershipId, async (trx) => {
        const stored = await insertStoredFile(trx, actor.partnershipId, {
          filename,
          contentType: filename.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
          content: file.content,
          sha256: createHash('sha256').update(file.content).digest('hex'),
          uploadedBy: actor.label,
        })
        return jobs.insertJob(trx, {
          partnershipId: actor.partnershipId,
          kind: 'value-import',
          title: filename,
          requestedBy: actor.userId,
          requestedByLabel: actor.label,
          fileId: stored.id,
          totalBytes: file.content.length,
        })
      })
      queue.enqueue(id, 'value-import')
      return id
    },

    /** The import, if it was started in the actor's partnership. */
    async find(actor: Actor, id: string): Promise<ImportJob> {
      assertCan(actor, 'partnership.read')
      const jobId = uuidOrNull(id)
      const job = jobId ? await inPartnership(db, actor.partnershipId, (trx) => jobs.findJob(trx, actor.partnershipId, jobId)) : undefined
      if (!job || job.kind !== 'value-import') throw new NotFoundError('The import')
      return view(job)
    },

    /** The queue's handler: imports the saved upload, reporting progress, and ends the job with the import's result in the import's own transaction. */
    async run({ job, signal }: JobRun): Promise<void> {
      const actor = await requester(db, job)
      if (!actor || !job.fileId) {
        const message = actor ? 'The upload is missing' : `${job.requestedByLabel} may no longer import values into this partnership`
        await jobs.finishJob(db, job.id, 'refused', { ok: false, filename: job.title, problems: [{ row: null, column: null, message }], total: 1 })
        return
      }
      let written = 0
      let saving: Promise<void> = Promise.resolve()
      const onProgress = (progress: ImportProgress) => {
        const now = Date.now()
        if (now - written < progressEveryMs && progress.phase === 'reading') return
        written = now
        saving = saving.then(() => jobs.saveProgress(db, job.id, { ...progress })).catch(() => {})
      }
      try {
        const result = await transfer.importFile(actor, storedSource(db, job.fileId, job.title, job.totalBytes, signal), {
          onProgress,
          maxBytes: maxBrowserBytes,
          // On PostgreSQL the job ends in the transaction that writes the values, so the two commit together, and
          // an attempt after an instance died just past that commit finds the job ended and imports nothing twice.
          within: {
            claim: (trx) => jobs.lockUnfinished(trx, job.id),
            done: async (trx, done) => void (await jobs.finishJob(trx, job.id, 'succeeded', { ...done })),
          },
        })
        await saving
        await jobs.finishJob(db, job.id, result.ok ? 'succeeded' : 'refused', { ...result })
      } catch (error) {
        if (!(error instanceof ImportSuperseded)) throw error
      }
    },

    /** Imports under way and lately ended, for /metrics. */
    async figures(): Promise<{ queued: number; running: number; succeeded: number; failed: number }> {
      const f = await jobs.jobFigures(db, 'value-import')
      // A refused file is a finished import that did its job: it told the person what to fix.
      return { queued: f.queued, running: f.running, succeeded: f.succeeded + f.refused, failed: f.failed }
    },
  }
}

export type ImportJobs = ReturnType<typeof importJobs>
