import { randomBytes } from 'node:crypto'
import type { Actor } from '../../platform/audit/actor.ts'
import type { ImportProgress } from './import.ts'
import type { ImportResult } from './service.ts'

// Imports from the browser run in the background of this process, so the
// upload returns at once and the person watches a page that refreshes itself.
// A job is found only in the partnership it ran in, by an id nobody can guess
// (128 random bits), and is forgotten an hour after it ends: the lasting
// record is the value_imports row and the audit trail, which every member
// reads, so a colleague given the address may watch it too.

export interface ImportJob {
  id: string
  partnershipId: string
  userId: string | null
  filename: string
  totalBytes: number
  startedAt: Date
  progress: ImportProgress
  result: ImportResult | null
  /** The import stopped on a fault (not a problem with the file); its transaction was rolled back. */
  failed: boolean
}

const keepFor = 60 * 60 * 1000

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>()
  private readonly running = new Set<Promise<void>>()

  start(
    actor: Actor,
    filename: string,
    totalBytes: number,
    work: (onProgress: (p: ImportProgress) => void) => Promise<ImportResult>,
    onFault: (error: unknown) => void = () => {},
  ): ImportJob {
    const job: ImportJob = {
      id: randomBytes(16).toString('base64url'),
      partnershipId: actor.partnershipId,
      userId: actor.userId,
      filename,
      totalBytes,
      startedAt: new Date(),
      progress: { phase: 'reading', rowsRead: 0, bytesRead: 0 },
      result: null,
      failed: false,
    }
    this.jobs.set(job.id, job)
    const run = work((p) => (job.progress = { ...p }))
      .then((result) => {
        job.result = result
      })
      .catch((error: unknown) => {
        job.failed = true
        onFault(error)
      })
      .finally(() => {
        this.running.delete(run)
        setTimeout(() => this.jobs.delete(job.id), keepFor).unref()
      })
    this.running.add(run)
    return job
  }

  /** The job, if it ran in this partnership. */
  find(actor: Actor, id: string): ImportJob | undefined {
    const job = this.jobs.get(id)
    return job && job.partnershipId === actor.partnershipId ? job : undefined
  }

  /** How many imports are under way, and how many ended in the last hour, for /metrics: counts only, nothing about whose. */
  figures(): { running: number; succeeded: number; failed: number } {
    const figures = { running: 0, succeeded: 0, failed: 0 }
    for (const job of this.jobs.values()) {
      if (job.failed) figures.failed++
      else if (job.result) figures.succeeded++
      else figures.running++
    }
    return figures
  }

  /** Resolves when every import under way has ended: closing the app waits for them rather than cutting a transaction off. */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running])
  }
}

/** The process's imports under way and lately ended. */
export const importJobs = new ImportJobs()
