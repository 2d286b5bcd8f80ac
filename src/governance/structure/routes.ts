import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { formatUkDate, londonToday } from '../../platform/dates/index.ts'
import { type BodyService, bodyFilters, bodyKindLabels, bodyKinds } from '../bodies/index.ts'
import { layoutStructure } from './layout.ts'
import { structureSvg } from './svg.ts'
import { accountabilityTree } from './tree.ts'

const kindItems = bodyKinds.map((value) => ({ value, text: bodyKindLabels[value] }))

/** The structure chart: the bodies as they stood on a date, by accountability, as a picture and as a nested list. */
export function structureRoutes(app: FastifyInstance, bodies: BodyService): void {
  app.get('/structure', async (request, reply) => {
    const actor = actorOf(request)
    const { on: chosen, kind } = bodyFilters.parse(request.query ?? {})
    const on = chosen ?? londonToday()
    const shown = await bodies.structure(actor, on, kind)
    const layout = await layoutStructure(shown)
    const what = kind ? `${bodyKindLabels[kind].toLowerCase()} bodies` : 'partnership structure'
    const title = `The ${what} on ${formatUkDate(on)}`
    const svg = structureSvg(layout, {
      title,
      description: `${shown.length} ${shown.length === 1 ? 'body' : 'bodies'}, each drawn below the body it is accountable to and joined to it by a line. Each box links to the body. The same structure follows as a list.`,
      href: (id) => `/bodies/${id}`,
    })
    return renderPage(request, reply, 'structure/views/chart.njk', {
      title: 'Structure chart',
      chartTitle: title,
      svg,
      tree: accountabilityTree(shown),
      count: shown.length,
      filters: { on, kind },
      chosen: Boolean(chosen || kind),
      kindItems,
      bodyKindLabels,
    })
  })
}
