import type { DemoModule } from '../context.ts'
import { localityForm } from '../../src/performance/localities/schema.ts'
import { insertLocality } from '../../src/performance/localities/repository.ts'
import { valueForm } from '../../src/performance/indicator-values/schema.ts'
import { insertValue } from '../../src/performance/indicator-values/repository.ts'
import { parsePeriod } from '../../src/performance/indicator-values/periods.ts'
import { demoLocalities, year6Wobble } from '../data/localities.ts'

const oldham = 'E08000004'

/** Academic-year labels: the year a period starts in, and the one after, like 2019/20. */
const academicYear = (start: number) => `${start}/${String((start + 1) % 100).padStart(2, '0')}`

/**
 * Oldham's six districts as the partnership's localities, and ILLUSTRATIVE
 * Year 6 obesity figures for each over the last three academic years up to
 * Oldham's latest published one, so the narrowing-the-gap page has
 * localities to compare. Fingertips publishes no district figures: these are
 * made up around Oldham's published value for each year (the latest available
 * for years before the first published one), weighted so the districts average
 * to it, and every one is stored as illustrative so the screens label it.
 * Refs: 'area:<key>' (the locality's code).
 */
export const performanceLocalities: DemoModule = {
  name: 'localities, with illustrative Year 6 obesity by district',
  async seed({ trx, partnershipId, refs, audit }) {
    for (const locality of demoLocalities) {
      const input = localityForm.parse({ kind: 'locality', code: locality.code, name: locality.name, parentCode: oldham })
      const created = await insertLocality(trx, partnershipId, input)
      if (!created) throw new Error(`Demo locality ${locality.code} is already in the register`)
      refs.set('area', locality.key, created.code)
      await audit({
        action: 'create',
        entityType: 'area',
        entityId: created.code,
        summary: `Added the locality ‘${created.name}’ (${created.code}), part of Oldham (wards: ${locality.wards.join(', ')})`,
        after: created,
      })
    }

    const indicatorId = refs.get('indicator', 'year6-obesity')
    const published = await trx
      .selectFrom('indicator_values')
      .select(['period_starts_on', 'value', 'sex', 'age'])
      .where('partnership_id', '=', partnershipId)
      .where('indicator_id', '=', indicatorId)
      .where('area_code', '=', oldham)
      .where('category_type', '=', '')
      .orderBy('period_starts_on')
      .execute()
    if (!published.length) throw new Error('Demo localities need Oldham’s published Year 6 obesity values, loaded by an earlier module')
    const latest = published.at(-1)!
    const lastYear = Number(latest.period_starts_on.slice(0, 4))
    const years = [lastYear - 2, lastYear - 1, lastYear]
    const totalChildren = demoLocalities.reduce((n, l) => n + l.year6Children, 0)
    const meanRelative = demoLocalities.reduce((n, l) => n + l.year6Children * l.relativeObesity, 0) / totalChildren

    let added = 0
    for (const [i, year] of years.entries()) {
      const period = academicYear(year)
      const parsed = parsePeriod('academic-year', period)
      if (!parsed.ok) throw new Error(`Demo period ${period}: ${parsed.message}`)
      // The published figure for the year, or the earliest published one before the series starts.
      const oldhamValue = Number((published.find((p) => p.period_starts_on === parsed.startsOn) ?? published[0]!).value)
      for (const locality of demoLocalities) {
        const percent = (oldhamValue * locality.relativeObesity) / meanRelative + year6Wobble[locality.key]![i]!
        const count = Math.round((percent / 100) * locality.year6Children)
        const input = valueForm.parse({
          areaCode: locality.code,
          period,
          sex: latest.sex,
          age: latest.age,
          count: String(count),
          denominator: String(locality.year6Children),
          note: 'Illustrative district figure: not published by district',
          illustrative: 'yes',
        })
        await insertValue(trx, partnershipId, indicatorId, input, parsed.startsOn)
        added++
      }
    }
    await audit({
      action: 'create',
      entityType: 'indicator',
      entityId: indicatorId,
      summary: `Added ${added} illustrative Year 6 obesity values for Oldham’s six districts, ${academicYear(years[0]!)} to ${academicYear(lastYear)}`,
    })
  },
}
