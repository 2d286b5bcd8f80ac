import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { londonToday } from '../../platform/dates/index.ts'
import { type IndicatorRow, loadIndicator, mayChangeIndicator } from '../indicators/index.ts'
import { currentObjectives, objectivesOfPlans, objectiveViews } from '../../strategy/objectives/index.ts'
import { byPlan, writtenOnProblem } from './model.ts'
import * as repo from './repository.ts'
import type { CommentaryInput, ReportCardInput } from './schema.ts'

const refusal = 'Only admins, editors and the indicator’s target lead can change its report card'

export function reportCardService(db: Db) {
  const mayChange = mayChangeIndicator

  /** The indicator, once the actor may change its card; for a change, it must still be measured too. */
  async function forChanging(trx: Trx, actor: Actor, indicatorId: string, { changing = true } = {}): Promise<IndicatorRow> {
    const indicator = await loadIndicator(trx, actor, indicatorId)
    if (!(await mayChange(trx, actor, indicator))) throw new ForbiddenError(refusal)
    if (changing && indicator.archived_at)
      throw new ConflictError(
        `‘${indicator.title}’`,
        `‘${indicator.title}’ has been archived, so its report card is kept as it was. Restore the indicator first if it is measured again.`,
      )
    return indicator
  }

  /** The linked objectives as the objectives pages show them: plan, aim, timescale, status, RAG and why they need attention. */
  async function linkedObjectives(trx: Trx, actor: Actor, indicatorId: string, today: string) {
    const ids = new Set(await repo.linkedObjectiveIds(trx, actor.partnershipId, indicatorId))
    if (!ids.size) return []
    const rows = (await objectivesOfPlans(trx, actor.partnershipId, await repo.linkedPlanIds(trx, actor.partnershipId, indicatorId))).filter((o) =>
      ids.has(o.id),
    )
    return objectiveViews(trx, actor.partnershipId, rows, today)
  }

  return {
    /** The report card page: the card, the actions with where each stands, and the commentary newest first. */
    async page(actor: Actor, indicatorId: string, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await loadIndicator(trx, actor, indicatorId)
        return {
          indicator,
          card: await repo.findCard(trx, actor.partnershipId, indicatorId),
          objectives: await linkedObjectives(trx, actor, indicatorId, today),
          commentary: await repo.commentaryOf(trx, actor.partnershipId, indicatorId),
          mayChange: !indicator.archived_at && (await mayChange(trx, actor, indicator)),
        }
      })
    },

    /** What the edit page offers: the card, its actions, and the current objectives of current plans not yet linked, by plan. */
    async forChange(actor: Actor, indicatorId: string, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        // An archived indicator's edit page still opens, saying why nothing on it can be saved.
        const indicator = await forChanging(trx, actor, indicatorId, { changing: false })
        const linked = await linkedObjectives(trx, actor, indicatorId, today)
        const taken = new Set(linked.map((o) => o.id))
        const open = (await currentObjectives(trx, actor.partnershipId, {})).filter((o) => !taken.has(o.id))
        return { indicator, card: await repo.findCard(trx, actor.partnershipId, indicatorId), linked, choices: byPlan(open) }
      })
    },

    /** Saves the story, partners and what works, at the version the form was opened at (0: there was no card yet). */
    async save(actor: Actor, indicatorId: string, version: number, input: ReportCardInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await forChanging(trx, actor, indicatorId)
        const before = await repo.findCard(trx, actor.partnershipId, indicatorId)
        const after =
          version === 0
            ? await repo.insertCard(trx, actor.partnershipId, indicatorId, input)
            : await repo.updateCard(trx, actor.partnershipId, indicatorId, version, input)
        if (!after) throw new ConflictError(`The report card of ‘${indicator.title}’`)
        await recordAudit(trx, actor, {
          action: before ? 'update' : 'create',
          entityType: 'report-card',
          entityId: indicatorId,
          summary: `${before ? 'Changed' : 'Wrote'} the report card of ‘${indicator.title}’`,
          before,
          after,
        })
        return { indicator, card: after }
      })
    },

    /** Links objectives of current plans as the card's actions; linking one already linked changes nothing. */
    async link(actor: Actor, indicatorId: string, objectiveIds: readonly string[]) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await forChanging(trx, actor, indicatorId)
        const open = new Map((await currentObjectives(trx, actor.partnershipId, {})).map((o) => [o.id, o]))
        if (objectiveIds.some((id) => !open.has(id))) throw new ValidationError({ objectiveIds: 'Select objectives from the list' })
        const added = await repo.linkObjectives(trx, actor.partnershipId, indicatorId, objectiveIds)
        for (const id of added) {
          const o = open.get(id)!
          await recordAudit(trx, actor, {
            action: 'create',
            entityType: 'report-card',
            entityId: indicatorId,
            summary: `Linked objective ‘${o.title}’ of plan ‘${o.planTitle}’ to the report card of ‘${indicator.title}’`,
            after: { indicatorId, objectiveId: id },
          })
        }
        return { indicator, added: added.length }
      })
    },

    async unlink(actor: Actor, indicatorId: string, objectiveId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await forChanging(trx, actor, indicatorId)
        const objective = (await linkedObjectives(trx, actor, indicatorId, londonToday())).find((o) => o.id === objectiveId)
        if (!objective) throw new NotFoundError('The linked objective')
        await repo.unlinkObjective(trx, actor.partnershipId, indicatorId, objectiveId)
        await recordAudit(trx, actor, {
          action: 'delete',
          entityType: 'report-card',
          entityId: indicatorId,
          summary: `Took objective ‘${objective.title}’ of plan ‘${objective.planTitle}’ off the report card of ‘${indicator.title}’`,
          before: { indicatorId, objectiveId },
        })
        return { indicator, objective }
      })
    },

    /** The indicator, once the actor is known to be allowed to change its card: checked before a form is read. */
    async assertMayChange(actor: Actor, indicatorId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => forChanging(trx, actor, indicatorId, { changing: false }))
    },

    /**
     * Dated commentary, kept append-only: what the target lead said on a day is
     * the record boards quote, so a correction is a later entry saying so, never
     * an edit of the earlier one.
     */
    async addCommentary(actor: Actor, indicatorId: string, input: CommentaryInput, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await forChanging(trx, actor, indicatorId)
        const problem = writtenOnProblem(input.writtenOn, today)
        if (problem) throw new ValidationError({ writtenOn: problem })
        const entry = await repo.insertCommentary(trx, actor.partnershipId, indicatorId, input, actor.label)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'indicator-commentary',
          entityId: entry.id,
          summary: `Added commentary to the report card of ‘${indicator.title}’`,
          after: entry,
        })
        return entry
      })
    },
  }
}

export type ReportCardService = ReturnType<typeof reportCardService>
