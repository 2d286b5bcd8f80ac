import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { currentOutcomes, outcomeTitles } from '../../strategy/framework/index.ts'
import { bodyOptions, peopleOptions } from '../../directory/lookups.ts'
import * as repo from './repository.ts'
import type { IndicatorRow } from './repository.ts'
import type { IndicatorFilters, IndicatorInput } from './schema.ts'

export interface LinkedOutcome {
  id: string
  title: string
  /** False when the framework in force no longer has the outcome: the link is kept, and said to be old. */
  current: boolean
}

const strip = ({ targetLeadLabel: _l, owningBodyName: _b, ...indicator }: IndicatorRow) => indicator

export function indicatorService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string): Promise<IndicatorRow> {
    const indicator = await repo.findIndicator(trx, actor.partnershipId, id)
    if (!indicator) throw new NotFoundError('The indicator')
    return indicator
  }

  /** Every named choice must be one of the partnership's own, current unless the indicator already had it. */
  async function assertChoices(trx: Trx, actor: Actor, input: IndicatorInput, keep?: IndicatorRow): Promise<void> {
    const pid = actor.partnershipId
    const problems: Record<string, string> = {}
    if (input.targetLeadId && input.targetLeadId !== keep?.target_lead_id) {
      if (!(await peopleOptions(trx, pid)).some((p) => p.id === input.targetLeadId)) problems.targetLeadId = 'Select the target lead from the list'
    }
    if (input.owningBodyId && input.owningBodyId !== keep?.owning_body_id) {
      if (!(await bodyOptions(trx, pid)).some((b) => b.id === input.owningBodyId)) problems.owningBodyId = 'Select the owning body from the list'
    }
    if ((await repo.knownOutcomes(trx, pid, input.outcomeIds)).length !== input.outcomeIds.length) problems.outcomeIds = 'Select outcomes from the list'
    const sameTitle = await repo.findByTitle(trx, pid, input.title)
    if (sameTitle && sameTitle.id !== keep?.id) problems.title = `An indicator called ‘${sameTitle.title}’ already exists`
    if (input.fingertipsId) {
      const sameSource = await repo.findByFingertipsId(trx, pid, input.fingertipsId)
      if (sameSource && sameSource.id !== keep?.id) problems.fingertipsId = `‘${sameSource.title}’ already has Fingertips indicator ID ${input.fingertipsId}`
    }
    if (Object.keys(problems).length) throw new ValidationError(problems)
  }

  async function linkedOutcomes(trx: Trx, actor: Actor, indicatorIds: readonly string[]): Promise<Map<string, LinkedOutcome[]>> {
    const links = await repo.outcomeLinks(trx, actor.partnershipId, indicatorIds)
    const current = new Set((await currentOutcomes(trx, actor.partnershipId)).map((o) => o.id))
    const titles = await outcomeTitles(trx, actor.partnershipId, [...new Set(links.map((l) => l.outcome_id))])
    const byIndicator = new Map<string, LinkedOutcome[]>()
    for (const link of links) {
      const list = byIndicator.get(link.indicator_id) ?? []
      list.push({ id: link.outcome_id, title: titles.get(link.outcome_id) ?? 'An outcome', current: current.has(link.outcome_id) })
      byIndicator.set(link.indicator_id, list)
    }
    return byIndicator
  }

  return {
    async list(actor: Actor, filters: IndicatorFilters) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicators = await repo.listIndicators(trx, actor.partnershipId, filters)
        const outcomes = await linkedOutcomes(
          trx,
          actor,
          indicators.map((i) => i.id),
        )
        return indicators.map((indicator) => ({ ...indicator, outcomes: outcomes.get(indicator.id) ?? [] }))
      })
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await load(trx, actor, id)
        const outcomes = await linkedOutcomes(trx, actor, [id])
        return { ...indicator, outcomes: outcomes.get(id) ?? [] }
      })
    },

    /** What the form offers: current people and bodies, and the outcomes of the framework in force plus any old ones the indicator keeps. */
    async choices(actor: Actor, keepOutcomes: readonly LinkedOutcome[] = []) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const outcomes: LinkedOutcome[] = (await currentOutcomes(trx, actor.partnershipId)).map((o) => ({ id: o.id, title: o.title, current: true }))
        for (const kept of keepOutcomes) if (!outcomes.some((o) => o.id === kept.id)) outcomes.push(kept)
        return {
          people: await peopleOptions(trx, actor.partnershipId),
          bodies: await bodyOptions(trx, actor.partnershipId),
          outcomes,
        }
      })
    },

    async create(actor: Actor, input: IndicatorInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        await assertChoices(trx, actor, input)
        const created = await repo.insertIndicator(trx, actor.partnershipId, input)
        await repo.replaceOutcomes(trx, actor.partnershipId, created.id, input.outcomeIds)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'indicator',
          entityId: created.id,
          summary: `Added the indicator ‘${created.title}’`,
          after: { ...created, outcomeIds: input.outcomeIds },
        })
        return created
      })
    },

    async update(actor: Actor, id: string, version: number, input: IndicatorInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        if (before.archived_at)
          throw new ConflictError(
            `‘${before.title}’`,
            `‘${before.title}’ has been archived, so your changes have not been saved. Restore it first if it is still measured.`,
          )
        await assertChoices(trx, actor, input, before)
        const outcomesBefore = (await repo.outcomeLinks(trx, actor.partnershipId, [id])).map((l) => l.outcome_id).sort()
        const after = await repo.updateIndicator(trx, actor.partnershipId, id, version, input)
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await repo.replaceOutcomes(trx, actor.partnershipId, id, input.outcomeIds)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'indicator',
          entityId: id,
          summary: `Changed the indicator ‘${after.title}’`,
          before: { ...strip(before), outcomeIds: outcomesBefore },
          after: { ...after, outcomeIds: [...input.outcomeIds].sort() },
        })
        return after
      })
    },

    async setArchived(actor: Actor, id: string, version: number, action: 'archive' | 'restore') {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        assertArchiveChange(action, before.archived_at, `‘${before.title}’`)
        const after = await repo.setArchived(trx, actor.partnershipId, id, version, action === 'archive')
        if (!after) throw new ConflictError(`‘${before.title}’`)
        const verb = action === 'archive' ? 'Archived' : 'Restored'
        await recordAudit(trx, actor, {
          action,
          entityType: 'indicator',
          entityId: id,
          summary: `${verb} the indicator ‘${after.title}’`,
          before: strip(before),
          after,
        })
        return after
      })
    },
  }
}

export type IndicatorService = ReturnType<typeof indicatorService>
