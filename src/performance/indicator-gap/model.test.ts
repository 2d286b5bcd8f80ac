import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { ShownValue } from '../indicator-charts/index.ts'
import { gapOf, gapTrend, gapTrendWords } from './model.ts'
import { inequalityOf, inequalityWords } from './sii.ts'

const row = (category: string, value: number | null, lower: number | null, upper: number | null, over: Partial<ShownValue> = {}): ShownValue => ({
  areaCode: 'E08000004',
  areaName: 'Oldham',
  periodStartsOn: '2019-09-01',
  period: '2019/20',
  sex: 'persons',
  age: '10-11 yrs',
  categoryType: 'Deprivation quintile within the area (IMD)',
  category,
  categoryRank: null,
  count: null,
  denominator: null,
  shown: { value, lower95: lower, upper95: upper, lower998: null, upper998: null, computed: { value: false, limits95: false, limits998: false } },
  illustrative: false,
  note: '',
  ...over,
})

/** Oldham's published Year 6 obesity by deprivation quintile, 2019/20 (Fingertips). */
const quintiles2019 = [
  row('Most deprived quintile', 28.0, 27.1, 29.0, { categoryRank: 1 }),
  row('Second most deprived quintile', 25.8, 24.0, 27.8, { categoryRank: 2 }),
  row('Average deprived quintile', 20.2, 18.0, 22.4, { categoryRank: 3 }),
  row('Second least deprived quintile', 18.4, 16.4, 20.3, { categoryRank: 4 }),
  row('Least deprived quintile', 13.6, 11.1, 16.6, { categoryRank: 5 }),
]
const obesity = { valueType: 'proportion', multiplier: 100 } as const

describe('the gap between the best and the worst', () => {
  test('which end is best follows polarity; the gap is always a distance', () => {
    const low = gapOf(quintiles2019, 'low-is-good')!
    assert.equal(low.best.category, 'Least deprived quintile')
    assert.equal(low.worst.category, 'Most deprived quintile')
    assert.ok(Math.abs(low.size - 14.4) < 1e-9)
    assert.equal(low.overlapping, false)
    const high = gapOf(quintiles2019, 'high-is-good')!
    assert.equal(high.best.category, 'Most deprived quintile')
    assert.equal(high.size, low.size)
    assert.equal(gapOf(quintiles2019, 'no-judgement')!.judged, false)
  })

  test('overlapping intervals are flagged, rows without a value are passed over, and one value makes no gap', () => {
    const close = [row('A', 22, 20, 24), row('B', 23, 21, 25), row('C', null, null, null)]
    assert.equal(gapOf(close, 'low-is-good')!.overlapping, true)
    assert.equal(gapOf([row('A', 22, 20, 24), row('C', null, null, null)], 'low-is-good'), null)
    assert.equal(gapOf([row('A', 22, null, null), row('B', 25, null, null)], 'low-is-good')!.overlapping, null)
  })

  test('its trend over the latest run of periods', () => {
    const g = (period: string, size: number | null) => ({ period, size })
    assert.equal(gapTrend([g('2017', 18), g('2018', 16.3), g('2019', 14.4)]).direction, 'narrowing')
    assert.equal(gapTrend([g('2016', 10), g('2017', 18), g('2018', 16.3), g('2019', 14.4)]).direction, 'narrowing', 'only the last three periods count')
    assert.equal(gapTrend([g('2017', 12), g('2018', 16.3), g('2019', 17)]).direction, 'widening')
    assert.equal(gapTrend([g('2017', 12), g('2018', 16.3), g('2019', 14)]).direction, 'mixed')
    assert.equal(gapTrend([g('2018', 5), g('2019', 5.0000000001)]).direction, 'unchanged')
    assert.deepEqual(gapTrend([g('2017', 18), g('2018', null), g('2019', 14)]), { direction: 'too-few', from: null, to: null, periods: 1 })
    assert.equal(gapTrend([]).direction, 'too-few')
    assert.equal(gapTrendWords(gapTrend([g('2018/19', 16.3), g('2019/20', 14.4)])), 'The gap narrowed from 2018/19 to 2019/20.')
    assert.equal(gapTrendWords(gapTrend([g('a', 1), g('b', 2), g('c', 3)])), 'The gap widened in each period from a to c.')
  })
})

