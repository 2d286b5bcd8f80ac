import type { DownloadTable } from '../../platform/files/table-download.ts'
import {
  bars,
  type BarsView,
  breakdownSets,
  isHeadline,
  rowLabel,
  type BreakdownSet,
  formatted,
  type IndicatorFigures,
  trendChart,
  type TrendChart,
} from '../indicator-charts/index.ts'
import { gapOf, gapTrend, gapTrendWords, type Gap } from './model.ts'
import { inequalityOf, inequalityWords, type Inequality } from './sii.ts'

// The gap page's parts for each breakdown: the values side by side in the
// chosen period, the gap between the ends each period and which way it moves,
// and for deprivation the slope index of inequality.

export interface GapSection {
  title: string
  kind: BreakdownSet['kind']
  values: BarsView | null
  gap: string | null
  trendWords: string
  gapChart: TrendChart | null
  gapChartDescription: string
  gapRows: { period: string; best: string; worst: string; size: string; overlapping: boolean | null; sii: string }[]
  hasSii: boolean
  inequality: string | null
  equalWeights: boolean
  gapTable: DownloadTable
}

/** The gap's run of periods: its trend reads the last three, and ten are a chart a board reads at a glance. */
export const GAP_PERIODS = 10

export interface GapView {
  missing: 'area' | null
  periodItems: { value: string; text: string; selected: boolean }[]
  period: string | null
  sections: GapSection[]
}

/** The unit a gap is counted in: percentage points for a percentage, the rate's own base otherwise. */
function gapUnit(f: IndicatorFigures): string {
  const { value_type: type, multiplier } = f.indicator
  if (type === 'proportion') return multiplier === 100 ? 'percentage points' : multiplier === 1 ? '' : `per ${multiplier.toLocaleString('en-GB')}`
  return multiplier > 1 ? `per ${multiplier.toLocaleString('en-GB')}` : ''
}

