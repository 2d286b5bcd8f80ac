import Fastify, { LogController, type FastifyInstance } from 'fastify'
import fastifyView from '@fastify/view'
import nunjucks from 'nunjucks'
import type { Config } from './config.ts'
import type { Db } from './platform/db/database.ts'
import { addFilters, nunjucksOptions, templatePaths } from './platform/views/nunjucks.ts'
import { setUpSecurity } from './platform/http/security.ts'
import { setUpSessions } from './platform/http/sessions.ts'
import { setUpPageCache } from './platform/http/page-cache.ts'
import { setUpAssets } from './platform/http/assets.ts'
import { setUpErrorPages } from './platform/http/error-pages.ts'
import { healthRoutes } from './platform/http/health.ts'
import { loggerOptions, requestId, setUpAccessLog } from './platform/http/access-log.ts'
import type { PoolFigures } from './platform/http/metrics.ts'
import { importJobs } from './performance/value-transfer/jobs.ts'
import { JobQueue } from './platform/jobs/queue.ts'
import { setUpTimeBudget } from './platform/http/time-budget.ts'
import { sql } from 'kysely'
import { recordRoutes } from './platform/http/route-list.ts'
import { organisationService } from './directory/organisations/service.ts'
import { peopleService } from './directory/people/service.ts'
import { organisationRoutes } from './directory/organisations/routes.ts'
import { peopleRoutes } from './directory/people/routes.ts'
import { accountRoutes } from './directory/account/routes.ts'
import { invitationRoutes } from './directory/users/invitation-routes.ts'
import { invitationService } from './directory/users/invitation-service.ts'
import { siteRoutes } from './site/site/routes.ts'
import { homeRoutes } from './site/home/routes.ts'
import { userAdminRoutes } from './directory/users/routes.ts'
import { userService } from './directory/users/service.ts'
import { operatorRoutes } from './directory/partnerships/routes.ts'
import { auditRoutes } from './directory/audit/routes.ts'
import { auditService } from './directory/audit/service.ts'
import { bodyService } from './governance/bodies/service.ts'
import { bodyRoutes } from './governance/bodies/routes.ts'
import { memberRoutes } from './governance/bodies/member-routes.ts'
import { structureRoutes } from './governance/structure/routes.ts'
import { meetingRoutes } from './governance/meetings/routes.ts'
import { meetingService } from './governance/meetings/service.ts'
import { actionRoutes } from './governance/actions/routes.ts'
import { actionService } from './governance/actions/service.ts'
import { myWorkRoutes } from './site/my-work/routes.ts'
import { setUpUploads } from './platform/files/uploads.ts'
import { fileRoutes } from './platform/files/routes.ts'
import { fileService } from './platform/files/service.ts'
import { termsOfReferenceRoutes } from './governance/terms-of-reference/routes.ts'
import { termsOfReferenceService } from './governance/terms-of-reference/service.ts'
import { governanceOverviewRoutes } from './governance/governance-overview/routes.ts'
import { forwardPlanRoutes } from './governance/forward-plan/routes.ts'
import { forwardPlanService } from './governance/forward-plan/service.ts'
import { indicatorRoutes } from './performance/indicators/routes.ts'
import { indicatorService } from './performance/indicators/service.ts'
import { comparatorGroupRoutes } from './performance/comparator-groups/routes.ts'
import { comparatorGroupService } from './performance/comparator-groups/service.ts'
import { indicatorValueRoutes } from './performance/indicator-values/routes.ts'
import { indicatorValueService } from './performance/indicator-values/service.ts'
import { strategyRoutes } from './strategy/strategies/routes.ts'
import { strategyService } from './strategy/strategies/service.ts'
import { planRoutes } from './strategy/plans/routes.ts'
import { aimRoutes } from './strategy/plans/aim-routes.ts'
import { planService } from './strategy/plans/service.ts'
import { objectiveRoutes } from './strategy/objectives/routes.ts'
import { objectiveService } from './strategy/objectives/service.ts'
import { frameworkRoutes } from './strategy/framework/routes.ts'
import { frameworkService } from './strategy/framework/service.ts'
import { externalFrameworkRoutes } from './strategy/external-frameworks/routes.ts'
import { externalFrameworkService } from './strategy/external-frameworks/service.ts'
import { prioritySetProposalRoutes } from './strategy/external-frameworks/proposal-routes.ts'
import { prioritySetProposalService } from './strategy/external-frameworks/proposal-service.ts'
import { alignmentRoutes } from './strategy/alignment/routes.ts'
import { alignmentService } from './strategy/alignment/service.ts'
import { workstreamRoutes } from './strategy/workstreams/routes.ts'
import { workstreamService } from './strategy/workstreams/service.ts'
import { goldenThreadRoutes } from './strategy/golden-thread/routes.ts'
import { goldenThreadService } from './strategy/golden-thread/service.ts'
import { planTransferRoutes } from './strategy/plan-transfer/routes.ts'
import { planTransferService } from './strategy/plan-transfer/service.ts'
import { valueTransferRoutes } from './performance/value-transfer/routes.ts'
import { valueTransferService } from './performance/value-transfer/service.ts'
import { partnershipSettingsRoutes } from './directory/partnership-settings/routes.ts'
import { partnershipSettingsService } from './directory/partnership-settings/service.ts'
import { targetRoutes } from './performance/targets/routes.ts'
import { targetService } from './performance/targets/service.ts'
import { scorecardRoutes } from './performance/scorecards/routes.ts'
import { scorecardService } from './performance/scorecards/service.ts'
import { indicatorChartRoutes } from './performance/indicator-charts/routes.ts'
import { indicatorChartService } from './performance/indicator-charts/service.ts'
import { indicatorGapRoutes } from './performance/indicator-gap/routes.ts'
import { reportCardRoutes } from './performance/report-cards/routes.ts'
import { reportCardService } from './performance/report-cards/service.ts'
import { dataRequestRoutes } from './performance/data-requests/routes.ts'
import { dataRequestService } from './performance/data-requests/service.ts'
import { localityRoutes } from './performance/localities/routes.ts'
import { localityService } from './performance/localities/service.ts'

