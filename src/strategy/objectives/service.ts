import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { londonToday } from '../../platform/dates/index.ts'
import { bodyOptions, peopleOptions } from '../../directory/lookups.ts'
import { findPerson } from '../../governance/forward-plan/index.ts'
import { currentOutcomes, outcomeTitles } from '../framework/index.ts'
import { findAim, findPlan } from '../plans/index.ts'
import { linkedPerson } from '../../site/my-work/index.ts'
import { objectiveStatusLabels, ragLabels } from './model.ts'
import { needingAttention } from './present.ts'
import { objectiveViews } from './views-of.ts'
import * as repo from './repository.ts'
import type { ObjectiveRow } from './repository.ts'
import { objectiveValues, type ObjectiveInput, type ProgressUpdateInput } from './schema.ts'
import { auditVerbs as verbs } from '../../platform/audit/verbs.ts'

const entityType = 'plan-objective'
const refusal = 'Only admins, editors and the objective’s owner can record its progress'

export function objectiveService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string): Promise<ObjectiveRow> {
    const objective = await repo.findObjective(trx, actor.partnershipId, id)
    if (!objective) throw new NotFoundError('The objective')
    return objective
  }

  /** Editors and admins record progress on any objective; a contributor on those they own, through the person linked to their account. */
  async function mayUpdate(trx: Trx, actor: Actor, objective: ObjectiveRow): Promise<boolean> {
    if (can(actor.role, 'directory.edit')) return true
    if (actor.role !== 'contributor' || !objective.owner_id || !actor.userId) return false
    const person = await linkedPerson(trx, actor.partnershipId, actor.userId)
    return person?.id === objective.owner_id
  }

  /** Owner, lead body and outcomes must be current choices, except those the objective already had (kept, not re-chosen). */
  async function assertChoices(trx: Trx, actor: Actor, input: ObjectiveInput, keep?: { row: ObjectiveRow; outcomeIds: string[] }): Promise<void> {
    if (input.ownerId && input.ownerId !== keep?.row.owner_id) {
      const person = await findPerson(trx, actor.partnershipId, input.ownerId)
      if (!person || person.archived_at) throw new ValidationError({ ownerId: 'Select the owner from the list' })
    }
    if (input.leadBodyId && input.leadBodyId !== keep?.row.lead_body_id) {
      const open = await bodyOptions(trx, actor.partnershipId)
      if (!open.some((b) => b.id === input.leadBodyId)) throw new ValidationError({ leadBodyId: 'Select the lead body from the list' })
    }
    const allowed = new Set([...(await currentOutcomes(trx, actor.partnershipId)).map((o) => o.id), ...(keep?.outcomeIds ?? [])])
    if (input.outcomeIds.some((id) => !allowed.has(id))) throw new ValidationError({ outcomeIds: 'Select outcomes from the list' })
  }

  async function linkedOutcomeIds(trx: Trx, actor: Actor, id: string): Promise<string[]> {
    return (await repo.outcomeLinks(trx, actor.partnershipId, [id])).map((l) => l.outcome_id)
  }

  const strip = (row: ObjectiveRow) => {
    const {
      aimNumber: _a,
      aimTitle: _t,
      aimArchivedAt: _aa,
      planId: _p,
      planTitle: _pt,
      planLeadBodyId: _pl,
      planArchivedAt: _pa,
      ownerLabel: _o,
      leadBodyName: _l,
      latestStatus: _s,
      latestRag: _r,
      latestReportedOn: _d,
      ...objective
    } = row
    return objective
  }

  async function setArchived(actor: Actor, id: string, version: number, action: 'archive' | 'restore') {
    assertCan(actor, 'directory.edit')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const before = await load(trx, actor, id)
      assertArchiveChange(action, before.archived_at, `‘${before.title}’`)
      const after = await repo.updateObjective(trx, actor.partnershipId, id, version, { archived_at: action === 'archive' ? new Date() : null })
      if (!after) throw new ConflictError(`‘${before.title}’`)
      await recordAudit(trx, actor, {
        action,
        entityType,
        entityId: id,
        summary: `${verbs[action]} objective ‘${after.title}’ of plan ‘${before.planTitle}’`,
        before: strip(before),
        after,
      })
      return { ...after, planId: before.planId }
    })
  }

  return {
    /** The objective page: the objective with its outcomes, its updates newest first, and what the actor may do. */
    async page(actor: Actor, id: string, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const [objective] = await objectiveViews(trx, actor.partnershipId, [await load(trx, actor, id)], today)
        return {
          objective: objective!,
          updates: await repo.updatesOf(trx, actor.partnershipId, id),
          mayUpdate: !objective!.archived_at && (await mayUpdate(trx, actor, objective!)),
          mayEdit: can(actor.role, 'directory.edit'),
        }
      })
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    },

    /** The aim (and its plan) an objective is added to. */
    async aim(actor: Actor, aimId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const aim = await findAim(trx, actor.partnershipId, aimId)
        if (!aim) throw new NotFoundError('The aim')
        const plan = (await findPlan(trx, actor.partnershipId, aim.plan_id))!
        return { aim, plan }
      })
    },

    /**
     * What the form offers: current people and bodies, and the outcomes of the
     * framework in force plus any the objective is linked to that a newer
     * version dropped, so saving the form never loses a link unasked.
     */
    async formOptions(actor: Actor, objectiveId?: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const current = await currentOutcomes(trx, actor.partnershipId)
        const linked = objectiveId ? await linkedOutcomeIds(trx, actor, objectiveId) : []
        const dropped = linked.filter((id) => !current.some((o) => o.id === id))
        const titles = await outcomeTitles(trx, actor.partnershipId, dropped)
        return {
          people: await peopleOptions(trx, actor.partnershipId),
          bodies: await bodyOptions(trx, actor.partnershipId),
          outcomes: [
            ...current.map((o) => ({ id: o.id, title: o.title, dropped: false })),
            ...dropped.map((id) => ({ id, title: titles.get(id) ?? 'An outcome no longer worded in any framework', dropped: true })),
          ],
          linked,
        }
      })
    },

    async create(actor: Actor, aimId: string, input: ObjectiveInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const aim = await findAim(trx, actor.partnershipId, aimId)
        if (!aim) throw new NotFoundError('The aim')
        const plan = (await findPlan(trx, actor.partnershipId, aim.plan_id))!
        if (aim.archived_at || plan.archived_at) throw new ConflictError(`Aim ${aim.number} of ‘${plan.title}’`)
        await assertChoices(trx, actor, input)
        const position = await repo.nextPosition(trx, actor.partnershipId, aimId)
        const created = await repo.insertObjective(trx, actor.partnershipId, aimId, position, objectiveValues(input))
        await repo.setOutcomes(trx, actor.partnershipId, created.id, input.outcomeIds)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType,
          entityId: created.id,
          summary: `Added objective ‘${created.title}’ to aim ${aim.number} of plan ‘${plan.title}’`,
          after: { ...created, outcomeIds: input.outcomeIds },
        })
        return { ...created, planId: plan.id }
      })
    },

    async update(actor: Actor, id: string, version: number, input: ObjectiveInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        if (before.archived_at) throw new ConflictError(`‘${before.title}’`)
        const outcomeIds = await linkedOutcomeIds(trx, actor, id)
        await assertChoices(trx, actor, input, { row: before, outcomeIds })
        const after = await repo.updateObjective(trx, actor.partnershipId, id, version, objectiveValues(input))
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await repo.setOutcomes(trx, actor.partnershipId, id, input.outcomeIds)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType,
          entityId: id,
          summary: `Changed objective ‘${after.title}’ of plan ‘${before.planTitle}’`,
          before: { ...strip(before), outcomeIds },
          after: { ...after, outcomeIds: input.outcomeIds },
        })
        return { ...after, planId: before.planId }
      })
    },

    archive: (actor: Actor, id: string, version: number) => setArchived(actor, id, version, 'archive'),
    restore: (actor: Actor, id: string, version: number) => setArchived(actor, id, version, 'restore'),

    /** Swaps an objective with its neighbour in the aim, renumbering so positions stay 1, 2, 3… */
    async move(actor: Actor, id: string, direction: 'up' | 'down') {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const objective = await load(trx, actor, id)
        if (objective.archived_at) throw new ConflictError(`‘${objective.title}’`)
        const order = await repo.siblings(trx, actor.partnershipId, objective.aim_id)
        const from = order.findIndex((o) => o.id === id)
        const to = direction === 'up' ? from - 1 : from + 1
        if (to >= 0 && to < order.length) [order[from], order[to]] = [order[to]!, order[from]!]
        for (const [i, row] of order.entries()) {
          if (row.position !== i + 1) await repo.setPosition(trx, actor.partnershipId, row.id, i + 1)
        }
        const after = order.findIndex((o) => o.id === id) + 1
        await recordAudit(trx, actor, {
          action: 'update',
          entityType,
          entityId: id,
          summary: `Moved objective ‘${objective.title}’ ${direction} aim ${objective.aimNumber} of plan ‘${objective.planTitle}’`,
          before: { position: objective.position },
          after: { position: after },
        })
        return objective
      })
    },

    /** The objective, once the actor is known to be allowed to record its progress: checked before the form is read. */
    async getForUpdate(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const objective = await load(trx, actor, id)
        if (!(await mayUpdate(trx, actor, objective))) throw new ForbiddenError(refusal)
        return objective
      })
    },

    /** A dated progress update: it becomes the objective's status and RAG when it is the latest. */
    async addUpdate(actor: Actor, id: string, input: ProgressUpdateInput, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const objective = await load(trx, actor, id)
        if (!(await mayUpdate(trx, actor, objective))) throw new ForbiddenError(refusal)
        if (objective.archived_at) throw new ConflictError(`‘${objective.title}’`)
        if (input.reportedOn > today) throw new ValidationError({ reportedOn: 'The date reported on must be today or in the past' })
        const update = await repo.insertUpdate(trx, actor.partnershipId, id, { ...input, authorLabel: actor.label })
        const rag = update.rag ? ` (${ragLabels[update.rag].toLowerCase()})` : ''
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'objective-update',
          entityId: update.id,
          summary: `Recorded progress on objective ‘${objective.title}’: ${objectiveStatusLabels[update.status].toLowerCase()}${rag}`,
          after: update,
        })
        return update
      })
    },

    /** Slipping and overdue objectives, overdue first; with a body, those it leads itself or through its plan. */
    async needingAttention(actor: Actor, filter: { bodyId?: string } = {}, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const rows = await repo.currentObjectives(trx, actor.partnershipId, filter.bodyId ? { bodyId: filter.bodyId } : {})
        return needingAttention(await objectiveViews(trx, actor.partnershipId, rows, today))
      })
    },

    /** The signed-in person's own current objectives, those needing attention first: none when the account is linked to nobody. */
    async mine(actor: Actor, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const person = actor.userId ? await linkedPerson(trx, actor.partnershipId, actor.userId) : undefined
        if (!person) return { attention: [], total: 0 }
        const views = await objectiveViews(trx, actor.partnershipId, await repo.currentObjectives(trx, actor.partnershipId, { ownerId: person.id }), today)
        return { attention: needingAttention(views), total: views.length }
      })
    },
  }
}

export type ObjectiveService = ReturnType<typeof objectiveService>
