import type { Db } from '../../src/platform/db/database.ts'
import { jobById, type JobRecord } from '../../src/platform/jobs/repository.ts'

/** The background job an upload's redirect names (/indicator-values/imports/<id>). */
export function jobIdOf(location: unknown): string {
  const id = /\/imports\/([0-9a-f-]{36})/.exec(String(location))?.[1]
  if (!id) throw new Error(`No job in ${String(location)}`)
  return id
}

/** The job as it is now, read as the owner (whichever instance ran it). */
export async function jobNow(db: Db, id: string): Promise<JobRecord> {
  const job = await jobById(db, id)
  if (!job) throw new Error(`No job ${id}`)
  return job
}

/** Waits for the job to end, however it ends, and gives it back as it ended. */
export async function jobEnded(db: Db, id: string, timeoutMs = 60_000): Promise<JobRecord> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const job = await jobNow(db, id)
    if (job.finishedAt) return job
    if (Date.now() > until) throw new Error(`Job ${id} is still ${job.state} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
