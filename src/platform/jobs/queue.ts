import type { PgBoss } from 'pg-boss'
import type { Db } from '../db/database.ts'
import { isSingleSession } from '../db/single-session.ts'
import type { BackgroundJobKind } from '../db/job-tables.ts'
import { createBoss, type BossTimings } from './boss.ts'
import * as repo from './repository.ts'
import type { JobRecord } from './repository.ts'

/*
 * Work done in the background, in PostgreSQL, so instances that share nothing
 * but the database share it too. A feature records a job (repo.insertJob, in
 * its own transaction, with the upload it reads) and enqueues it; whichever
 * instance's worker takes it runs the feature's handler, which reports
 * progress into the job's row and ends it there (repo.finishJob). Any
 * instance's progress page reads that row.
 *
 * When an instance stops with work under way: on a signal, the work gets the
 * grace below to end; past it the job is handed back to the queue (pg-boss
 * fails the attempt, which is retried) and the work is told to stop, so a
 * shutdown never waits on a long import. Killed outright, its heartbeat stops
 * and pg-boss gives the job to another instance once it is missed. Either way
 * the next attempt starts the work again from its saved upload: imports are
 * all or nothing, so the cut-off attempt left nothing behind. A job cut off
 * on every attempt is failed, saying so.
 */

export interface JobRun {
  job: JobRecord
  /** Aborted when this instance hands the job back (shutting down): stop, and leave the job to the next attempt. */
  signal: AbortSignal
}

/** Runs a job and ends it with repo.finishJob (a job it leaves unended after returning is failed as a fault). */
export type JobHandler = (run: JobRun) => Promise<void>

export interface JobQueueOptions extends Partial<BossTimings> {
  /** Where faults go: the job is failed, and the fault logged for the operators. */
  onFault: (error: unknown, job: { id: string; kind: string }) => void
  /** How long a shutdown waits for work under way before handing it back (the service exits 8 s after a signal). */
  graceMs?: number
  /** How often an idle worker asks for work (the instance that enqueues wakes its own at once). */
  pollingSeconds?: number
  /** Attempts after the first, for a job whose instance stopped before it ended. */
  retries?: number
}

const lostQueue = 'background-jobs-lost'
const lostMessage = 'The service stopped while this ran, each time it was tried. Nothing was changed. Start it again.'
const notStartedMessage = 'It could not be started. Nothing was changed. Try again; if it happens again, tell your administrator.'
const faultMessage = 'It stopped because of a fault in Thrive. Nothing was changed. Try again; if it happens again, tell your administrator.'

export class JobQueue {
  private readonly db: Db
  private readonly options: Required<Omit<JobQueueOptions, 'onFault'>> & Pick<JobQueueOptions, 'onFault'>
  private readonly handlers = new Map<BackgroundJobKind, JobHandler>()
  private readonly workers = new Map<BackgroundJobKind, string>()
  private boss: Promise<PgBoss> | null = null
  private stopped = false

  constructor(db: Db, options: JobQueueOptions) {
    this.db = db
    this.options = { heartbeatSeconds: 30, superviseSeconds: 30, graceMs: 5000, pollingSeconds: 2, retries: 2, ...options }
  }

  /** The handler for a kind of job; every kind is given one before start(). */
  handle(kind: BackgroundJobKind, handler: JobHandler): void {
    this.handlers.set(kind, handler)
  }

  /**
   * Starts working. On PostgreSQL at once, since any instance may be given
   * another's work; on PGlite (one process holds the database) only when there
   * is work: left unfinished by the last run, or enqueued later.
   */
  async start(): Promise<void> {
    try {
      if ((await isSingleSession(this.db)) && (await repo.unfinishedJobs(this.db)).length === 0) return
      // Not awaited: the service answers (its health checks say whether the database is ready) while the queue
      // starts, and a queue that cannot start yet (a database not migrated) tries again when work is enqueued.
      this.started().catch((error: unknown) => this.options.onFault(error, { id: '', kind: 'queue' }))
    } catch (error) {
      this.options.onFault(error, { id: '', kind: 'queue' })
    }
  }

