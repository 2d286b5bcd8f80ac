import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { sendTable, type TableFormat } from '../../platform/files/table-download.ts'
import { comparisonGroupLabels, ragLabels } from '../targets/index.ts'
import { rowView, scorecardTable } from './present.ts'
import { scorecardFilters, type ScorecardFilters } from './schema.ts'
import type { Scorecard, ScorecardService } from './service.ts'

/** The heading names what the scorecard is filtered to: the partnership's, an outcome's or a body's. */
function headingOf(card: Scorecard, filters: ScorecardFilters): string {
  const outcome = filters.outcome && card.outcomes.find((o) => o.id === filters.outcome)
  const body = filters.body && card.bodies.find((b) => b.id === filters.body)
  if (outcome && body) return `Scorecard: ${outcome.title}, ${body.name}`
  if (outcome) return `Scorecard: ${outcome.title}`
  if (body) return `Scorecard: ${body.name}`
  return 'Partnership scorecard'
}

/** The filters as a query string, so downloads carry the page's own. */
function queryOf(filters: ScorecardFilters): string {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''))
  const text = params.toString()
  return text ? `?${text}` : ''
}

function pageData(card: Scorecard, filters: ScorecardFilters, isPublic: boolean) {
  const views = card.rows.map((row) => rowView(row, { public: isPublic }))
  return {
    card,
    filters,
    views,
    query: queryOf(filters),
    heading: headingOf(card, filters),
    outcomeItems: [{ value: '', text: 'Every outcome' }, ...card.outcomes.map((o) => ({ value: o.id, text: o.title }))],
    bodyItems: [{ value: '', text: 'Every body' }, ...card.bodies.map((b) => ({ value: b.id, text: b.name }))],
    benchmarkItems: card.groups.map((g) => ({ value: g.id, text: g.name })),
    ragItems: [
      { value: '', text: 'Any' },
      ...(['green', 'amber', 'red'] as const).map((r) => ({ value: r, text: ragLabels[r] })),
      { value: 'none', text: 'No RAG' },
    ],
    comparisonItems: [{ value: '', text: 'Any' }, ...Object.entries(comparisonGroupLabels).map(([value, text]) => ({ value, text }))],
  }
}

export function scorecardRoutes(app: FastifyInstance, scorecards: ScorecardService): void {
  app.get('/scorecard', async (request, reply) => {
    const filters = scorecardFilters.parse(request.query ?? {})
    const card = await scorecards.scorecard(actorOf(request), filters)
    const data = pageData(card, filters, false)
    return renderPage(request, reply, 'scorecards/views/scorecard.njk', { title: data.heading, ...data, downloadPath: '/scorecard' })
  })

  async function download(request: FastifyRequest, reply: FastifyReply, format: TableFormat) {
    const filters = scorecardFilters.parse(request.query ?? {})
    const card = await scorecards.scorecard(actorOf(request), filters)
    const views = card.rows.map((row) => rowView(row, { public: false }))
    return sendTable(reply, scorecardTable(card, views, headingOf(card, filters), { public: false }), format)
  }
  app.get('/scorecard.csv', (request, reply) => download(request, reply, 'csv'))
  app.get('/scorecard.xlsx', (request, reply) => download(request, reply, 'xlsx'))

  // The public scorecard: anyone, no sign-in, small numbers held back.
  app.get('/p/:slug/scorecard', async (request, reply) => {
    const { slug } = request.params as { slug: string }
    const filters = scorecardFilters.parse(request.query ?? {})
    const card = await scorecards.publicScorecard(slug, filters)
    const data = pageData(card, filters, true)
    return renderPage(request, reply, 'scorecards/views/public.njk', {
      title: `${data.heading}: ${card.partnership.name}`,
      ...data,
      partnership: card.partnership,
      downloadPath: `/p/${encodeURIComponent(slug)}/scorecard`,
    })
  })

  async function publicDownload(request: FastifyRequest, reply: FastifyReply, format: TableFormat) {
    const { slug } = request.params as { slug: string }
    const filters = scorecardFilters.parse(request.query ?? {})
    const card = await scorecards.publicScorecard(slug, filters)
    const views = card.rows.map((row) => rowView(row, { public: true }))
    return sendTable(reply, scorecardTable(card, views, `${card.partnership.name} scorecard`, { public: true }), format)
  }
  app.get('/p/:slug/scorecard.csv', (request, reply) => publicDownload(request, reply, 'csv'))
  app.get('/p/:slug/scorecard.xlsx', (request, reply) => publicDownload(request, reply, 'xlsx'))
}
