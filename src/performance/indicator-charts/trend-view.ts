import type { DownloadTable } from '../../platform/files/table-download.ts'
import { trendRows, type HeadlineKey } from './figures.ts'
import { formatted } from './model.ts'
import { TREND_PERIODS, type IndicatorFigures } from './service.ts'
import { trendChart, type TrendChart } from './trend-chart.ts'

// The trend chart's page part and its table, the same rows in both so what the
// chart draws is exactly what the table lists and the download holds.

export interface TrendView {
  /** Why there is nothing to draw, in words the page shows with a way to put it right. */
  missing: 'area' | 'values' | null
  chart: TrendChart | null
  description: string
  rows: {
    period: string
    value: string
    valueCalculated: boolean
    interval: string
    limitsCalculated: boolean
    benchmark: string
    target: string
    illustrative: boolean
    note: string
  }[]
  hasTargets: boolean
  /** Earlier periods than the chart draws: they are in the values list. */
  earlier: boolean
  table: DownloadTable
}

/** How the headline breakdown reads under a chart's title: "Persons, 10-11 yrs". */
export function headlineText(key: HeadlineKey | null): string {
  if (!key) return ''
  const sex = key.sex === 'persons' ? 'Persons' : key.sex === 'male' ? 'Males' : 'Females'
  return key.age ? `${sex}, ${key.age}` : sex
}

export function trendView(f: IndicatorFigures): TrendView {
  const places = f.indicator.decimal_places
  const key = f.key
  // Targets reach back as far as they were set; the chart keeps to the latest periods, as the values do.
  const every = f.area
    ? trendRows(f.values, { areaCode: f.area.code, benchmarkCode: f.benchmark.code, key, targets: f.targets, periodLabel: f.periodLabel })
    : []
  const rows = every.slice(-TREND_PERIODS)
  const areaName = f.area?.name ?? 'The partnership’s area'
  const hasTargets = rows.some((r) => r.target != null)
  const table: DownloadTable = {
    name: `${f.indicator.title} - trend for ${areaName}`,
    columns: [
      { header: 'Period' },
      { header: 'Area' },
      { header: 'Breakdown', width: 18 },
      { header: 'Value' },
      { header: 'Lower 95% limit' },
      { header: 'Upper 95% limit' },
      { header: `${f.benchmark.name} value` },
      { header: 'Target' },
      { header: 'Calculated', width: 30 },
      { header: 'Illustrative' },
      { header: 'Note', width: 30 },
    ],
    rows: rows.map((r) => [
      r.period,
      areaName,
      headlineText(key),
      r.value?.shown.value ?? null,
      r.value?.shown.lower95 ?? null,
      r.value?.shown.upper95 ?? null,
      r.benchmark,
      r.target,
      calculatedText(r.value?.shown.computed),
      r.value?.illustrative ? 'Yes' : 'No',
      r.value?.note ?? '',
    ]),
  }
  const withValues = rows.filter((r) => r.value?.shown.value != null)
  const chart = withValues.length
    ? trendChart(
        rows.map((r) => ({
          period: r.period,
          value: r.value?.shown.value ?? null,
          lower: r.value?.shown.lower95 ?? null,
          upper: r.value?.shown.upper95 ?? null,
          benchmark: r.benchmark,
          target: r.target,
          illustrative: r.value?.illustrative ?? false,
        })),
        { places, areaName, benchmarkName: f.benchmark.name },
      )
    : null
  const latest = withValues.at(-1)
  const description = latest
    ? `Line chart of ${f.indicator.title} for ${areaName} (${headlineText(key)}), ${withValues[0]!.period} to ${latest.period}, with 95% confidence intervals, ${f.benchmark.name}’s value${hasTargets ? ' and the target' : ''}. ` +
      `In ${latest.period} the value was ${formatted(latest.value!.shown.value, places)}` +
      (latest.value!.shown.lower95 != null
        ? ` (95% confidence interval ${formatted(latest.value!.shown.lower95, places)} to ${formatted(latest.value!.shown.upper95, places)})`
        : '') +
      (latest.benchmark != null ? `; ${f.benchmark.name} ${formatted(latest.benchmark, places)}` : '') +
      (latest.target != null ? `; target ${formatted(latest.target, places)}` : '') +
      '.'
    : ''
  return {
    missing: !f.area ? 'area' : withValues.length ? null : 'values',
    chart,
    description,
    hasTargets,
    earlier: every.length > rows.length,
    table,
    rows: rows.map((r) => ({
      period: r.period,
      value: formatted(r.value?.shown.value, places),
      valueCalculated: r.value?.shown.computed.value ?? false,
      interval: r.value?.shown.lower95 != null ? `${formatted(r.value.shown.lower95, places)} to ${formatted(r.value.shown.upper95, places)}` : '',
      limitsCalculated: r.value?.shown.computed.limits95 ?? false,
      benchmark: formatted(r.benchmark, places),
      target: formatted(r.target, places),
      illustrative: r.value?.illustrative ?? false,
      note: r.value?.note ?? '',
    })),
  }
}

/** Which of a row's figures the method supplied, for the download (the page marks them "calculated"). */
export function calculatedText(computed: { value: boolean; limits95: boolean } | undefined): string {
  if (!computed) return ''
  const parts = [computed.value ? 'value' : '', computed.limits95 ? '95% limits' : ''].filter(Boolean)
  return parts.join(' and ')
}
