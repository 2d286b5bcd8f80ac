import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { type TermsOfReferenceService, reviewStatusLabels } from '../terms-of-reference/index.ts'

/**
 * The governance overview: what needs attention across the partnership's bodies.
 * Each panel is one partial in views/panels/, fed by its own feature's service,
 * so another capability adds a panel without touching the others.
 */
export function governanceOverviewRoutes(app: FastifyInstance, terms: TermsOfReferenceService): void {
  app.get('/governance', async (request, reply) => {
    const actor = actorOf(request)
    const termsOfReference = await terms.needingAttention(actor)
    return renderPage(request, reply, 'governance-overview/views/overview.njk', {
      title: 'Governance: needs attention',
      termsOfReference,
      reviewStatusLabels,
    })
  })
}