export function gapView(f: IndicatorFigures, periodParam?: string): GapView {
  if (!f.area) return { missing: 'area', periodItems: [], period: null, sections: [] }
  const area = f.area
  const { indicator } = f
  const places = indicator.decimal_places
  const format = (n: number | null | undefined) => formatted(n, places)
  const key = f.key
  const sets = breakdownSets(f.values, { areaCode: area.code, key, localityCodes: f.localityCodes })
  const periods = [...new Set(sets.flatMap((s) => s.periods.map((p) => p.periodStartsOn)))].sort()
  const selected = periods.includes(periodParam ?? '') ? periodParam! : (periods.at(-1) ?? null)
  const unit = gapUnit(f)
  const ends2 = indicator.polarity === 'no-judgement' ? (['Highest', 'Lowest'] as const) : (['Best', 'Worst'] as const)
  const ends = (g: Gap | null, kind: BreakdownSet['kind']) =>
    g
      ? { best: `${rowLabel(g.best, kind)} (${format(g.best.shown.value)})`, worst: `${rowLabel(g.worst, kind)} (${format(g.worst.shown.value)})` }
      : { best: '', worst: '' }

  const sections = sets.map((set): GapSection => {
    const rowsThen = set.periods.find((p) => p.periodStartsOn === selected)?.rows ?? []
    const whole = f.values.find((v) => isHeadline(v, key) && v.areaCode === area.code && v.periodStartsOn === selected)?.shown.value ?? null
    const period = selected ? f.periodLabel(selected) : null
    const values = rowsThen.length
      ? bars(
          f,
          rowsThen.map((v) => ({ label: rowLabel(v, set.kind), value: v, emphasis: false })),
          { name: area.name, value: whole },
          { title: set.title, period, kind: set.kind === 'locality' ? 'locality' : set.title, file: `${set.title} ${period}` },
        )
      : null
    const perPeriod = set.periods.map((p) => ({
      period: f.periodLabel(p.periodStartsOn),
      gap: gapOf(p.rows, indicator.polarity),
      sii: set.kind === 'group' ? inequalityOf(p.rows, { valueType: indicator.value_type, multiplier: indicator.multiplier }) : null,
    }))
    const trend = gapTrend(perPeriod.map((p) => ({ period: p.period, size: p.gap?.size ?? null })))
    const gapNow = gapOf(rowsThen, indicator.polarity)
    const siiNow: Inequality | null = perPeriod.find((p) => p.period === period)?.sii ?? null
    const hasSii = perPeriod.some((p) => p.sii)
    const siiText = (s: Inequality | null) => (s ? `${format(s.sii)} (${format(s.lower)} to ${format(s.upper)})` : '')
    const charted = perPeriod.filter((p) => p.gap)
    return {
      title: set.title,
      kind: set.kind,
      values,
      gap: gapNow
        ? gapNow.judged
          ? `In ${period} the best was ${ends(gapNow, set.kind).best} and the worst ${ends(gapNow, set.kind).worst}: a gap of ${format(gapNow.size)}${unit ? ` ${unit}` : ''}.${gapNow.overlapping ? ' Their 95% confidence intervals overlap, so the gap may be chance.' : ''}`
          : `In ${period} the highest was ${rowLabel(gapNow.best, set.kind)} (${format(gapNow.best.shown.value)}) and the lowest ${rowLabel(gapNow.worst, set.kind)} (${format(gapNow.worst.shown.value)}): a difference of ${format(gapNow.size)}${unit ? ` ${unit}` : ''}.`
        : null,
      trendWords: gapTrendWords(trend),
      gapChart: charted.length
        ? trendChart(
            perPeriod.map((p) => ({
              period: p.period,
              value: p.gap?.size ?? null,
              lower: null,
              upper: null,
              benchmark: null,
              target: null,
              illustrative: p.gap ? p.gap.best.illustrative || p.gap.worst.illustrative : false,
            })),
            { places, areaName: 'Gap', benchmarkName: '', includeZero: true },
          )
        : null,
      gapChartDescription: `Line chart of the gap between the best and the worst ${set.kind === 'locality' ? 'locality' : 'group'} each period: ${charted.map((p) => `${p.period} ${format(p.gap!.size)}`).join(', ')}. ${gapTrendWords(trend)}`,
      gapRows: perPeriod.map((p) => ({
        period: p.period,
        ...ends(p.gap, set.kind),
        size: format(p.gap?.size),
        overlapping: p.gap?.overlapping ?? null,
        sii: siiText(p.sii),
      })),
      hasSii,
      inequality: siiNow
        ? inequalityWords(siiNow, { title: indicator.title, areaName: area.name, unit, polarity: indicator.polarity, format: (n) => format(n) })
        : null,
      equalWeights: siiNow?.equalWeights ?? false,
      gapTable: {
        name: `${indicator.title} - gap by ${set.title}`,
        columns: [
          { header: 'Breakdown', width: 30 },
          { header: 'Period' },
          { header: ends2[0], width: 30 },
          { header: `${ends2[0]} value` },
          { header: ends2[1], width: 30 },
          { header: `${ends2[1]} value` },
          { header: 'Gap' },
          { header: 'Intervals overlap' },
          { header: 'Slope index of inequality' },
          { header: 'SII lower 95% limit' },
          { header: 'SII upper 95% limit' },
        ],
        rows: perPeriod.map((p) => [
          set.title,
          p.period,
          p.gap ? rowLabel(p.gap.best, set.kind) : '',
          p.gap?.best.shown.value ?? null,
          p.gap ? rowLabel(p.gap.worst, set.kind) : '',
          p.gap?.worst.shown.value ?? null,
          p.gap?.size ?? null,
          p.gap?.overlapping == null ? '' : p.gap.overlapping ? 'Yes' : 'No',
          p.sii?.sii ?? null,
          p.sii?.lower ?? null,
          p.sii?.upper ?? null,
        ]),
      },
    }
  })
  return {
    missing: null,
    periodItems: periods.map((p) => ({ value: p, text: f.periodLabel(p), selected: p === selected })),
    period: selected ? f.periodLabel(selected) : null,
    sections,
  }
}
