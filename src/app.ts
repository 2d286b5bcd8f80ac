import Fastify, { LogController, type FastifyInstance } from 'fastify'
import fastifyView from '@fastify/view'
import nunjucks from 'nunjucks'
import type { Config } from './config.ts'
import type { Db } from './platform/db/database.ts'
import { addFilters, nunjucksOptions, templatePaths } from './platform/views/nunjucks.ts'
import { setUpSecurity } from './platform/http/security.ts'
import { setUpSessions } from './platform/http/sessions.ts'
import { setUpAssets } from './platform/http/assets.ts'
import { setUpErrorPages } from './platform/http/error-pages.ts'
import { healthRoute } from './platform/http/health.ts'
import { setUpTimeBudget } from './platform/http/time-budget.ts'
import { sql } from 'kysely'
import { recordRoutes } from './platform/http/route-list.ts'
import { organisationService } from './features/organisations/service.ts'
import { peopleService } from './features/people/service.ts'
import { organisationRoutes } from './features/organisations/routes.ts'
import { peopleRoutes } from './features/people/routes.ts'
import { accountRoutes } from './features/account/routes.ts'
import { siteRoutes } from './features/site/routes.ts'
import { homeRoutes } from './features/home/routes.ts'
import { userAdminRoutes } from './features/users/routes.ts'
import { userService } from './features/users/service.ts'
import { operatorRoutes } from './features/partnerships/routes.ts'
import { auditRoutes } from './features/audit/routes.ts'
import { auditService } from './features/audit/service.ts'
import { bodyService } from './features/bodies/service.ts'
import { bodyRoutes } from './features/bodies/routes.ts'
import { memberRoutes } from './features/bodies/member-routes.ts'
import { structureRoutes } from './features/structure/routes.ts'
import { meetingRoutes } from './features/meetings/routes.ts'
import { meetingService } from './features/meetings/service.ts'
import { actionRoutes } from './features/actions/routes.ts'
import { actionService } from './features/actions/service.ts'
import { myWorkRoutes } from './features/my-work/routes.ts'
import { setUpUploads } from './platform/files/uploads.ts'
import { fileRoutes } from './platform/files/routes.ts'
import { fileService } from './platform/files/service.ts'
import { termsOfReferenceRoutes } from './features/terms-of-reference/routes.ts'
import { termsOfReferenceService } from './features/terms-of-reference/service.ts'
import { governanceOverviewRoutes } from './features/governance-overview/routes.ts'
import { forwardPlanRoutes } from './features/forward-plan/routes.ts'
import { forwardPlanService } from './features/forward-plan/service.ts'
import { indicatorRoutes } from './features/indicators/routes.ts'
import { indicatorService } from './features/indicators/service.ts'
import { comparatorGroupRoutes } from './features/comparator-groups/routes.ts'
import { comparatorGroupService } from './features/comparator-groups/service.ts'
import { indicatorValueRoutes } from './features/indicator-values/routes.ts'
import { indicatorValueService } from './features/indicator-values/service.ts'
import { strategyRoutes } from './features/strategies/routes.ts'
import { strategyService } from './features/strategies/service.ts'
import { planRoutes } from './features/plans/routes.ts'
import { aimRoutes } from './features/plans/aim-routes.ts'
import { planService } from './features/plans/service.ts'
import { objectiveRoutes } from './features/objectives/routes.ts'
import { objectiveService } from './features/objectives/service.ts'
import { frameworkRoutes } from './features/framework/routes.ts'
import { frameworkService } from './features/framework/service.ts'
import { externalFrameworkRoutes } from './features/external-frameworks/routes.ts'
import { externalFrameworkService } from './features/external-frameworks/service.ts'
import { prioritySetProposalRoutes } from './features/external-frameworks/proposal-routes.ts'
import { prioritySetProposalService } from './features/external-frameworks/proposal-service.ts'
import { alignmentRoutes } from './features/alignment/routes.ts'
import { alignmentService } from './features/alignment/service.ts'
import { workstreamRoutes } from './features/workstreams/routes.ts'
import { workstreamService } from './features/workstreams/service.ts'
import { goldenThreadRoutes } from './features/golden-thread/routes.ts'
import { goldenThreadService } from './features/golden-thread/service.ts'
import { planTransferRoutes } from './features/plan-transfer/routes.ts'
import { planTransferService } from './features/plan-transfer/service.ts'
import { valueTransferRoutes } from './features/value-transfer/routes.ts'
import { valueTransferService } from './features/value-transfer/service.ts'
import { partnershipSettingsRoutes } from './features/partnership-settings/routes.ts'
import { partnershipSettingsService } from './features/partnership-settings/service.ts'
// -- imports: value transfer (helper A)
import { targetRoutes } from './features/targets/routes.ts'
import { targetService } from './features/targets/service.ts'
import { scorecardRoutes } from './features/scorecards/routes.ts'
import { scorecardService } from './features/scorecards/service.ts'
// -- imports: targets and scorecards (helper B)
import { indicatorChartRoutes } from './features/indicator-charts/routes.ts'
import { indicatorChartService } from './features/indicator-charts/service.ts'
import { indicatorGapRoutes } from './features/indicator-gap/routes.ts'
// -- imports: indicator charts and gap (helper C)
import { reportCardRoutes } from './features/report-cards/routes.ts'
import { reportCardService } from './features/report-cards/service.ts'
import { dataRequestRoutes } from './features/data-requests/routes.ts'
import { dataRequestService } from './features/data-requests/service.ts'
import { localityRoutes } from './features/localities/routes.ts'
import { localityService } from './features/localities/service.ts'
// -- imports: report cards, data requests, localities (helper D)

