import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { formatUkDate, londonToday } from '../../platform/dates/index.ts'
import { organisationOptions } from '../../directory/organisations/index.ts'
import { shownStatus, statusLabels, transitionProblem, transitionVerb } from './model.ts'
import * as repo from './repository.ts'
import type { RequestFilters, RequestInput } from './schema.ts'
import type { DataRequestStatus } from '../../platform/db/performance-tables.ts'

const entityType = 'data-request'
const describe = (r: { organisationName: string; period_label: string }) => `the data request to ${r.organisationName} for ${r.period_label}`

export function dataRequestService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string): Promise<repo.RequestRow> {
    const request = await repo.findRequest(trx, actor.partnershipId, id)
    if (!request) throw new NotFoundError('The data request')
    return request
  }

  /** Organisation and indicators must be current choices, except those the request already had (kept, not re-chosen). */
  async function assertChoices(trx: Trx, actor: Actor, input: RequestInput, keep?: { organisationId: string; indicatorIds: string[] }): Promise<string> {
    const problems: Record<string, string> = {}
    const organisation = (await organisationOptions(trx, actor.partnershipId)).find((o) => o.id === input.organisationId)
    if (!organisation || (organisation.archived_at && organisation.id !== keep?.organisationId))
      problems.organisationId = 'Select the organisation asked for the values'
    const allowed = new Set((await repo.indicatorOptions(trx, actor.partnershipId, keep?.indicatorIds)).map((i) => i.id))
    if (input.indicatorIds.some((id) => !allowed.has(id))) problems.indicatorIds = 'Select indicators from the list'
    if (Object.keys(problems).length) throw new ValidationError(problems)
    return organisation!.name
  }

  const strip = ({ organisationName: _o, indicatorCount: _c, ...row }: repo.RequestRow) => row

  async function setArchived(actor: Actor, id: string, version: number, action: 'archive' | 'restore') {
    assertCan(actor, 'directory.edit')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const before = await load(trx, actor, id)
      assertArchiveChange(action, before.archived_at, `The data request`)
      const after = await repo.updateRequest(trx, actor.partnershipId, id, version, { archived_at: action === 'archive' ? new Date() : null })
      if (!after) throw new ConflictError('The data request')
      await recordAudit(trx, actor, {
        action,
        entityType,
        entityId: id,
        summary: `${action === 'archive' ? 'Archived' : 'Restored'} ${describe(before)}`,
        before: strip(before),
        after,
      })
      return after
    })
  }

  return {
    /** The requests as listed, soonest due first, with the status each shows today; filtering by "late" needs today, so it is done here. */
    async list(actor: Actor, filters: RequestFilters, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const rows = (await repo.listRequests(trx, actor.partnershipId, { organisation: filters.organisation, archived: filters.archived === 'yes' }))
          .map((r) => ({ ...r, shown: shownStatus(r, today) }))
          .filter((r) => !filters.status || r.shown === filters.status)
        return { rows, organisations: await organisationOptions(trx, actor.partnershipId), canEdit: can(actor.role, 'directory.edit') }
      })
    },

    async get(actor: Actor, id: string, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const request = await load(trx, actor, id)
        return {
          request: { ...request, shown: shownStatus(request, today) },
          indicators: await repo.requestIndicators(trx, actor.partnershipId, id),
          history: await repo.historyOf(trx, actor.partnershipId, id),
          canEdit: can(actor.role, 'directory.edit'),
        }
      })
    },

    /** What the form offers: current organisations and indicators, and those the request already names. */
    async formOptions(actor: Actor, requestId?: string) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const request = requestId ? await load(trx, actor, requestId) : undefined
        const chosen = requestId ? (await repo.requestIndicators(trx, actor.partnershipId, requestId)).map((i) => i.id) : []
        const organisations = (await organisationOptions(trx, actor.partnershipId)).filter((o) => !o.archived_at || o.id === request?.organisation_id)
        return { request, chosen, organisations, indicators: await repo.indicatorOptions(trx, actor.partnershipId, chosen) }
      })
    },

    async create(actor: Actor, input: RequestInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const organisationName = await assertChoices(trx, actor, input)
        const created = await repo.insertRequest(trx, actor.partnershipId, input)
        await repo.setIndicators(trx, actor.partnershipId, created.id, input.indicatorIds)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType,
          entityId: created.id,
          summary: `Requested values for ${created.period_label} from ${organisationName}, due ${formatUkDate(created.due_on)}`,
          after: { ...created, indicatorIds: input.indicatorIds },
        })
        return created
      })
    },

    async update(actor: Actor, id: string, version: number, input: RequestInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        if (before.archived_at)
          throw new ConflictError(
            'The data request',
            'The data request has been archived, so your changes have not been saved. Restore it first if it is still wanted.',
          )
        const indicatorIds = (await repo.requestIndicators(trx, actor.partnershipId, id)).map((i) => i.id)
        const organisationName = await assertChoices(trx, actor, input, { organisationId: before.organisation_id, indicatorIds })
        const after = await repo.updateRequest(trx, actor.partnershipId, id, version, {
          organisation_id: input.organisationId,
          period_label: input.periodLabel,
          due_on: input.dueOn,
          notes: input.notes,
        })
        if (!after) throw new ConflictError('The data request')
        await repo.setIndicators(trx, actor.partnershipId, id, input.indicatorIds)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType,
          entityId: id,
          summary: `Changed ${describe({ organisationName, period_label: after.period_label })}`,
          before: { ...strip(before), indicatorIds },
          after: { ...after, indicatorIds: input.indicatorIds },
        })
        return after
      })
    },

    /** Moves the request along requested → submitted → approved, or back to requested; a skipped step is refused with the reason. */
    async setStatus(actor: Actor, id: string, version: number, status: DataRequestStatus) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        if (before.archived_at) throw new ConflictError('The data request', 'The data request has been archived: restore it before changing its status.')
        if (before.version !== version) throw new ConflictError('The data request')
        const problem = transitionProblem(before.status, status)
        if (problem) throw new ValidationError({ status: problem })
        const after = await repo.updateRequest(trx, actor.partnershipId, id, version, { status })
        if (!after) throw new ConflictError('The data request')
        await recordAudit(trx, actor, {
          action: 'update',
          entityType,
          entityId: id,
          summary: `${transitionVerb(before.status, status)}: ${describe(before)} (${statusLabels[before.status].toLowerCase()} → ${statusLabels[status].toLowerCase()})`,
          before: { status: before.status },
          after: { status },
        })
        return after
      })
    },

    archive: (actor: Actor, id: string, version: number) => setArchived(actor, id, version, 'archive'),
    restore: (actor: Actor, id: string, version: number) => setArchived(actor, id, version, 'restore'),
  }
}

export type DataRequestService = ReturnType<typeof dataRequestService>