export interface Services {
  db: Db
  /** Whether the database answers, for /health (DatabaseHandle.ping); without it, a query on db. */
  ping?: () => Promise<void>
  /** PostgreSQL's pool, for /metrics (DatabaseHandle.poolFigures). */
  poolFigures?: (() => PoolFigures) | undefined
  /** Where the log goes instead of standard output (tests read it). */
  logStream?: NodeJS.WritableStream
}

/** The composition root: platform concerns first, then each feature's routes. */
export async function createApp(config: Config, { db, ping, poolFigures, logStream }: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, logStream),
    genReqId: requestId,
    trustProxy: config.trustProxy,
    // Fastify's own lines per request carry the client's address and the raw URL: setUpAccessLog writes one without them.
    logController: new LogController({ disableRequestLogging: true }),
    // A client gets this long to send its whole request (a 20 MB upload on a slow line included), so a
    // trickled request cannot hold a connection open forever; the page's own budget is setUpTimeBudget's.
    requestTimeout: 300_000,
  })

  recordRoutes(app)
  setUpAccessLog(app)
  // Before everything else, so the health checks and metrics read no session and wait for nothing a page waits for.
  const databasePing = ping ?? (async () => void (await sql`SELECT 1`.execute(db)))
  healthRoutes(app, { ping: databasePing, db })
  // Background work, in the database (src/platform/jobs): taken up once the app is ready; on close, what is
  // under way gets a grace to end and is then handed back to the queue for another instance, or the next start.
  const jobs = new JobQueue(db, { onFault: (error, job) => app.log.error({ err: error, job: job.id, kind: job.kind }, 'A background job stopped on a fault') })
  const transfer = valueTransferService(db)
  const imports = importJobs(db, jobs, transfer)
  jobs.handle('value-import', (run) => imports.run(run))
  app.addHook('onReady', () => jobs.start())
  app.addHook('onClose', () => jobs.stop())
  // prom-client (a quarter of a second to load) loads only where /metrics is served.
  if (config.metricsToken) {
    const { setUpMetrics } = await import('./platform/http/metrics.ts')
    setUpMetrics(app, { token: config.metricsToken, ping: databasePing, poolFigures, jobFigures: () => imports.figures() })
  }
  setUpTimeBudget(app, config.requestTimeoutMs)

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
  setUpPageCache(app, { maxBytes: config.pageCacheBytes })
  setUpErrorPages(app)

  const organisations = organisationService(db)
  const people = peopleService(db)

  homeRoutes(app, db, organisations, people)
  await accountRoutes(app, db, config)
  await invitationRoutes(app, db, config, invitationService(db))
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
  valueTransferRoutes(app, transfer, imports)
  targetRoutes(app, targetService(db))
  scorecardRoutes(app, scorecardService(db))
  indicatorChartRoutes(app, indicatorCharts)
  indicatorGapRoutes(app, indicatorCharts)
  reportCardRoutes(app, reportCardService(db))
  dataRequestRoutes(app, dataRequestService(db))
  localityRoutes(app, localityService(db))

  return app
}
