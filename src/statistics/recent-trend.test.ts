import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Polarity } from './polarity.ts'
import { recentTrend, RECENT_TREND_LABELS, TREND_CHI_SQUARE_THRESHOLD, type RecentTrend, type TrendPoint, type TrendValueType } from './recent-trend.ts'
import { groupBy, num, readReference } from './test-support.ts'

// FingertipsNext's trend-analysis unit-test series (TrendCalculatorTests.cs), with its expected outcomes.
const rows = readReference('testdata/FingertipsNext_trend_test_points.csv')
const series = groupBy(rows, (row) => row.dataset!)

const polarityOf: Record<string, Polarity> = { 'High is good': 'high-is-good', 'Low is good': 'low-is-good', 'No judgement': 'no-judgement' }
const valueTypeOf = (name: string): TrendValueType =>
  name === 'Proportion' ? 'proportion' : name === 'Crude rate' ? 'crude-rate' : name === 'Directly standardised rate' ? 'directly-standardised-rate' : 'other'
/** "IncreasingAndGettingWorse (…)" → 'increasing-and-getting-worse'; NoChange is Fingertips' "no significant change". */
const expectedTrend = (cell: string): RecentTrend => {
  const name = cell.split(' ')[0]!
  if (name === 'NoChange') return 'no-significant-change'
  return name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase() as RecentTrend
}

function pointsOf(dataset: string): TrendPoint[] {
  return series
    .get(dataset)!
    .toSorted((a, b) => a.to_date!.localeCompare(b.to_date!))
    .map((row) => ({
      value: num(row.value),
      count: num(row.count),
      denominator: num(row.denominator),
      lower95: num(row.lower_ci95),
      upper95: num(row.upper_ci95),
    }))
}

describe('recent trend reproduces the FingertipsNext series', () => {
  test('every series (6) gives the expected outcome', () => {
    assert.equal(series.size, 6)
    for (const [dataset, members] of series) {
      const first = members[0]!
      const result = recentTrend(pointsOf(dataset), { polarity: polarityOf[first.polarity!]!, valueType: valueTypeOf(first.value_type!) })
      assert.equal(result.trend, expectedTrend(first.expected_trend!), dataset)
    }
  })

  test('the cancer mortality series with only its four latest points cannot be calculated', () => {
    const points = pointsOf('Under75CancerMortality')
    assert.equal(recentTrend(points, { polarity: 'low-is-good', valueType: 'directly-standardised-rate' }).trend, 'decreasing-and-getting-better')
    assert.equal(recentTrend(points.slice(1), { polarity: 'low-is-good', valueType: 'directly-standardised-rate' }).trend, 'cannot-be-calculated')
  })
})

describe('recent trend', () => {
  // A steady run with tight intervals: significant whichever point is dropped.
  const run = (values: number[]): TrendPoint[] =>
    values.map((value) => ({ value, count: value * 10, denominator: 1000, lower95: value - 0.2, upper95: value + 0.2 }))
  const rising = run([10, 11, 12, 13, 14])

  test('polarity decides better or worse; no judgement keeps the plain direction', () => {
    assert.equal(recentTrend(rising, { polarity: 'high-is-good', valueType: 'proportion' }).trend, 'increasing-and-getting-better')
    assert.equal(recentTrend(rising, { polarity: 'low-is-good', valueType: 'proportion' }).trend, 'increasing-and-getting-worse')
    assert.equal(recentTrend(rising, { polarity: 'no-judgement', valueType: 'proportion' }).trend, 'increasing')
    assert.equal(recentTrend(run([14, 13, 12, 11, 10]), { polarity: 'high-is-good', valueType: 'crude-rate' }).trend, 'decreasing-and-getting-worse')
    assert.equal(RECENT_TREND_LABELS['decreasing-and-getting-worse'], 'Decreasing and getting worse')
  })

  test('χ² is the weighted slope over its standard error, squared', () => {
    // Equal weights 1/SE² with SE = 0.4/3.92; slope 1 over t = 1…5 has variance SE²/10.
    const { chiSquare, slope } = recentTrend(rising, { polarity: 'high-is-good', valueType: 'proportion' })
    assert.ok(Math.abs(slope! - 1) < 1e-12)
    assert.ok(Math.abs(chiSquare! - 10 / (0.4 / 3.92) ** 2) < 1e-6)
    assert.ok(chiSquare! > TREND_CHI_SQUARE_THRESHOLD)
  })

  test('one point against the run changes a sign when left out, so no trend', () => {
    const zigzag = rising.map((p, i) => (i === 4 ? { ...p, value: 9, lower95: 8.8, upper95: 9.2 } : p))
    assert.equal(recentTrend(zigzag, { polarity: 'high-is-good', valueType: 'proportion' }).trend, 'no-significant-change')
  })

  test('a large χ² is not enough: a rise made by one year is not a trend', () => {
    // Every year flat bar a jump in the last; leaving that year out leaves a fall, so the slope's sign is not stable.
    const { trend, chiSquare } = recentTrend(run([10.4, 10, 10, 10, 14]), { polarity: 'high-is-good', valueType: 'proportion' })
    assert.ok(chiSquare! > TREND_CHI_SQUARE_THRESHOLD)
    assert.equal(trend, 'no-significant-change')
  })

  test('wide intervals make a rise not significant', () => {
    const noisy = rising.map((p) => ({ ...p, lower95: p.value! - 5, upper95: p.value! + 5 }))
    assert.equal(recentTrend(noisy, { polarity: 'high-is-good', valueType: 'proportion' }).trend, 'no-significant-change')
  })

  test('cannot be calculated: other value types, multi-year periods, gaps leaving fewer than five points, count equal to denominator', () => {
    const options = { polarity: 'high-is-good', valueType: 'proportion' } as const
    assert.equal(recentTrend(rising, { ...options, valueType: 'other' }).trend, 'cannot-be-calculated')
    assert.equal(recentTrend(rising, { ...options, yearRange: 3 }).trend, 'cannot-be-calculated')
    assert.equal(
      recentTrend(
        rising.map((p, i) => (i === 2 ? { ...p, count: null } : p)),
        options,
      ).trend,
      'cannot-be-calculated',
    )
    assert.equal(
      recentTrend(
        rising.map((p, i) => (i === 0 ? { ...p, count: 1000 } : p)),
        options,
      ).trend,
      'cannot-be-calculated',
    )
  })

  test('an earlier invalid point is skipped when five valid ones remain', () => {
    const withGap = [{ ...rising[0]!, value: null }, ...rising]
    assert.equal(recentTrend(withGap, { polarity: 'high-is-good', valueType: 'proportion' }).trend, 'increasing-and-getting-better')
  })
})
