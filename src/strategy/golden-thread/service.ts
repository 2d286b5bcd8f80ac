import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { londonToday } from '../../platform/dates/index.ts'
import { currentCommitments, currentFramework, currentOutcomes, outcomeTitles } from '../framework/index.ts'
import { isOverdue, progressOf } from '../objectives/index.ts'
import { fromRow, timescaleDueOn, timescaleText } from '../plans/index.ts'
import { outcomeGaps, servedOutcomes, strandOf, undeliveredCommitments, type Thread } from './model.ts'
import * as load from './repository.ts'
import type { ObjectiveStrand } from './repository.ts'

/** Every loader for these outcomes, side by side: a fixed number of queries whatever their number. */
async function threadFor(trx: Trx, partnershipId: string, outcomeIds: string[]): Promise<Thread<ObjectiveStrand>> {
  const commitments = await currentCommitments(trx, partnershipId)
  const [outcomeAlignments, commitmentAlignments, objectives, workstreams, indicators] = await Promise.all([
    load.outcomeAlignments(trx, partnershipId, outcomeIds),
    load.commitmentAlignments(
      trx,
      partnershipId,
      commitments.map((c) => c.id),
    ),
    load.objectivesServing(trx, partnershipId, outcomeIds),
    load.workstreamsServing(trx, partnershipId, outcomeIds),
    load.indicatorsMeasuring(trx, partnershipId, outcomeIds),
  ])
  return { commitments, outcomeAlignments, commitmentAlignments, objectives, workstreams, indicators }
}

/** An objective as the thread shows it: its timescale in words and whether it is overdue today. */
function shown(o: Omit<ObjectiveStrand, 'outcomeId'>, today: string) {
  const timescale = fromRow(o)
  return {
    ...o,
    timescaleText: timescaleText(timescale),
    overdue: isOverdue(progressOf({ latestStatus: o.status, latestRag: o.rag }, timescaleDueOn(timescale)), today),
  }
}

/** Objectives grouped under their plans (already sorted by plan), each plan with its strategy. */
function byPlan<O extends { planId: string; planTitle: string; strategyId: string | null; strategyTitle: string | null }>(objectives: readonly O[]) {
  const plans = new Map<string, { planId: string; planTitle: string; strategyId: string | null; strategyTitle: string | null; objectives: O[] }>()
  for (const o of objectives) {
    const plan = plans.get(o.planId) ?? { planId: o.planId, planTitle: o.planTitle, strategyId: o.strategyId, strategyTitle: o.strategyTitle, objectives: [] }
    plan.objectives.push(o)
    plans.set(o.planId, plan)
  }
  return [...plans.values()]
}

export function goldenThreadService(db: Db) {
  return {
    /**
     * One outcome's golden thread: its wording in the framework in force (or
     * the last wording it had, when the version in force dropped it), what
     * serves it, the bodies behind it and its gaps.
     */
    async outcome(actor: Actor, id: string, now = new Date()) {
      assertCan(actor, 'partnership.read')
      const today = londonToday(now)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        if (!(await load.outcomeExists(trx, actor.partnershipId, id))) throw new NotFoundError('The outcome')
        const [framework, outcomes] = await Promise.all([currentFramework(trx, actor.partnershipId), currentOutcomes(trx, actor.partnershipId)])
        const inForce = outcomes.find((o) => o.id === id)
        const title = inForce?.title ?? (await outcomeTitles(trx, actor.partnershipId, [id])).get(id) ?? 'Untitled outcome'
        const strand = strandOf(id, await threadFor(trx, actor.partnershipId, [id]))
        const objectives = strand.objectives.map((o) => shown(o, today))
        return {
          outcome: { id, title, description: inForce?.description ?? '', position: inForce?.position ?? null, inForce: Boolean(inForce) },
          framework: framework ?? null,
          ...strand,
          plans: byPlan(objectives),
          gaps: outcomeGaps(strand.counts, Boolean(inForce)),
        }
      })
    },

    /** Every outcome of the framework in force with its counts and gaps, and the gaps across the partnership. */
    async overview(actor: Actor, now = new Date()) {
      assertCan(actor, 'partnership.read')
      const today = londonToday(now)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const [framework, outcomes] = await Promise.all([currentFramework(trx, actor.partnershipId), currentOutcomes(trx, actor.partnershipId)])
        const [thread, unlinked] = await Promise.all([
          threadFor(
            trx,
            actor.partnershipId,
            outcomes.map((o) => o.id),
          ),
          load.objectivesWithoutOutcome(trx, actor.partnershipId),
        ])
        const rows = outcomes.map((outcome) => {
          const { counts } = strandOf(outcome.id, thread)
          return { outcome, counts, gaps: outcomeGaps(counts, true) }
        })
        return {
          framework: framework ?? null,
          rows,
          outcomesWithoutObjective: rows.filter((r) => r.counts.objectives === 0).map((r) => r.outcome),
          // A dropped objective is finished with, so its missing outcome is no gap.
          objectivesWithoutOutcome: byPlan(unlinked.filter((o) => o.status !== 'dropped').map((o) => shown(o, today))),
          undeliveredCommitments: undeliveredCommitments(thread.commitments, servedOutcomes(thread.objectives, thread.workstreams)),
        }
      })
    },
  }
}

export type GoldenThreadService = ReturnType<typeof goldenThreadService>
