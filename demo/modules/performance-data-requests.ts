import type { DemoModule } from '../context.ts'
import { requestForm } from '../../src/performance/data-requests/schema.ts'
import { insertRequest, setIndicators, updateRequest } from '../../src/performance/data-requests/repository.ts'
import { statusLabels, transitionProblem, transitionVerb } from '../../src/performance/data-requests/model.ts'
import { formatUkDate } from '../../src/platform/dates/index.ts'
import type { DataRequestStatus } from '../../src/platform/db/performance-tables.ts'
import { demoDataRequests } from '../data/data-requests.ts'

/** The steps from requested to each status, as a person takes them. */
const steps: Record<DataRequestStatus, DataRequestStatus[]> = { requested: [], submitted: ['submitted'], approved: ['submitted', 'approved'] }

/**
 * Data requests to three partners: one approved, one submitted, one still
 * requested after its due date (so shown as late). Each status change is made
 * and audited one step at a time, so each request's history reads as it would.
 */
export const performanceDataRequests: DemoModule = {
  name: 'data requests to partners',
  async seed({ trx, partnershipId, refs, audit }) {
    for (const demo of demoDataRequests) {
      const input = requestForm.parse({
        organisationId: refs.get('organisation', demo.organisation),
        periodLabel: demo.periodLabel,
        dueOn: demo.dueOn,
        indicatorIds: demo.indicators.map((key) => refs.get('indicator', key)),
        notes: demo.notes,
      })
      const organisation = (await trx.selectFrom('organisations').select('name').where('id', '=', input.organisationId).executeTakeFirstOrThrow()).name
      const described = `the data request to ${organisation} for ${demo.periodLabel}`
      let request = await insertRequest(trx, partnershipId, input)
      await setIndicators(trx, partnershipId, request.id, input.indicatorIds)
      await audit({
        action: 'create',
        entityType: 'data-request',
        entityId: request.id,
        summary: `Requested values for ${demo.periodLabel} from ${organisation}, due ${formatUkDate(demo.dueOn)}`,
        after: { ...request, indicatorIds: input.indicatorIds },
      })
      for (const status of steps[demo.status]) {
        const problem = transitionProblem(request.status, status)
        if (problem) throw new Error(`Demo data request: ${problem}`)
        const from = request.status
        request = (await updateRequest(trx, partnershipId, request.id, request.version, { status }))!
        await audit({
          action: 'update',
          entityType: 'data-request',
          entityId: request.id,
          summary: `${transitionVerb(from, status)}: ${described} (${statusLabels[from].toLowerCase()} → ${statusLabels[status].toLowerCase()})`,
          before: { status: from },
          after: { status },
        })
      }
    }
  },
}
