import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { idParam } from '../../platform/http/params.ts'
import { objectiveStatusLabels, ragLabels } from '../objectives/index.ts'
import { workstreamKindLabels } from '../workstreams/index.ts'
import type { GoldenThreadService } from './service.ts'

const labels = { objectiveStatusLabels, ragLabels, workstreamKindLabels }

export function goldenThreadRoutes(app: FastifyInstance, thread: GoldenThreadService): void {
  app.get('/golden-thread', async (request, reply) => {
    const page = await thread.overview(actorOf(request))
    return renderPage(request, reply, 'golden-thread/views/overview.njk', { title: 'The golden thread', ...page, ...labels })
  })

  app.get('/outcomes/:id', async (request, reply) => {
    const page = await thread.outcome(actorOf(request), idParam(request))
    return renderPage(request, reply, 'golden-thread/views/outcome.njk', { title: page.outcome.title, ...page, ...labels })
  })
}
