import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { headlineBreakdown, publicRow, scorecardRow, withholdSmallNumbers, type ScorecardIndicator, type ScorecardValue } from './model.ts'

const indicator: ScorecardIndicator = {
  id: 'i1',
  title: 'Under-18 conceptions',
  polarity: 'low-is-good',
  value_type: 'crude-rate',
  multiplier: 1000,
  decimal_places: 1,
  comparison_method: 'ci-95',
  period_type: 'calendar-year',
  small_number_threshold: 5,
}

const value = (area: string, year: number, figures: Partial<ScorecardValue>): ScorecardValue => ({
  area_code: area,
  period_starts_on: `${year}-01-01`,
  sex: 'female',
  age: '<18 yrs',
  count: null,
  denominator: null,
  value: null,
  lower_95: null,
  upper_95: null,
  lower_998: null,
  upper_998: null,
  illustrative: false,
  updated_at: new Date(`${year + 1}-06-01T00:00:00Z`),
  ...figures,
})

const england = { id: 'g-eng', name: 'England', areaCodes: ['E92000001'] }
const context = { areaCode: 'OLD', benchmark: england, groups: new Map([[england.id, england]]) }

describe('the headline breakdown', () => {
  test('persons when published, with no age band first; otherwise the one sex and age the indicator has', () => {
    assert.deepEqual(
      headlineBreakdown([
        { sex: 'male', age: '' },
        { sex: 'persons', age: '10-11 yrs' },
        { sex: 'persons', age: '' },
      ]),
      { sex: 'persons', age: '' },
    )
    assert.deepEqual(
      headlineBreakdown([
        { sex: 'female', age: '<18 yrs' },
        { sex: 'female', age: '<18 yrs' },
      ]),
      { sex: 'female', age: '<18 yrs' },
    )
    assert.equal(headlineBreakdown([]), null)
  })
})

describe('a scorecard row', () => {
  const values = [
    ...[2017, 2018, 2019, 2020, 2021].map((year, i) => value('OLD', year, { count: String(1300 - i * 100), denominator: '50000' })),
    value('E92000001', 2021, { value: '13.1', lower_95: '12.9', upper_95: '13.3' }),
    // A male breakdown, ignored: the indicator publishes female only.
    value('OLD', 2022, { sex: 'male', count: '1', denominator: '10' }),
  ]

  test('reads the latest period of the area’s headline breakdown, with RAG, comparison, trend and direction', () => {
    const targets = [{ id: 't', period_starts_on: '2021-01-01', kind: 'value' as const, value: '18', group_id: null, amber_tolerance: '1', version: 1 }]
    const row = scorecardRow(indicator, values, targets, context)
    const latest = row.latest!
    assert.equal(latest.period, '2021')
    assert.equal(latest.shown!.value, 18, '900 of 50,000 per 1,000, calculated from the count')
    assert.equal(latest.rag.rag, 'green')
    assert.equal(latest.comparison.text, 'Worse than England (95%)')
    assert.equal(latest.trend.trend, 'decreasing-and-getting-better')
    assert.equal(latest.direction, 'better')
    assert.equal(latest.previousPeriod, '2020')
    assert.equal(latest.smallNumber, false)
    assert.deepEqual(row.breakdown, { sex: 'female', age: '<18 yrs' })
    assert.equal(row.lastUpdated?.toISOString(), '2022-06-01T00:00:00.000Z')
  })

  test('no target for the latest period: no RAG; a count below the threshold is flagged small', () => {
    const row = scorecardRow(indicator, [...values, value('OLD', 2022, { count: '3', denominator: '5000' })], [], context)
    assert.equal(row.latest!.period, '2022')
    assert.equal(row.latest!.rag.why, 'no-target')
    assert.equal(row.latest!.smallNumber, true)
    assert.equal(row.latest!.comparison.text, 'Not compared: no value for England')
  })

  test('an indicator with no value for the area has no latest period', () => {
    const row = scorecardRow(indicator, [value('E92000001', 2021, { value: '13.1' })], [], context)
    assert.equal(row.latest, null)
  })
})

describe('what a public page may show', () => {
  // Five years of Oldham with England each year, so the small value has a RAG, a place, a comparison, a trend and a direction to give away.
  const years = [2018, 2019, 2020, 2021, 2022]
  const series = (counts: number[]) => [
    ...years.map((year, i) => value('OLD', year, { count: String(counts[i]), denominator: '1000' })),
    ...years.map((year) => value('E92000001', year, { value: '3', lower_95: '2.9', upper_95: '3.1' })),
    ...['A', 'B', 'C', 'D'].map((area, i) => value(area, 2022, { value: String(i + 1) })),
  ]
  const neighbours = { id: 'g-sn', name: 'Statistical neighbours', areaCodes: ['A', 'B', 'C', 'D', 'OLD'] }
  const withGroups = {
    ...context,
    groups: new Map([
      [england.id, england],
      [neighbours.id, neighbours],
    ]),
  }
  const quartileTarget = [
    { id: 't', period_starts_on: '2022-01-01', kind: 'top-quartile-of-group' as const, value: null, group_id: neighbours.id, amber_tolerance: '0', version: 1 },
  ]

  test('a value from a small number is withheld with its interval, RAG, place against the target, comparison, trend and direction', () => {
    const row = scorecardRow(indicator, series([40, 30, 20, 10, 3]), quartileTarget, withGroups)
    const before = row.latest!
    // Everything the rule must withhold is there to give away before it runs.
    assert.equal(before.smallNumber, true)
    assert.equal(before.shown!.value, 3)
    assert.notEqual(before.rag.rag, null)
    assert.notEqual(before.rag.place, null)
    assert.notEqual(before.comparison.group, 'not-compared')
    assert.notEqual(before.trend.trend, 'cannot-be-calculated')
    assert.equal(before.direction, 'better')

    const shown = publicRow(row).latest!
    assert.equal(shown.withheld, true)
    assert.equal(shown.shown, null)
    assert.equal(shown.count, null)
    assert.deepEqual(shown.rag, { rag: null, why: 'no-value', against: null, place: null, of: null })
    assert.deepEqual(shown.comparison, { group: 'not-compared', text: '' })
    assert.deepEqual(shown.trend, { trend: 'cannot-be-calculated', text: '' })
    assert.equal(shown.directionWithheld, true)
    assert.equal(shown.previousPeriod, null)
    // The period and the target itself are no secret.
    assert.equal(shown.period, '2022')
    assert.equal(shown.target, before.target)
    assert.equal(row.latest, before, 'the members’ row is left as it was')
  })

  test('a direction measured from a withheld previous value is withheld; the value itself is shown', () => {
    const shown = withholdSmallNumbers(scorecardRow(indicator, series([40, 30, 20, 3, 30]), [], context).latest!)
    assert.equal(shown.withheld, false)
    assert.equal(shown.shown!.value, 30)
    assert.equal(shown.directionWithheld, true)
    assert.equal(shown.previousPeriod, null)
  })

  test('a value from enough people, or from none, is shown whole', () => {
    for (const last of [50, 0]) {
      const latest = scorecardRow(indicator, series([40, 30, 20, 10, last]), quartileTarget, withGroups).latest!
      assert.equal(withholdSmallNumbers(latest), latest, String(last))
    }
  })
})
