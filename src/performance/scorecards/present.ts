import type { DownloadTable } from '../../platform/files/table-download.ts'
import { perText } from '../indicators/index.ts'
import { ragText, targetText, type RagResult, directionLabels } from '../targets/index.ts'
import type { Assessment, ScorecardIndicator } from './model.ts'
import type { Row, Scorecard } from './service.ts'

// How a scorecard row reads, on the page and in its download: the same words
// in both, and on public pages without small numbers or the lead's name.

export const formatted = (n: number | null, places: number): string =>
  n == null ? '' : n.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places })

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`

export function breakdownWords(b: { sex: string; age: string } | null): string {
  if (!b) return ''
  return [b.sex === 'persons' ? 'Persons' : b.sex === 'male' ? 'Male' : 'Female', b.age].filter(Boolean).join(', ')
}

/** The target and what the value was held against: "At most 20.0", "Better than England (22.1)", "2nd of 11 in Statistical neighbours". */
export function targetWords(indicator: ScorecardIndicator, a: Pick<Assessment, 'target' | 'targetGroup' | 'rag'>): string {
  if (!a.target) return ''
  const places = indicator.decimal_places
  const unit = perText(indicator.value_type, indicator.multiplier) === '%' ? '%' : ''
  const text = targetText(
    a.target.kind,
    indicator.polarity,
    `${formatted(a.target.value == null ? null : Number(a.target.value), places)}${unit}`,
    a.targetGroup?.name ?? null,
  )
  const tolerance = Number(a.target.amber_tolerance)
  const amber = tolerance > 0 && a.target.kind !== 'top-quartile-of-group' ? `, amber within ${formatted(tolerance, places)}` : ''
  const rag: RagResult = a.rag
  if (a.target.kind === 'better-than-group' && rag.against != null) return `${text} (${formatted(rag.against, places)})${amber}`
  if (a.target.kind === 'top-quartile-of-group' && rag.place != null) return `${text}: ${ordinal(rag.place)} of ${rag.of}`
  return `${text}${amber}`
}

export interface RowView {
  id: string
  title: string
  breakdown: string
  period: string
  value: string
  interval: string
  /** On public pages, for a value from a small number: "Not shown: fewer than 5". */
  withheld: string
  illustrative: boolean
  rag: string | null
  ragText: string
  target: string
  comparison: string
  comparisonGroup: string
  trend: string
  direction: string
  lead: string
  body: string
  bodyId: string | null
  updated: Date | null
}

const notShown = 'Not shown'

export function rowView(row: Row, options: { public: boolean }): RowView {
  const { indicator, latest } = row
  const places = indicator.decimal_places
  const per = perText(indicator.value_type, indicator.multiplier)
  // The row has already been through withholdSmallNumbers on public pages: this only words what is left.
  const withheld = latest?.withheld ? `Not shown: fewer than ${indicator.small_number_threshold}` : ''
  const shown = latest?.shown
  const value = !shown || shown.value == null ? '' : `${formatted(shown.value, places)}${per === '%' ? '%' : ''}`
  const interval = !shown || shown.lower95 == null ? '' : `${formatted(shown.lower95, places)} to ${formatted(shown.upper95, places)}`
  return {
    id: indicator.id,
    title: indicator.title,
    breakdown: [breakdownWords(row.breakdown), per && per !== '%' ? per : ''].filter(Boolean).join('; '),
    period: latest?.period ?? 'No value yet',
    value,
    interval,
    withheld,
    illustrative: latest?.illustrative ?? false,
    rag: latest?.rag.rag ?? null,
    ragText: withheld ? notShown : latest ? ragText(latest.rag) : 'No value yet',
    target: latest ? targetWords(indicator, latest) : '',
    comparison: withheld ? notShown : (latest?.comparison.text ?? ''),
    comparisonGroup: latest?.comparison.group ?? 'not-compared',
    trend: withheld ? notShown : (latest?.trend.text ?? ''),
    direction: latest?.directionWithheld
      ? notShown
      : latest
        ? `${directionLabels[latest.direction]}${latest.previousPeriod && latest.direction !== 'no-earlier-value' ? ` than ${latest.previousPeriod}` : ''}`
        : '',
    lead: (options.public ? indicator.targetLeadRole : indicator.targetLeadLabel) ?? 'Not named',
    body: indicator.owningBodyName ?? 'Not set',
    bodyId: indicator.owning_body_id,
    updated: row.lastUpdated,
  }
}

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)

/** The table as a download: numbers as numbers, the same words as the page. */
export function scorecardTable(card: Scorecard, views: RowView[], name: string, options: { public: boolean }): DownloadTable {
  const benchmark = card.benchmark?.name ?? 'the benchmark'
  return {
    name,
    columns: [
      { header: 'Indicator', width: 50 },
      { header: 'Breakdown' },
      { header: 'Period' },
      { header: 'Value' },
      { header: 'Lower 95% limit' },
      { header: 'Upper 95% limit' },
      { header: 'RAG' },
      { header: 'Target', width: 40 },
      { header: `Compared with ${benchmark}`, width: 40 },
      { header: 'Recent trend', width: 30 },
      { header: 'Change since the previous period', width: 30 },
      { header: options.public ? 'Target lead (role)' : 'Target lead', width: 30 },
      { header: 'Owning body', width: 30 },
      { header: 'Last updated' },
    ],
    rows: card.rows.map((row, i) => {
      const v = views[i]!
      const shown = row.latest?.shown
      return [
        v.title,
        v.breakdown,
        row.latest?.period ?? null,
        v.withheld || (shown?.value ?? null),
        shown?.lower95 ?? null,
        shown?.upper95 ?? null,
        v.ragText,
        v.target || null,
        v.comparison || null,
        v.trend || null,
        v.direction || null,
        v.lead,
        v.body,
        isoDate(v.updated),
      ]
    }),
  }
}
