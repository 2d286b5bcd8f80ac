import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { DemoModule } from '../context.ts'
import { valueForm } from '../../src/features/indicator-values/schema.ts'
import { insertValue } from '../../src/features/indicator-values/repository.ts'
import { parsePeriod } from '../../src/features/indicator-values/periods.ts'
import type { PeriodType } from '../../src/platform/db/performance-tables.ts'
import { demoIndicators } from '../data/indicators.ts'

interface PublishedRow {
  fingertips_id: string
  area_code: string
  year: string
  sex: string
  age: string
  category_type: string
  category: string
  category_rank: string
  count: string
  denominator: string
  value: string
  lower_95: string
  upper_95: string
}

/** The period label of a Fingertips "Year", which is the year the period starts in. */
function labelOf(type: PeriodType, year: number): string {
  if (type === 'financial-year' || type === 'academic-year') return `${year}/${String((year + 1) % 100).padStart(2, '0')}`
  return String(year)
}

/**
 * Published values for the six demo indicators: Oldham, the other nine Greater
 * Manchester boroughs, the North West and England, 2018 to 2023, with Year 6
 * obesity by deprivation quintile within Oldham. Extracted unchanged from the
 * Fingertips API data in shared/reference/indicator-statistics/data
 * (FingertipsNext healthdata, February 2025) into demo/data/fingertips-values.csv;
 * periods Fingertips published without a value are left out.
 */
export const performanceValues: DemoModule = {
  name: 'published indicator values',
  async seed({ trx, partnershipId, refs, audit }) {
    const rows = parse(readFileSync(join(import.meta.dirname, '..', 'data', 'fingertips-values.csv')), { columns: true }) as PublishedRow[]
    for (const indicator of demoIndicators) {
      const mine = rows.filter((r) => r.fingertips_id === indicator.fingertipsId && (r.value !== '' || r.count !== ''))
      const indicatorId = refs.get('indicator', indicator.key)
      for (const row of mine) {
        const period = labelOf(indicator.periodType, Number(row.year))
        const parsed = parsePeriod(indicator.periodType, period)
        if (!parsed.ok) throw new Error(`Demo value period ${period}: ${parsed.message}`)
        const input = valueForm.parse({
          areaCode: row.area_code,
          period,
          sex: row.sex,
          age: row.age,
          categoryType: row.category_type,
          category: row.category,
          count: row.count,
          denominator: row.denominator,
          value: row.value,
          lower95: row.lower_95,
          upper95: row.upper_95,
          note: '',
        })
        await insertValue(trx, partnershipId, indicatorId, input, parsed.startsOn, { categoryRank: row.category_rank ? Number(row.category_rank) : null })
      }
      const years = mine.map((r) => Number(r.year))
      await audit({
        action: 'create',
        entityType: 'indicator',
        entityId: indicatorId,
        summary: `Loaded ${mine.length} published Fingertips values of ‘${indicator.title}’, ${labelOf(indicator.periodType, Math.min(...years))} to ${labelOf(indicator.periodType, Math.max(...years))}`,
      })
    }
  },
}
