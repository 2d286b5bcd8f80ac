import type { DemoModule } from '../context.ts'
import { reportCardForm, commentaryForm } from '../../src/performance/report-cards/schema.ts'
import { insertCard, insertCommentary, linkObjectives } from '../../src/performance/report-cards/repository.ts'
import { demoReportCards } from '../data/report-cards.ts'

/**
 * Report cards for three KPIs: the story behind the curve, partners, what
 * works, the delivery-plan objectives that act on it (from both the 2007
 * delivery plan and the 2019–2022 action plan) and the target lead's dated
 * commentary. Every form goes through its schema, as a person's would.
 */
export const performanceReportCards: DemoModule = {
  name: 'report cards',
  async seed({ trx, partnershipId, refs, audit }) {
    const actionPlan = refs.get('plan', 'strategy-2019-2022')
    const actionPlanObjectives = await trx
      .selectFrom('plan_objectives as o')
      .innerJoin('plan_aims as a', 'a.id', 'o.aim_id')
      .select(['o.id', 'o.title'])
      .where('a.plan_id', '=', actionPlan)
      .where('o.partnership_id', '=', partnershipId)
      .execute()
    for (const card of demoReportCards) {
      const indicatorId = refs.get('indicator', card.indicator)
      const saved = await insertCard(trx, partnershipId, indicatorId, reportCardForm.parse(card))
      if (!saved) throw new Error(`Demo report card of ${card.indicator} written twice`)
      await audit({
        action: 'create',
        entityType: 'report-card',
        entityId: indicatorId,
        summary: `Wrote the report card of indicator ‘${card.indicator}’`,
        after: saved,
      })

      const objectiveIds = [
        ...card.deliveryPlanObjectives.map((ref) => refs.get('objective', ref)),
        ...card.actionPlanObjectives.map((title) => {
          const found = actionPlanObjectives.find((o) => o.title === title)
          if (!found) throw new Error(`Demo report card of ${card.indicator} links an action-plan objective that does not exist: ${title}`)
          return found.id
        }),
      ]
      await linkObjectives(trx, partnershipId, indicatorId, objectiveIds)
      await audit({
        action: 'create',
        entityType: 'report-card',
        entityId: indicatorId,
        summary: `Linked ${objectiveIds.length} delivery-plan objectives to the report card`,
        after: { indicatorId, objectiveIds },
      })

      for (const entry of card.commentary) {
        const written = await insertCommentary(trx, partnershipId, indicatorId, commentaryForm.parse(entry), card.author)
        await audit({
          action: 'create',
          entityType: 'indicator-commentary',
          entityId: written.id,
          summary: 'Added commentary to a report card',
          after: written,
        })
      }
    }
  },
}