export interface Services {
  db: Db
  /** Whether the database answers, for /health (DatabaseHandle.ping); without it, a query on db. */
  ping?: () => Promise<void>
}

/** The composition root: platform concerns first, then each feature's routes. */
export async function createApp(config: Config, { db, ping }: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.body.password'] },
    trustProxy: config.trustProxy,
    // One line per request only when debugging; errors are always logged.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    // A client gets this long to send its whole request (a 20 MB upload on a slow line included), so a
    // trickled request cannot hold a connection open forever; the page's own budget is setUpTimeBudget's.
    requestTimeout: 300_000,
  })

  // Before everything else, so the health check reads no session and waits for nothing a page waits for.
  healthRoute(app, ping ?? (async () => void (await sql`SELECT 1`.execute(db))))
  setUpTimeBudget(app, config.requestTimeoutMs)
  recordRoutes(app)

  await setUpSecurity(app, { secureCookies: config.trustProxy })
  await setUpUploads(app)
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: templatePaths,
    viewExt: 'njk',
    options: { ...nunjucksOptions, onConfigure: addFilters },
  })
  await setUpAssets(app)
  setUpSessions(app, db)
  setUpErrorPages(app)

  const organisations = organisationService(db)
  const people = peopleService(db)

  homeRoutes(app, db, organisations, people)
  await accountRoutes(app, db, config)
  siteRoutes(app, db, config)
  organisationRoutes(app, organisations, people)
  peopleRoutes(app, people, organisations)
  userAdminRoutes(app, userService(db))
  operatorRoutes(app, db)
  auditRoutes(app, auditService(db))
  partnershipSettingsRoutes(app, partnershipSettingsService(db))
  const bodies = bodyService(db)
  const actions = actionService(db)
  const termsOfReference = termsOfReferenceService(db, bodies)
  const objectives = objectiveService(db)
  const workstreams = workstreamService(db)
  bodyRoutes(app, bodies, actions, { workstreams, objectives })
  memberRoutes(app, bodies, people, organisations)
  structureRoutes(app, bodies)
  meetingRoutes(app, meetingService(db))
  actionRoutes(app, actions)
  myWorkRoutes(app, db, actions)
  fileRoutes(app, fileService(db))
  termsOfReferenceRoutes(app, termsOfReference)
  governanceOverviewRoutes(app, termsOfReference)
  forwardPlanRoutes(app, forwardPlanService(db))
  const externalFrameworks = externalFrameworkService(db)
  frameworkRoutes(app, frameworkService(db))
  const prioritySetProposals = prioritySetProposalService(db)
  externalFrameworkRoutes(app, externalFrameworks, prioritySetProposals)
  prioritySetProposalRoutes(app, prioritySetProposals)
  alignmentRoutes(app, alignmentService(db, externalFrameworks))
  const plans = planService(db)
  strategyRoutes(app, strategyService(db), plans)
  planRoutes(app, plans)
  aimRoutes(app, plans)
  objectiveRoutes(app, objectives)
  planTransferRoutes(app, planTransferService(db))
  workstreamRoutes(app, workstreams)
  goldenThreadRoutes(app, goldenThreadService(db))
  const indicatorCharts = indicatorChartService(db)
  indicatorRoutes(app, indicatorService(db), indicatorCharts)
  comparatorGroupRoutes(app, comparatorGroupService(db))
  indicatorValueRoutes(app, indicatorValueService(db))
  valueTransferRoutes(app, valueTransferService(db))
  // -- routes: value transfer (helper A)
  targetRoutes(app, targetService(db))
  scorecardRoutes(app, scorecardService(db))
  // -- routes: targets and scorecards (helper B)
  indicatorChartRoutes(app, indicatorCharts)
  indicatorGapRoutes(app, indicatorCharts)
  // -- routes: indicator charts and gap (helper C)
  reportCardRoutes(app, reportCardService(db))
  dataRequestRoutes(app, dataRequestService(db))
  localityRoutes(app, localityService(db))
  // -- routes: report cards, data requests, localities (helper D)

  return app
}