describe('the slope index of inequality of a deprivation breakdown', () => {
  test('Oldham’s quintiles, equal in size by construction: the modelled gap in percentage points, most deprived worse', () => {
    const sii = inequalityOf(quintiles2019, obesity)!
    // With equal shares the quintiles sit at 0.1, 0.3 … 0.9, and the least-squares slope is the gradient across them.
    const ranks = [0.1, 0.3, 0.5, 0.7, 0.9]
    const values = quintiles2019.map((q) => q.shown.value!)
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    const slope = ranks.reduce((s, r, i) => s + (r - mean(ranks)) * (values[i]! - mean(values)), 0) / ranks.reduce((s, r) => s + (r - mean(ranks)) ** 2, 0)
    assert.ok(Math.abs(sii.sii - slope) < 1e-9, `${sii.sii} vs ${slope}`)
    assert.ok(sii.sii < 0 && sii.lower < sii.sii && sii.sii < sii.upper && sii.upper < 0)
    assert.equal(sii.equalWeights, true)
    assert.deepEqual(inequalityOf(quintiles2019, obesity), sii, 'seeded, so the page says the same each time')
    const words = inequalityWords(sii, {
      title: 'Year 6 obesity',
      areaName: 'Oldham',
      unit: 'percentage points',
      polarity: 'low-is-good',
      format: (n) => n.toFixed(1),
    })
    assert.match(
      words,
      /^The gap in ‘Year 6 obesity’ between the most and the least deprived in Oldham is about 18\.1 percentage points \(95% confidence interval \d+\.\d to \d+\.\d\), lower among the least deprived\. The most deprived fare worse\. The interval does not include zero/,
    )
  })

  test('denominators weight the groups when every group has one', () => {
    const weighted = quintiles2019.map((q, i) => ({ ...q, denominator: i === 0 ? 5000 : 1000 }))
    const sii = inequalityOf(weighted, obesity)!
    assert.equal(sii.equalWeights, false)
    assert.notEqual(sii.sii, inequalityOf(quintiles2019, obesity)!.sii)
  })

  test('no SII without five ranked groups with limits, or for groups of unknown size that are not quantiles', () => {
    assert.equal(inequalityOf(quintiles2019.slice(0, 4), obesity), null)
    assert.equal(
      inequalityOf(
        quintiles2019.map((q, i) => (i === 2 ? { ...q, categoryRank: null } : q)),
        obesity,
      ),
      null,
    )
    assert.equal(
      inequalityOf(
        quintiles2019.map((q, i) => (i === 2 ? row(q.category, 20.2, null, null, { categoryRank: 3 }) : q)),
        obesity,
      ),
      null,
    )
    assert.equal(
      inequalityOf(
        quintiles2019.map((q) => ({ ...q, categoryType: 'Ethnicity' })),
        obesity,
      ),
      null,
    )
    assert.equal(
      inequalityOf(
        quintiles2019.map((q, i) => (i === 0 ? row(q.category, 0, 0, 1, { categoryRank: 1 }) : q)),
        obesity,
      ),
      null,
      'a 0% limit has no logit',
    )
  })

  test('in words, an interval that includes zero cannot show a gap, and a high-is-good indicator reads the other way', () => {
    const words = inequalityWords(
      { sii: 2, lower: -1, upper: 5, equalWeights: false, groups: 5 },
      { title: 'Good level of development', areaName: 'Oldham', unit: 'percentage points', polarity: 'high-is-good', format: (n) => n.toFixed(1) },
    )
    assert.match(
      words,
      /about 2\.0 percentage points \(95% confidence interval -1\.0 to 5\.0\), higher among the least deprived\. The most deprived fare worse\. The interval includes zero, so these figures cannot show a real gap\./,
    )
  })
})
