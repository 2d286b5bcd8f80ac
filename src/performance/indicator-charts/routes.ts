import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { idParam } from '../../platform/http/params.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { tidyRows } from './model.ts'
import { sendTable, type DownloadTable, type TableFormat } from '../../platform/files/table-download.ts'
import { areasView, breakdownViews } from './comparison-view.ts'
import { trendView } from './trend-view.ts'
import type { IndicatorChartService, IndicatorFigures } from './service.ts'
import { chartFilters } from './charts.ts'

const tables: Record<string, (f: IndicatorFigures, breakdown?: string) => DownloadTable> = {
  trend: (f) => trendView(f).table,
  areas: (f) => areasView(f).table,
  breakdown: (f, breakdown) => {
    const views = breakdownViews(f).filter((v) => !breakdown || v.title === breakdown)
    if (breakdown && !views.length) throw new NotFoundError('That breakdown')
    // No breakdowns yet: the headings alone, so the download is honest rather than missing.
    const columns =
      views[0]?.table.columns ??
      ['Period', 'Group', 'Value', 'Lower 95% limit', 'Upper 95% limit', 'Compared', 'Count', 'Denominator', 'Calculated', 'Illustrative'].map((header) => ({
        header,
      }))
    // One breakdown's table, or every breakdown's rows one after another, each saying which breakdown it belongs to.
    return {
      name: `${f.indicator.title} - ${breakdown ?? 'breakdowns'}`,
      columns: [{ header: 'Breakdown', width: 30 }, ...columns],
      rows: views.flatMap((v) => v.table.rows.map((row) => [v.title, ...row])),
    }
  },
}

export function indicatorChartRoutes(app: FastifyInstance, charts: IndicatorChartService): void {
  // One address a table and format, so each is a plain link that works without JavaScript.
  for (const [table, build] of Object.entries(tables)) {
    for (const format of ['csv', 'xlsx'] as const satisfies TableFormat[]) {
      app.get(`/indicators/:id/charts/${table}.${format}`, async (request, reply) => {
        const { group, breakdown } = chartFilters.parse(request.query ?? {})
        const figures = await charts.figures(actorOf(request), idParam(request), { groupId: group })
        const table = build(figures, breakdown)
        return sendTable(reply, { ...table, rows: tidyRows(table.rows) }, format)
      })
    }
  }
}
