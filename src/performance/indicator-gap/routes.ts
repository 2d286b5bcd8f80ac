import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { idParam } from '../../platform/http/params.ts'
import { can } from '../../platform/auth/model.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { tidyRows, type IndicatorChartService } from '../indicator-charts/index.ts'
import { sendTable, type DownloadTable, type TableFormat } from '../../platform/files/table-download.ts'
import { perText } from '../indicators/index.ts'
import { GAP_PERIODS, gapView, type GapView } from './view.ts'

/** The page's GET filters: the period shown (its start date) and the one breakdown a download is of. */
const gapFilters = z.object({
  period: z.iso.date().optional().catch(undefined),
  breakdown: z.string().max(200).optional().catch(undefined),
})

/** One breakdown's sections, or all of them; a breakdown the indicator does not have is not found. */
function chosen(view: GapView, breakdown: string | undefined) {
  const sections = view.sections.filter((s) => !breakdown || s.title === breakdown)
  if (breakdown && !sections.length) throw new NotFoundError('That breakdown')
  return sections
}

const tables: Record<string, (view: GapView, name: string, breakdown?: string) => DownloadTable> = {
  values: (view, name, breakdown) => {
    const sections = chosen(view, breakdown)
    const columns =
      sections.find((s) => s.values)?.values?.table.columns ??
      ['Period', 'Group', 'Value', 'Lower 95% limit', 'Upper 95% limit', 'Compared'].map((header) => ({ header }))
    return {
      name: `${name} - values by ${breakdown ?? 'breakdown'} ${view.period ?? ''}`.trim(),
      columns: [{ header: 'Breakdown', width: 30 }, ...columns],
      rows: sections.flatMap((s) => (s.values?.table.rows ?? []).map((row) => [s.title, ...row])),
    }
  },
  gaps: (view, name, breakdown) => {
    const sections = chosen(view, breakdown)
    return {
      name: `${name} - gap by ${breakdown ?? 'breakdown'}`,
      columns: sections[0]?.gapTable.columns ?? ['Breakdown', 'Period', 'Best', 'Worst', 'Gap'].map((header) => ({ header })),
      rows: sections.flatMap((s) => s.gapTable.rows),
    }
  },
}

export function indicatorGapRoutes(app: FastifyInstance, charts: IndicatorChartService): void {
  app.get('/indicators/:id/gap', async (request, reply) => {
    const actor = actorOf(request)
    const { period } = gapFilters.parse(request.query ?? {})
    const figures = await charts.figures(actor, idParam(request), { breakdownPeriods: GAP_PERIODS })
    const { indicator } = figures
    return renderPage(request, reply, 'indicator-gap/views/gap.njk', {
      title: `Narrowing the gap: ${indicator.title}`,
      indicator,
      area: figures.area,
      per: perText(indicator.value_type, indicator.multiplier),
      view: gapView(figures, period),
      periodQuery: period ? `period=${period}` : '',
      canEdit: can(actor.role, 'directory.edit'),
    })
  })

  for (const [table, build] of Object.entries(tables)) {
    for (const format of ['csv', 'xlsx'] as const satisfies TableFormat[]) {
      app.get(`/indicators/:id/gap/${table}.${format}`, async (request, reply) => {
        const { period, breakdown } = gapFilters.parse(request.query ?? {})
        const figures = await charts.figures(actorOf(request), idParam(request), { breakdownPeriods: GAP_PERIODS })
        const table = build(gapView(figures, period), figures.indicator.title, breakdown)
        return sendTable(reply, { ...table, rows: tidyRows(table.rows) }, format)
      })
    }
  }
}