  /**
   * Hands a recorded job to the queue, without waiting: the queue may be
   * starting (on PGlite, the first job starts it), and the person who asked is
   * shown the job's page meanwhile. A job that cannot be handed over is failed,
   * saying so. Its id is the queue's too, so handing it again (after a crash) runs it once.
   */
  enqueue(id: string, kind: BackgroundJobKind): void {
    this.send(id, kind).catch(async (error: unknown) => {
      this.options.onFault(error, { id, kind })
      await repo.finishJob(this.db, id, 'failed', { message: notStartedMessage }).catch(() => {})
    })
  }

  private async send(id: string, kind: BackgroundJobKind): Promise<void> {
    const boss = await this.started()
    await boss.send(kind, { id }, { id })
    // The instance that takes the upload starts on it at once rather than at its next poll.
    const worker = this.workers.get(kind)
    if (worker) boss.notifyWorker(worker)
  }

  /** Stops taking work; work under way gets the grace to end, then is handed back to the queue. */
  async stop(): Promise<void> {
    this.stopped = true
    const boss = await this.boss?.catch(() => null)
    await boss?.stop({ graceful: true, timeout: this.options.graceMs })
  }

  private started(): Promise<PgBoss> {
    if (this.stopped) return Promise.reject(new Error('The job queue has stopped'))
    if (!this.boss) {
      const booting = this.boot()
      this.boss = booting
      // A start that failed is tried again by the next enqueue.
      booting.catch(() => {
        if (this.boss === booting) this.boss = null
      })
    }
    return this.boss
  }

  private async boot(): Promise<PgBoss> {
    const { heartbeatSeconds, superviseSeconds, pollingSeconds, retries } = this.options
    // Read first: on a database not migrated yet this fails before pg-boss has made anything.
    const left = await repo.unfinishedJobs(this.db)
    const boss = await createBoss(this.db, { heartbeatSeconds, superviseSeconds })
    boss.on('error', (error) => this.options.onFault(error, { id: '', kind: 'queue' }))
    try {
      await boss.start()
      await boss.createQueue(lostQueue, { retryLimit: 0 })
      for (const [kind, handler] of this.handlers) {
        // A day is far longer than any import takes; the heartbeat is what notices an instance gone.
        await boss.createQueue(kind, { retryLimit: retries, retryDelay: 1, heartbeatSeconds, expireInSeconds: 24 * 60 * 60, deadLetter: lostQueue })
        const worker = await boss.work<{ id: string }>(kind, { pollingIntervalSeconds: pollingSeconds, localConcurrency: 1 }, async ([job]) => {
          if (job) await this.run(job.data.id, job.signal, handler)
        })
        this.workers.set(kind, worker)
      }
      await boss.work<{ id: string }>(lostQueue, { pollingIntervalSeconds: Math.max(pollingSeconds, 5) }, async ([job]) => {
        if (job) await repo.finishJob(this.db, job.data.id, 'failed', { message: lostMessage })
      })
      // Work recorded but never handed over (the process stopped between the two), or left by the last run.
      for (const job of left) if (this.handlers.has(job.kind)) await boss.send(job.kind, { id: job.id }, { id: job.id })
      await repo.forgetOldJobs(this.db)
    } catch (error) {
      // Half started: let go of its connections before trying again later.
      await boss.stop({ graceful: false }).catch(() => {})
      throw error
    }
    return boss
  }

  private async run(id: string, signal: AbortSignal, handler: JobHandler): Promise<void> {
    try {
      await this.attempt(id, signal, handler)
    } finally {
      await repo.forgetOldJobs(this.db).catch(() => {})
    }
  }

  private async attempt(id: string, signal: AbortSignal, handler: JobHandler): Promise<void> {
    if (!(await repo.markRunning(this.db, id))) return
    const job = await repo.jobById(this.db, id)
    if (!job) return
    try {
      await handler({ job, signal })
      if (!signal.aborted) await repo.finishJob(this.db, id, 'failed', { message: faultMessage })
    } catch (error) {
      // Handed back: the next attempt (on any instance) starts it again, so this one says nothing of how it ended.
      if (signal.aborted) {
        await repo.markHandedBack(this.db, id).catch(() => {})
        return
      }
      this.options.onFault(error, { id, kind: job.kind })
      await repo.finishJob(this.db, id, 'failed', { message: faultMessage })
    }
  }
}
