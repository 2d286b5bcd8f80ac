import { londonToday } from '../../platform/dates/index.ts'
import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts'
import { storeFile } from '../../platform/files/service.ts'
import type { UploadedFile } from '../../platform/files/uploads.ts'
import type { BodyService } from '../bodies/index.ts'
import { needsAttention, reviewStatus, type ReviewStatus } from './model.ts'
import * as repo from './repository.ts'
import type { TermsInput } from './schema.ts'
import { isUniqueViolation } from '../../platform/db/unique-violation.ts'

const entityType = 'terms-of-reference'

/** Someone else added a version while this one was being written: say so rather than silently stacking a version on one not seen. */
export class NewerVersionError extends ConflictError {
  constructor(bodyName: string) {
    super(`The terms of reference for ‘${bodyName}’`)
    this.message = `Someone else added a new version of the terms of reference for ‘${bodyName}’ while you were writing this one. Your version has not been saved. Read the latest version below, then save again if yours should replace it.`
  }
}

export interface AttentionItem extends repo.BodyTermsState {
  status: ReviewStatus
}

/** The one thing this service asks of the bodies service: who may change a body. */
export type BodyPermissions = Pick<BodyService, 'canChange'>

export function termsOfReferenceService(db: Db, bodies: BodyPermissions) {
  async function loadBody(trx: Trx, actor: Actor, bodyId: string): Promise<repo.BodySummary> {
    const body = await repo.findBody(trx, actor.partnershipId, bodyId)
    if (!body) throw new NotFoundError('The body')
    return body
  }

  /**
   * Whether the actor may write a new version: the bodies service's rule (admins and
   * editors; contributors for bodies they chair or are lead officer of), asked
   * before this service's transaction opens, because the bodies service opens its
   * own and embedded PGlite has one connection. An archived body is kept for the
   * record only: restore it first.
   */
  function assertMayWrite(body: repo.BodySummary, allowed: boolean): void {
    if (body.archived_at) throw new ForbiddenError(`‘${body.name}’ is archived. Restore it before changing its terms of reference.`)
    if (!allowed) throw new ForbiddenError('Only admins, editors and the chair or lead officer of this body can change its terms of reference')
  }

  return {
    /** A body's terms of reference: every version, newest (the current one) first, and whether the actor may add one. */
    async forBody(actor: Actor, bodyId: string, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      const allowed = await bodies.canChange(actor, bodyId)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const body = await loadBody(trx, actor, bodyId)
        const versions = await repo.listVersions(trx, actor.partnershipId, bodyId)
        const current = versions[0] ?? null
        return { body, versions, current, status: reviewStatus(current, today), canWrite: allowed && !body.archived_at }
      })
    },

    /** One version, with the current one to compare it against. */
    async version(actor: Actor, bodyId: string, versionNumber: number) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const body = await loadBody(trx, actor, bodyId)
        const version = await repo.findVersion(trx, actor.partnershipId, bodyId, versionNumber)
        const latest = await repo.currentVersionNumber(trx, actor.partnershipId, bodyId)
        if (!version) throw new NotFoundError('That version of the terms of reference')
        const current = latest === versionNumber ? version : await repo.findVersion(trx, actor.partnershipId, bodyId, latest)
        return { body, version, current: current ?? version }
      })
    },

    /** What the form for a new version needs, refusing those who may not write one before they fill it in. */
    async prepareNew(actor: Actor, bodyId: string) {
      assertCan(actor, 'partnership.read')
      const allowed = await bodies.canChange(actor, bodyId)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const body = await loadBody(trx, actor, bodyId)
        assertMayWrite(body, allowed)
        const versions = await repo.listVersions(trx, actor.partnershipId, bodyId)
        return { body, current: versions[0] ?? null }
      })
    },

    /**
     * Adds the next version. Versions are never edited: a change is a new version.
     * `basedOn` is the current version number the writer saw (0 for none).
     */
    async create(actor: Actor, bodyId: string, basedOn: number, input: TermsInput, upload: UploadedFile | null) {
      assertCan(actor, 'partnership.read')
      const allowed = await bodies.canChange(actor, bodyId)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const body = await loadBody(trx, actor, bodyId)
        assertMayWrite(body, allowed)
        const latest = await repo.currentVersionNumber(trx, actor.partnershipId, bodyId)
        if (latest !== basedOn) throw new NewerVersionError(body.name)
        const file = upload ? await storeFile(trx, actor, upload, 'document') : null
        // Two people saving at the same moment both pass the check above; the unique
        // (body, version number) index stops the second with the same message.
        const created = await repo.insertVersion(trx, actor.partnershipId, bodyId, latest + 1, input, file?.id ?? null, actor.label).catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new NewerVersionError(body.name)
          throw error
        })
        await recordAudit(trx, actor, {
          action: 'create',
          entityType,
          entityId: created.id,
          summary: `Added version ${created.version_number} of the terms of reference for ‘${body.name}’`,
          after: created,
        })
        return { body, created }
      })
    },

    /** Current bodies whose terms of reference are missing, undated for review, overdue or due soon; most urgent first. */
    async needingAttention(actor: Actor, today = londonToday()): Promise<AttentionItem[]> {
      assertCan(actor, 'partnership.read')
      const rows = await inPartnership(db, actor.partnershipId, (trx) => repo.currentBodiesWithLatestTerms(trx, actor.partnershipId, today))
      const order: ReviewStatus[] = ['missing', 'no-review-date', 'overdue', 'due-soon', 'up-to-date']
      return rows
        .map((b) => ({ ...b, status: reviewStatus(b.version_number === null ? null : b, today) }))
        .filter((b) => needsAttention(b.status))
        .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || (a.review_due_on ?? '').localeCompare(b.review_due_on ?? ''))
    },
  }
}

export type TermsOfReferenceService = ReturnType<typeof termsOfReferenceService>
