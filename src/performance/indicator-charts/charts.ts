import { z } from 'zod'
import { areasView, breakdownViews } from './comparison-view.ts'
import { trendView } from './trend-view.ts'
import type { IndicatorFigures } from './service.ts'

/** The page's GET filters: a comparator group, and the one breakdown a download is of. Anything unreadable is ignored. */
export const chartFilters = z.object({
  group: z.uuid().optional().catch(undefined),
  breakdown: z.string().max(200).optional().catch(undefined),
})

type Charts = ReturnType<typeof drawCharts>
// Figures are kept between requests until the data changes (service.ts), and so are the charts drawn from them.
const drawn = new WeakMap<IndicatorFigures, Charts>()

/** Everything the overview draws: the trend, the comparator group's areas and each breakdown, with the group choices. */
export function chartsOf(figures: IndicatorFigures): Charts {
  const known = drawn.get(figures)
  if (known) return known
  const charts = drawCharts(figures)
  drawn.set(figures, charts)
  return charts
}

function drawCharts(figures: IndicatorFigures) {
  return {
    trend: trendView(figures),
    areas: areasView(figures),
    breakdowns: breakdownViews(figures),
    group: figures.group,
    groupItems: figures.groups.map((g) => ({ value: g.id, text: g.name, selected: g.id === figures.group?.id })),
    area: figures.area,
    benchmark: figures.benchmark,
  }
}
