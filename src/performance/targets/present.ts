import type { DownloadTable } from '../../platform/files/table-download.ts'
import { periodLabel } from '../indicator-values/index.ts'
import { formatted, targetWords } from '../scorecards/index.ts'
import { directionLabels } from './assessment.ts'
import { ragText } from './model.ts'
import type { TargetService } from './service.ts'

// How an indicator's targets read, on its targets page and in the table's download.

type Overview = Awaited<ReturnType<TargetService['overview']>>

export function targetRows(data: Overview) {
  const { indicator } = data
  const places = indicator.decimal_places
  return data.rows.map(({ target, assessment }) => {
    const shown = assessment?.shown
    return {
      id: target.id,
      period: periodLabel(indicator.period_type, target.period_starts_on),
      target: data.scored && assessment ? targetWords(data.scored, assessment) : target.kind,
      value: shown?.value == null ? 'No value' : formatted(shown.value, places),
      valueNumber: shown?.value ?? null,
      lower: shown?.lower95 ?? null,
      upper: shown?.upper95 ?? null,
      interval: shown?.lower95 == null ? '' : `${formatted(shown.lower95, places)} to ${formatted(shown.upper95, places)}`,
      rag: assessment?.rag.rag ?? null,
      ragText: assessment ? ragText(assessment.rag) : 'No RAG: the partnership’s area is not set',
      comparison: assessment?.comparison.text ?? '',
      trend: assessment?.trend.text ?? '',
      direction: assessment
        ? `${directionLabels[assessment.direction]}${assessment.previousPeriod && assessment.direction !== 'no-earlier-value' ? ` than ${assessment.previousPeriod}` : ''}`
        : '',
    }
  })
}

export function targetTable(data: Overview, rows: ReturnType<typeof targetRows>): DownloadTable {
  const benchmark = data.england?.name ?? 'England'
  return {
    name: `${data.indicator.title} - targets`,
    columns: [
      { header: 'Period' },
      { header: 'Target', width: 40 },
      { header: `Value for ${data.area?.name ?? 'the area'}` },
      { header: 'Lower 95% limit' },
      { header: 'Upper 95% limit' },
      { header: 'RAG' },
      { header: `Compared with ${benchmark}`, width: 40 },
      { header: 'Recent trend', width: 30 },
      { header: 'Change since the previous period', width: 30 },
    ],
    rows: rows.map((r) => [r.period, r.target, r.valueNumber, r.lower, r.upper, r.ragText, r.comparison || null, r.trend || null, r.direction || null]),
  }
}
