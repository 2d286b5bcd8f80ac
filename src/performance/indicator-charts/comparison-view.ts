import type { DownloadTable } from '../../platform/files/table-download.ts'
import { barChart, type BarChart } from './bar-chart.ts'
import { breakdownSets, compared, comparisonWords, isHeadline, latestPeriod, rowLabel, type ShownValue } from './figures.ts'
import { formatted } from './model.ts'
import type { IndicatorFigures } from './service.ts'
import { calculatedText, headlineText } from './trend-view.ts'

// The two bar charts: the areas of a comparator group against England, and the
// partnership's localities and groups against the area as a whole. Each bar's
// comparison is in words on the chart and in its table.

export interface BarRowView {
  label: string
  value: string
  valueCalculated: boolean
  interval: string
  limitsCalculated: boolean
  comparison: string
  illustrative: boolean
  emphasis: boolean
}

export interface BarsView {
  title: string
  period: string | null
  chart: BarChart | null
  description: string
  rows: BarRowView[]
  table: DownloadTable
}

export interface Item {
  label: string
  value: ShownValue | null
  emphasis: boolean
}

/** Bars for the items against the reference, with the table of the same rows. */
export function bars(
  f: IndicatorFigures,
  items: readonly Item[],
  reference: { name: string; value: number | null },
  heading: { title: string; period: string | null; kind: string; file: string },
): BarsView {
  const { indicator } = f
  const places = indicator.decimal_places
  const judged = items.map((item) => {
    const comparison = item.value ? compared(indicator.comparison_method, indicator.polarity, item.value.shown, reference.value) : 'not-compared'
    return { ...item, words: item.value?.shown.value == null ? 'No value' : comparisonWords(comparison, reference.name) }
  })
  const drawn = judged.filter((i) => i.value?.shown.value != null)
  const chart = drawn.length
    ? barChart(
        judged.map((i) => ({
          label: i.label,
          value: i.value?.shown.value ?? null,
          lower: i.value?.shown.lower95 ?? null,
          upper: i.value?.shown.upper95 ?? null,
          note: i.words,
          emphasis: i.emphasis,
        })),
        { places, reference: { label: reference.name, value: reference.value } },
      )
    : null
  const interval = (v: ShownValue | null) => (v?.shown.lower95 != null ? `${formatted(v.shown.lower95, places)} to ${formatted(v.shown.upper95, places)}` : '')
  const counts = ['Better', 'Similar', 'Worse', 'Higher', 'Lower']
    .map((w) => [w, drawn.filter((i) => i.words.startsWith(w)).length] as const)
    .filter(([, n]) => n > 0)
  return {
    title: heading.title,
    period: heading.period,
    chart,
    description: chart
      ? `Bar chart of ${indicator.title} by ${heading.kind}, ${heading.period}, with 95% confidence intervals and ${reference.name}’s value (${formatted(reference.value, places) || 'none'}) as a line. ` +
        (counts.length ? `${counts.map(([w, n]) => `${n} ${w.toLowerCase()}`).join(', ')} compared with ${reference.name}.` : '')
      : '',
    rows: judged.map((i) => ({
      label: i.label,
      value: formatted(i.value?.shown.value, places),
      valueCalculated: i.value?.shown.computed.value ?? false,
      interval: interval(i.value),
      limitsCalculated: i.value?.shown.computed.limits95 ?? false,
      comparison: i.words,
      illustrative: i.value?.illustrative ?? false,
      emphasis: i.emphasis,
    })),
    table: {
      name: `${indicator.title} - ${heading.file}`,
      columns: [
        { header: 'Period' },
        { header: heading.kind === 'area' ? 'Area' : 'Group', width: 30 },
        { header: 'Value' },
        { header: 'Lower 95% limit' },
        { header: 'Upper 95% limit' },
        { header: `Compared with ${reference.name}`, width: 28 },
        { header: 'Count' },
        { header: 'Denominator' },
        { header: 'Calculated', width: 20 },
        { header: 'Illustrative' },
      ],
      rows: judged.map((i) => [
        heading.period ?? '',
        i.label,
        i.value?.shown.value ?? null,
        i.value?.shown.lower95 ?? null,
        i.value?.shown.upper95 ?? null,
        i.words,
        i.value?.count ?? null,
        i.value?.denominator ?? null,
        calculatedText(i.value?.shown.computed),
        i.value?.illustrative ? 'Yes' : 'No',
      ]),
    },
  }
}

/** The comparator group's areas (and the partnership's own, always) in the latest period any of them has a value for. */
export function areasView(f: IndicatorFigures): BarsView {
  const key = f.key
  const codes = [...(f.group?.areas.map((a) => a.code) ?? [])]
  if (f.area && !codes.includes(f.area.code)) codes.unshift(f.area.code)
  const names = new Map([...(f.group?.areas ?? []).map((a) => [a.code, a.name] as const), ...(f.area ? [[f.area.code, f.area.name] as const] : [])])
  const headline = f.values.filter((v) => isHeadline(v, key) && codes.includes(v.areaCode))
  const latest = latestPeriod(headline)
  const inPeriod = new Map(headline.filter((v) => v.periodStartsOn === latest).map((v) => [v.areaCode, v]))
  const benchmark = f.values.find((v) => isHeadline(v, key) && v.areaCode === f.benchmark.code && v.periodStartsOn === latest)?.shown.value ?? null
  const items = codes.map((code) => ({ label: names.get(code) ?? code, value: inPeriod.get(code) ?? null, emphasis: code === f.area?.code }))
  const period = latest ? f.periodLabel(latest) : null
  return bars(
    f,
    items,
    { name: f.benchmark.name, value: benchmark },
    {
      title: `${f.group?.name ?? 'Areas'}${key ? ` (${headlineText(key)})` : ''}`,
      period,
      kind: 'area',
      file: `${f.group?.name ?? 'areas'} ${period ?? ''}`.trim(),
    },
  )
}

/** Each breakdown of the area, localities first, in its latest period, against the area's own value then. */
export function breakdownViews(f: IndicatorFigures): BarsView[] {
  if (!f.area) return []
  const area = f.area
  const key = f.key
  return breakdownSets(f.values, { areaCode: area.code, key, localityCodes: f.localityCodes }).map((set) => {
    const latest = set.periods.at(-1)!
    const whole = f.values.find((v) => isHeadline(v, key) && v.areaCode === area.code && v.periodStartsOn === latest.periodStartsOn)?.shown.value ?? null
    const period = f.periodLabel(latest.periodStartsOn)
    const items = latest.rows.map((v) => ({ label: rowLabel(v, set.kind), value: v, emphasis: false }))
    return bars(
      f,
      items,
      { name: area.name, value: whole },
      { title: set.title, period, kind: set.kind === 'locality' ? 'locality' : set.title, file: `${set.title} ${period}` },
    )
  })
}
