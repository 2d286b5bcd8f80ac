import type { DemoModule } from '../context.ts'
import { strategyForm } from '../../src/strategy/strategies/schema.ts'
import { insertStrategy } from '../../src/strategy/strategies/repository.ts'
import { aimForm, planForm } from '../../src/strategy/plans/schema.ts'
import { insertAim, insertPlan } from '../../src/strategy/plans/repository.ts'
import { objectiveForm, objectiveValues, progressUpdateForm } from '../../src/strategy/objectives/schema.ts'
import { insertObjective, insertUpdate, setOutcomes } from '../../src/strategy/objectives/repository.ts'
import { demoActorLabel } from '../context.ts'
import { demoActionPlan, demoStrategy } from '../data/strategies.ts'

/**
 * The Children and Young People Strategy 2019–2022 (seed 000 §4) and its
 * action plan, built only from what seed 000 says will happen. Every form goes
 * through its schema, so the demo's timescales are read exactly as a person's
 * typing is. Refs: 'strategy:2019-2022', 'plan:strategy-2019-2022'.
 */
export const strategyPlans: DemoModule = {
  name: 'the 2019–2022 strategy and its action plan',
  async seed({ trx, partnershipId, refs, audit }) {
    const body = (key: string | null) => (key ? refs.get('body', key) : '')
    const strategy = await insertStrategy(trx, partnershipId, strategyForm.parse({ ...demoStrategy, ownerBodyId: body(demoStrategy.ownerBody) }))
    refs.set('strategy', '2019-2022', strategy.id)
    await audit({ action: 'create', entityType: 'strategy', entityId: strategy.id, summary: `Added strategy ‘${strategy.title}’`, after: strategy })

    const plan = await insertPlan(
      trx,
      partnershipId,
      planForm.parse({ title: demoActionPlan.title, summary: demoActionPlan.summary, strategyId: strategy.id, leadBodyId: body(demoActionPlan.leadBody) }),
    )
    refs.set('plan', 'strategy-2019-2022', plan.id)
    await audit({ action: 'create', entityType: 'plan', entityId: plan.id, summary: `Added plan ‘${plan.title}’`, after: plan })

    for (const demoAim of demoActionPlan.aims) {
      const aim = await insertAim(
        trx,
        partnershipId,
        plan.id,
        aimForm.parse({ number: String(demoAim.number), title: demoAim.title, expectedOutcome: demoAim.expectedOutcome }),
      )
      await audit({
        action: 'create',
        entityType: 'plan-aim',
        entityId: aim.id,
        summary: `Added aim ${aim.number} ‘${aim.title}’ to plan ‘${plan.title}’`,
        after: aim,
      })
      for (const [i, o] of demoAim.objectives.entries()) {
        const input = objectiveForm.parse({
          title: o.title,
          timescale: o.timescale,
          ownerId: o.owner ? refs.get('person', o.owner) : '',
          leadBodyId: body(o.leadBody),
          expectedOutcome: o.expectedOutcome ?? '',
          outcomeIds: o.outcomes.map((key) => refs.get('outcome', key)),
        })
        const objective = await insertObjective(trx, partnershipId, aim.id, i + 1, objectiveValues(input))
        await setOutcomes(trx, partnershipId, objective.id, input.outcomeIds)
        await audit({
          action: 'create',
          entityType: 'plan-objective',
          entityId: objective.id,
          summary: `Added objective ‘${objective.title}’ to aim ${aim.number} of plan ‘${plan.title}’`,
          after: { ...objective, outcomeIds: input.outcomeIds },
        })
        if (!o.progress) continue
        const progress = progressUpdateForm.parse({
          reportedOn: o.progress.reportedOn,
          status: o.progress.status,
          rag: o.progress.rag ?? '',
          commentary: o.progress.commentary,
        })
        const update = await insertUpdate(trx, partnershipId, objective.id, { ...progress, authorLabel: demoActorLabel })
        await audit({
          action: 'create',
          entityType: 'objective-update',
          entityId: update.id,
          summary: `Recorded progress on objective ‘${objective.title}’`,
          after: update,
        })
      }
    }
  },
}
