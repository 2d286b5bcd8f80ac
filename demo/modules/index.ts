import type { DemoModule } from '../context.ts'
import { directory } from './directory.ts'
import { governanceBodies } from './governance-bodies.ts'
import { governanceTerms } from './governance-terms.ts'
import { governanceMeetings } from './governance-meetings.ts'
import { governanceForwardPlan } from './governance-forward-plan.ts'
import { strategyFramework } from './strategy-framework.ts'
import { strategyDeliveryPlan } from './strategy-delivery-plan.ts'
import { strategyWorkstreams } from './strategy-workstreams.ts'
import { strategyPlans } from './strategy-plans.ts'
import { performanceIndicators } from './performance-indicators.ts'
import { performanceComparators } from './performance-comparators.ts'
import { performanceValues } from './performance-values.ts'
import { performanceTargets } from './performance-targets.ts'
import { performanceLocalities } from './performance-localities.ts'
import { performanceReportCards } from './performance-report-cards.ts'
import { performanceDataRequests } from './performance-data-requests.ts'
// -- demo imports: helper B (targets), helper D (report cards, data requests)

/**
 * The demo, one module per capability, in the order they run: a module may
 * refer (through refs) to anything an earlier one created. A new capability
 * adds its data in demo/data/ and its module here.
 */
export const demoModules: readonly DemoModule[] = [
  directory,
  governanceBodies,
  governanceTerms,
  governanceMeetings,
  governanceForwardPlan,
  strategyFramework,
  strategyDeliveryPlan,
  strategyWorkstreams,
  strategyPlans,
  performanceIndicators,
  performanceComparators,
  performanceValues,
  performanceTargets,
  performanceLocalities,
  performanceReportCards,
  performanceDataRequests /* -- demo modules: helper B, helper D */,
]
