import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { londonToday } from '../../platform/dates/index.ts'
import { bodyOptions } from '../../directory/lookups.ts'
import { strategyOptions } from '../strategies/index.ts'
import { objectivesOfPlans, objectiveViews, needingAttention, presentObjectives } from '../objectives/index.ts'
import { summarise } from './model.ts'
import * as repo from './repository.ts'
import type { Aim, PlanRow } from './repository.ts'
import type { AimInput, PlanInput } from './schema.ts'
import { auditVerbs as verbs } from '../../platform/audit/verbs.ts'
import { isUniqueViolation } from '../../platform/db/unique-violation.ts'

type Change = 'update' | 'archive' | 'restore'

export function planService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string): Promise<PlanRow> {
    const plan = await repo.findPlan(trx, actor.partnershipId, id)
    if (!plan) throw new NotFoundError('The plan')
    return plan
  }

  async function loadAim(trx: Trx, actor: Actor, id: string): Promise<Aim> {
    const aim = await repo.findAim(trx, actor.partnershipId, id)
    if (!aim) throw new NotFoundError('The aim')
    return aim
  }

  /** The strategy and lead body must be current ones, unless the plan already had them. */
  async function assertChoices(trx: Trx, actor: Actor, input: PlanInput, keep?: PlanRow): Promise<void> {
    if (input.strategyId && input.strategyId !== keep?.strategy_id) {
      const open = await strategyOptions(trx, actor.partnershipId)
      if (!open.some((s) => s.id === input.strategyId)) throw new ValidationError({ strategyId: 'Select the strategy from the list' })
    }
    if (input.leadBodyId && input.leadBodyId !== keep?.lead_body_id) {
      const open = await bodyOptions(trx, actor.partnershipId)
      if (!open.some((b) => b.id === input.leadBodyId)) throw new ValidationError({ leadBodyId: 'Select the lead body from the list' })
    }
  }

  /** Two current aims of a plan cannot share a number. */
  async function assertNumberFree(trx: Trx, actor: Actor, planId: string, number: number, exceptId?: string): Promise<void> {
    const holder = await repo.aimNumbered(trx, actor.partnershipId, planId, number)
    if (holder && holder.id !== exceptId) throw new ValidationError({ number: `Aim ${number} already exists in this plan: choose another number` })
  }

  // Two people numbering aims at once both pass assertNumberFree; the unique index stops the second with the same message.
  const numberTaken =
    (number: number) =>
    (error: unknown): never => {
      if (isUniqueViolation(error, 'plan_aims_number'))
        throw new ValidationError({ number: `Aim ${number} already exists in this plan: choose another number` })
      throw error
    }

  const strip = ({ strategyTitle: _s, leadBodyName: _l, ...plan }: PlanRow) => plan

  async function changePlan(actor: Actor, id: string, version: number, action: Change, input?: PlanInput) {
    assertCan(actor, 'directory.edit')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const before = await load(trx, actor, id)
      if (action === 'update' && before.archived_at) throw new ConflictError(`‘${before.title}’`)
      if (action !== 'update') assertArchiveChange(action, before.archived_at, `‘${before.title}’`)
      if (input) await assertChoices(trx, actor, input, before)
      const after = await repo.updatePlan(
        trx,
        actor.partnershipId,
        id,
        version,
        input ? repo.planValues(input) : { archived_at: action === 'archive' ? new Date() : null },
      )
      if (!after) throw new ConflictError(`‘${before.title}’`)
      await recordAudit(trx, actor, {
        action,
        entityType: 'plan',
        entityId: id,
        summary: `${verbs[action]} plan ‘${after.title}’`,
        before: strip(before),
        after,
      })
      return after
    })
  }

  async function changeAim(actor: Actor, id: string, version: number, action: Change, input?: AimInput) {
    assertCan(actor, 'directory.edit')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const before = await loadAim(trx, actor, id)
      const plan = await load(trx, actor, before.plan_id)
      if (action === 'update' && before.archived_at) throw new ConflictError(`Aim ${before.number}`)
      if (action !== 'update') assertArchiveChange(action, before.archived_at, `Aim ${before.number}`)
      // Restoring an aim whose number another has taken since would break the plan's numbering.
      if (action === 'restore' && (await repo.aimNumbered(trx, actor.partnershipId, before.plan_id, before.number))) {
        throw new ConflictError(`Aim ${before.number} of ‘${plan.title}’ (another aim now has its number: renumber one of them first)`)
      }
      if (input) await assertNumberFree(trx, actor, before.plan_id, input.number, id)
      const changes = input ? repo.aimValues(input) : { archived_at: action === 'archive' ? new Date() : null }
      const after = await repo.updateAim(trx, actor.partnershipId, id, version, changes).catch(numberTaken(input?.number ?? before.number))
      if (!after) throw new ConflictError(`Aim ${before.number}`)
      await recordAudit(trx, actor, {
        action,
        entityType: 'plan-aim',
        entityId: id,
        summary: `${verbs[action]} aim ${after.number} ‘${after.title}’ of plan ‘${plan.title}’`,
        before,
        after,
      })
      return after
    })
  }

  /** Plans with the progress summary of their current objectives: one query however many plans. */
  async function withSummaries(trx: Trx, actor: Actor, plans: PlanRow[], today: string) {
    const rows = (
      await objectivesOfPlans(
        trx,
        actor.partnershipId,
        plans.map((p) => p.id),
      )
    ).filter((o) => !o.archived_at && !o.aimArchivedAt)
    // The summary needs no outcome links, so none are loaded.
    const presented = presentObjectives(rows, [], new Map(), today)
    return plans.map((plan) => ({
      plan,
      summary: summarise(
        presented.filter((o) => o.planId === plan.id).map((o) => o.progress),
        today,
      ),
    }))
  }

  return {
    /** Every plan with its progress summary; archived plans apart. */
    async list(actor: Actor, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const plans = await repo.listPlans(trx, actor.partnershipId)
        const summarised = await withSummaries(
          trx,
          actor,
          plans.filter((p) => !p.archived_at),
          today,
        )
        return { plans: summarised, archived: plans.filter((p) => p.archived_at) }
      })
    },

    /** A strategy's current plans with their progress summaries. */
    async ofStrategy(actor: Actor, strategyId: string, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const plans = (await repo.listPlans(trx, actor.partnershipId, { strategyId })).filter((p) => !p.archived_at)
        return withSummaries(trx, actor, plans, today)
      })
    },

    /**
     * The plan page: its aims in number order, each with its current
     * objectives and their progress summary, the plan's summary, what needs
     * attention, and what has been archived. A fixed number of queries.
     */
    async page(actor: Actor, id: string, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const plan = await load(trx, actor, id)
        const aims = await repo.aimsOfPlan(trx, actor.partnershipId, id)
        const objectives = await objectiveViews(trx, actor.partnershipId, await objectivesOfPlans(trx, actor.partnershipId, [id]), today)
        const current = objectives.filter((o) => !o.archived_at && !o.aimArchivedAt)
        const shownAims = aims
          .filter((a) => !a.archived_at)
          .map((aim) => {
            const own = current.filter((o) => o.aim_id === aim.id)
            return {
              aim,
              objectives: own,
              summary: summarise(
                own.map((o) => o.progress),
                today,
              ),
            }
          })
        return {
          plan,
          aims: shownAims,
          summary: summarise(
            current.map((o) => o.progress),
            today,
          ),
          attention: needingAttention(current),
          archivedAims: aims.filter((a) => a.archived_at),
          archivedObjectives: objectives.filter((o) => o.archived_at && !o.aimArchivedAt),
        }
      })
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    },

    /** The choices a plan's form offers. */
    async options(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => ({
        strategies: await strategyOptions(trx, actor.partnershipId),
        bodies: await bodyOptions(trx, actor.partnershipId),
      }))
    },

    async create(actor: Actor, input: PlanInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        await assertChoices(trx, actor, input)
        const created = await repo.insertPlan(trx, actor.partnershipId, input)
        await recordAudit(trx, actor, { action: 'create', entityType: 'plan', entityId: created.id, summary: `Added plan ‘${created.title}’`, after: created })
        return created
      })
    },

    update: (actor: Actor, id: string, version: number, input: PlanInput) => changePlan(actor, id, version, 'update', input),
    archive: (actor: Actor, id: string, version: number) => changePlan(actor, id, version, 'archive'),
    restore: (actor: Actor, id: string, version: number) => changePlan(actor, id, version, 'restore'),

    /** An aim with its plan. */
    async getAim(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const aim = await loadAim(trx, actor, id)
        return { aim, plan: await load(trx, actor, aim.plan_id) }
      })
    },

    async addAim(actor: Actor, planId: string, input: AimInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const plan = await load(trx, actor, planId)
        if (plan.archived_at) throw new ConflictError(`‘${plan.title}’`)
        await assertNumberFree(trx, actor, planId, input.number)
        const created = await repo.insertAim(trx, actor.partnershipId, planId, input).catch(numberTaken(input.number))
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'plan-aim',
          entityId: created.id,
          summary: `Added aim ${created.number} ‘${created.title}’ to plan ‘${plan.title}’`,
          after: created,
        })
        return created
      })
    },

    /** The number the next aim would take: one more than the highest current one. */
    async nextAimNumber(actor: Actor, planId: string) {
      assertCan(actor, 'partnership.read')
      const aims = await inPartnership(db, actor.partnershipId, (trx) => repo.aimsOfPlan(trx, actor.partnershipId, planId))
      return Math.max(0, ...aims.filter((a) => !a.archived_at).map((a) => a.number)) + 1
    },

    updateAim: (actor: Actor, id: string, version: number, input: AimInput) => changeAim(actor, id, version, 'update', input),
    archiveAim: (actor: Actor, id: string, version: number) => changeAim(actor, id, version, 'archive'),
    restoreAim: (actor: Actor, id: string, version: number) => changeAim(actor, id, version, 'restore'),
  }
}

export type PlanService = ReturnType<typeof planService>
