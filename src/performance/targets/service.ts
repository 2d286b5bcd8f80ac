import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { type IndicatorRow, assertMayChangeIndicator, loadIndicator, mayChangeIndicator } from '../indicators/index.ts'
import { parsePeriod, periodLabel } from '../indicator-values/index.ts'
import { Series, groupsWithAreas, headlineValues, scorecardIndicators, targetsOf } from '../scorecards/index.ts'
import { partnershipArea } from '../../directory/partnership-settings/index.ts'
import * as repo from './repository.ts'
import type { TargetInput } from './schema.ts'

const refusal = 'Only admins, editors and the indicator’s target lead can change its targets'

export function targetService(db: Db) {
  const mayChange = mayChangeIndicator
  const assertMayChange = (trx: Trx, actor: Actor, indicator: IndicatorRow) => assertMayChangeIndicator(trx, actor, indicator, refusal)

  async function loadTarget(trx: Trx, actor: Actor, id: string) {
    const target = await repo.findTarget(trx, actor.partnershipId, id)
    if (!target) throw new NotFoundError('The target')
    return { target, indicator: await loadIndicator(trx, actor, target.indicator_id) }
  }

  /** Every mistake at once: the period read for the indicator, what the kind needs, a group of the partnership's, one target a period. */
  async function checked(trx: Trx, actor: Actor, indicator: IndicatorRow, input: TargetInput, keep?: repo.Target): Promise<string> {
    const problems: Record<string, string> = {}
    const period = parsePeriod(indicator.period_type, input.period)
    if (!period.ok) problems.period = period.message
    if (input.kind === 'value' && input.value == null) problems.value = 'Enter the value to reach'
    if (input.kind !== 'value') {
      const groups = await groupsWithAreas(trx, actor.partnershipId)
      if (!input.groupId) problems.groupId = 'Select the comparator group the target is against'
      else if (!groups.some((g) => g.id === input.groupId) && input.groupId !== keep?.group_id) problems.groupId = 'Select the comparator group from the list'
    }
    if (period.ok) {
      const existing = await repo.findByPeriod(trx, actor.partnershipId, indicator.id, period.startsOn)
      if (existing && existing.id !== keep?.id)
        problems.period = `There is already a target for ${periodLabel(indicator.period_type, period.startsOn)}: change that one instead`
    }
    if (Object.keys(problems).length || !period.ok) throw new ValidationError(problems)
    return period.startsOn
  }

  const describe = (indicator: IndicatorRow, t: repo.Target) =>
    `the target of ‘${indicator.title}’ for ${periodLabel(indicator.period_type, t.period_starts_on)}`

  return {
    /** An indicator's targets, each with the RAG it earned, the comparison and the trend beside it. */
    async overview(actor: Actor, indicatorId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await loadIndicator(trx, actor, indicatorId)
        const [scored] = await scorecardIndicators(trx, actor.partnershipId, indicatorId)
        const area = await partnershipArea(trx, actor.partnershipId)
        const groups = await groupsWithAreas(trx, actor.partnershipId)
        const targets = await targetsOf(trx, actor.partnershipId, indicatorId)
        const canChange = await mayChange(trx, actor, indicator)
        const england = groups.find((g) => g.kind === 'england') ?? null
        if (!area || !scored) return { indicator, scored, area, groups, canChange, england, rows: targets.map((target) => ({ target, assessment: null })) }
        const values = await headlineValues(trx, actor.partnershipId, [...new Set([area.code, ...groups.flatMap((g) => g.areaCodes)])], indicatorId)
        const series = new Series(scored, values, { areaCode: area.code, benchmark: england, groups: new Map(groups.map((g) => [g.id, g])) })
        return {
          indicator,
          scored,
          area,
          groups,
          canChange,
          england,
          breakdown: series.breakdown,
          rows: targets.map((target) => ({ target, assessment: series.assess(target.period_starts_on, targets) })),
        }
      })
    },

    async forChange(actor: Actor, indicatorId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await loadIndicator(trx, actor, indicatorId)
        await assertMayChange(trx, actor, indicator)
        return { indicator, groups: await groupsWithAreas(trx, actor.partnershipId) }
      })
    },

    async targetForChange(actor: Actor, targetId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const { target, indicator } = await loadTarget(trx, actor, targetId)
        await assertMayChange(trx, actor, indicator)
        return {
          target,
          indicator,
          period: periodLabel(indicator.period_type, target.period_starts_on),
          groups: await groupsWithAreas(trx, actor.partnershipId),
        }
      })
    },

    async add(actor: Actor, indicatorId: string, input: TargetInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await loadIndicator(trx, actor, indicatorId)
        await assertMayChange(trx, actor, indicator)
        const startsOn = await checked(trx, actor, indicator, input)
        const created = await repo.insertTarget(trx, actor.partnershipId, indicatorId, input, startsOn)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'target',
          entityId: created.id,
          summary: `Set ${describe(indicator, created)}`,
          after: created,
        })
        return { created, indicator }
      })
    },

    async update(actor: Actor, targetId: string, version: number, input: TargetInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const { target: before, indicator } = await loadTarget(trx, actor, targetId)
        await assertMayChange(trx, actor, indicator)
        const startsOn = await checked(trx, actor, indicator, input, before)
        const after = await repo.updateTarget(trx, actor.partnershipId, targetId, version, input, startsOn)
        if (!after) throw new ConflictError('The target')
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'target',
          entityId: targetId,
          summary: `Changed ${describe(indicator, after)}`,
          before,
          after,
        })
        return { after, indicator }
      })
    },

    /** Takes a target off; the audit trail keeps it. */
    async remove(actor: Actor, targetId: string, version: number) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const { target, indicator } = await loadTarget(trx, actor, targetId)
        await assertMayChange(trx, actor, indicator)
        const removed = await repo.deleteTarget(trx, actor.partnershipId, targetId, version)
        if (!removed) throw new ConflictError('The target')
        await recordAudit(trx, actor, {
          action: 'delete',
          entityType: 'target',
          entityId: targetId,
          summary: `Removed ${describe(indicator, target)}`,
          before: removed,
        })
        return { removed, indicator }
      })
    },
  }
}

export type TargetService = ReturnType<typeof targetService>
