import { indicatorService } from '../../../src/performance/indicators/service.ts'
import { indicatorForm } from '../../../src/performance/indicators/schema.ts'
import { unique, type Fixtures, type Rule } from './rules.ts'

// The indicator's charts, its gap page and every table they offer for
// download: everyone in the partnership reads them, as they read the values.

async function indicator(f: Fixtures): Promise<string> {
  const fields = {
    title: unique('Walked charted indicator'),
    valueType: 'proportion',
    multiplier: '100',
    decimalPlaces: '1',
    polarity: 'low-is-good',
    frequency: 'annual',
    periodType: 'calendar-year',
    comparisonMethod: 'ci-95',
    smallNumberThreshold: '5',
  }
  return (await indicatorService(f.db).create(f.admin, indicatorForm.parse(fields))).id
}

const read: Rule = { access: 'partnership.read', param: { name: 'id', value: indicator } }
const downloads = (under: string, tables: string[]) =>
  tables.flatMap((table) => ['csv', 'xlsx'].map((format) => [`GET /indicators/:id/${under}/${table}.${format}`, read] as const))

export const indicatorChartRules: Record<string, Rule> = {
  ...Object.fromEntries(downloads('charts', ['trend', 'areas', 'breakdown'])),
  'GET /indicators/:id/gap': read,
  ...Object.fromEntries(downloads('gap', ['values', 'gaps'])),
}
