import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { linePath, linearScale, niceTicks, tickPlaces, tidyNumber, whisker } from './model.ts'
import { barChart } from './bar-chart.ts'
import { spreadApart, trendChart, type TrendPoint } from './trend-chart.ts'
import { breakdownSets, compared, comparisonWords, headlineKey, latestPeriod, trendRows, type ShownValue } from './figures.ts'

describe('axis ticks', () => {
  test('round steps covering every value', () => {
    assert.deepEqual(niceTicks([21.5, 25.3, 26.1]), { min: 21, max: 27, step: 1, values: [21, 22, 23, 24, 25, 26, 27] })
    assert.deepEqual(niceTicks([0.12, 0.87]).values, [0, 0.2, 0.4, 0.6, 0.8, 1])
    assert.deepEqual(niceTicks([130, 1020]).values, [0, 200, 400, 600, 800, 1000, 1200])
  })

  test('bars get zero on their axis, negative values included', () => {
    assert.deepEqual(niceTicks([12, 28], { includeZero: true }).values, [0, 10, 20, 30])
    assert.deepEqual(niceTicks([-3.2, 4.1], { includeZero: true }).values, [-4, -2, 0, 2, 4, 6])
    assert.deepEqual(niceTicks([-30, -5], { includeZero: true }).values, [-30, -20, -10, 0])
  })

  test('no values, missing values and a single value still make an axis', () => {
    assert.deepEqual(niceTicks([]), { min: 0, max: 1, step: 0.25, values: [0, 0.25, 0.5, 0.75, 1] })
    assert.deepEqual(niceTicks([null, undefined, Number.NaN]).values, [0, 0.25, 0.5, 0.75, 1])
    const one = niceTicks([20])
    assert.ok(one.min < 20 && one.max > 20, 'a lone value sits inside the axis')
    assert.deepEqual(niceTicks([0]).values, [-1, -0.5, 0, 0.5, 1])
    assert.equal(niceTicks([5], { includeZero: true }).min, 0)
  })

  test('tick labels carry as many decimals as the step', () => {
    assert.equal(tickPlaces(niceTicks([21.5, 25.3])), 0)
    assert.equal(tickPlaces(niceTicks([14.4, 16.3])), 1)
    assert.equal(tickPlaces({ min: 0, max: 10, step: 2.5, values: [] }), 1)
    assert.equal(tickPlaces({ min: 0, max: 1, step: 0.25, values: [] }), 2)
  })
})

describe('scales, intervals and lines', () => {
  test('a scale maps its domain onto its range, either way up, and holds values beyond it at the edge', () => {
    const y = linearScale([0, 30], [300, 0])
    assert.equal(y(0), 300)
    assert.equal(y(15), 150)
    assert.equal(y(30), 0)
    assert.equal(y(45), 0)
    assert.equal(y(-5), 300)
    assert.equal(linearScale([5, 5], [0, 100])(5), 0, 'an empty domain does not divide by zero')
  })

  test('an interval past the axis is cut at its end and says so', () => {
    const x = linearScale([0, 10], [0, 100])
    assert.deepEqual(whisker(x, 2, 8), { from: 20, to: 80, clippedFrom: false, clippedTo: false })
    assert.deepEqual(whisker(x, -3, 12), { from: 0, to: 100, clippedFrom: true, clippedTo: true })
    assert.equal(whisker(x, null, 8), null)
  })

  test('a line lifts the pen over missing values rather than bridging them', () => {
    assert.equal(linePath([{ x: 0, y: 1 }, { x: 10, y: 2 }, null, { x: 30, y: 4 }, { x: 40, y: 5 }]), 'M0,1L10,2 M30,4L40,5')
    assert.equal(linePath([null, null]), '')
  })

  test('downloads lose the arithmetic’s noise, not the data’s precision', () => {
    assert.equal(tidyNumber(27.500000000000004), 27.5)
    assert.equal(tidyNumber(21.894885294932763), 21.8948852949)
  })
})

const point = (period: string, value: number | null, extra: Partial<TrendPoint> = {}): TrendPoint => ({
  period,
  value,
  lower: value == null ? null : value - 1,
  upper: value == null ? null : value + 1,
  benchmark: 20,
  target: null,
  illustrative: false,
  ...extra,
})

describe('the trend chart', () => {
  test('a marker and whisker per period with a value, the benchmark as its own line, names at the lines’ ends', () => {
    const chart = trendChart([point('2017/18', 25), point('2018/19', null), point('2019/20', 23, { target: 22, illustrative: true })], {
      places: 1,
      areaName: 'Oldham',
      benchmarkName: 'England',
    })
    assert.equal(chart.value.markers.length, 2)
    assert.equal(chart.whiskers.length, 2)
    assert.match(chart.value.path, /^M[\d.]+,[\d.]+ M[\d.]+,[\d.]+$/, 'the missing period is a gap in the line')
    assert.equal(chart.benchmark!.markers.length, 3)
    assert.deepEqual(
      chart.target!.markers.map((m) => m.label),
      ['Target, 2019/20: 22.0'],
    )
    assert.deepEqual(
      chart.value.markers.map((m) => m.illustrative),
      [false, true],
    )
    assert.deepEqual(chart.endLabels.map((l) => l.text).sort(), ['England', 'Oldham', 'Target'])
    for (const w of chart.whiskers) assert.ok(w.top < w.bottom && w.top >= chart.plot.top && w.bottom <= chart.plot.bottom)
    assert.ok(chart.xLabels[0]!.x < chart.xLabels[1]!.x)
  })

  test('the chart widens with the periods so their labels never overlap', () => {
    const many = Array.from({ length: 15 }, (_, i) => point(`${2005 + i}/${String(6 + i).padStart(2, '0')}`, 20 + i))
    const chart = trendChart(many, { places: 1, areaName: 'Oldham', benchmarkName: 'England' })
    assert.ok(chart.xLabels[1]!.x - chart.xLabels[0]!.x >= 80)
  })

  test('end labels that would overlap are spread apart within the plot', () => {
    const labels = [{ y: 100 }, { y: 104 }, { y: 300 }]
    spreadApart(labels, 20, 50, 290)
    assert.deepEqual(
      labels.map((l) => l.y),
      [100, 120, 290],
    )
  })
})

describe('the bar chart', () => {
  test('bars run from zero either way, with their intervals, and a row without a value says so', () => {
    const chart = barChart(
      [
        { label: 'Bury', value: 5, lower: 4, upper: 6, note: 'Similar to England' },
        { label: 'Oldham', value: -2, lower: -3, upper: -1, note: 'Lower than England', emphasis: true },
        { label: 'Wigan', value: null, lower: null, upper: null, note: '' },
      ],
      { places: 1, reference: { label: 'England', value: 4.5 } },
    )
    const [bury, oldham, wigan] = chart.rows
    assert.equal(bury!.bar!.x, chart.zero)
    assert.ok(oldham!.bar!.x < chart.zero && Math.abs(oldham!.bar!.x + oldham!.bar!.width - chart.zero) < 0.02, 'a negative bar ends at zero')
    assert.equal(wigan!.bar, null)
    assert.equal(wigan!.text, 'No value')
    assert.equal(bury!.text, '5.0: Similar to England')
    assert.equal(oldham!.emphasis, true)
    assert.equal(chart.reference!.label, 'England 4.5')
    assert.ok(chart.rows[1]!.y > chart.rows[0]!.y)
    assert.ok(chart.xTicks.some((t) => t.label === '0'))
  })

  test('with nothing to draw the axis is still sound', () => {
    const chart = barChart([], { places: 1 })
    assert.deepEqual(chart.rows, [])
    assert.equal(chart.reference, null)
    assert.ok(chart.height > 0)
  })
})

const figures = (value: number | null, lower: number | null = null, upper: number | null = null) => ({
  value,
  lower95: lower,
  upper95: upper,
  lower998: null,
  upper998: null,
  computed: { value: false, limits95: false, limits998: false },
})
const v = (over: Partial<ShownValue>): ShownValue => ({
  areaCode: 'E08000004',
  areaName: 'Oldham',
  periodStartsOn: '2019-09-01',
  period: '2019/20',
  sex: 'persons',
  age: '',
  categoryType: '',
  category: '',
  categoryRank: null,
  count: null,
  denominator: null,
  shown: figures(20, 19, 21),
  illustrative: false,
  note: '',
  ...over,
})

describe('which values the charts show', () => {
  test('the headline is persons when published, else the one sex and age the indicator has', () => {
    assert.deepEqual(headlineKey([v({ sex: 'female', age: '<18 yrs' }), v({ sex: 'persons', age: '10-11 yrs' })]), { sex: 'persons', age: '10-11 yrs' })
    assert.deepEqual(
      headlineKey([
        v({ sex: 'female', age: '<18 yrs' }),
        v({ sex: 'female', age: '<18 yrs', periodStartsOn: '2018-09-01' }),
        v({ sex: 'female', age: '15-17 yrs' }),
      ]),
      { sex: 'female', age: '<18 yrs' },
    )
    assert.equal(headlineKey([v({ categoryType: 'Ethnicity', category: 'White' })]), null)
    assert.equal(headlineKey([]), null)
  })

  test('the trend has a row for every period of the area, England or a target, and the latest period is the latest', () => {
    const values = [
      v({ periodStartsOn: '2018-09-01' }),
      v({ areaCode: 'E92000001', shown: figures(18) }),
      v({ areaCode: 'E92000001', periodStartsOn: '2017-09-01', shown: figures(17) }),
    ]
    const rows = trendRows(values, {
      areaCode: 'E08000004',
      benchmarkCode: 'E92000001',
      key: { sex: 'persons', age: '' },
      targets: new Map([['2020-09-01', 15]]),
      periodLabel: (p) => p.slice(0, 4),
    })
    assert.deepEqual(
      rows.map((r) => [r.period, r.value?.shown.value ?? null, r.benchmark, r.target]),
      [
        ['2017', null, 17, null],
        ['2018', 20, null, null],
        ['2019', null, 18, null],
        ['2020', null, null, 15],
      ],
    )
    assert.equal(latestPeriod(values), '2019-09-01')
    assert.equal(latestPeriod([]), null)
  })

  test('comparisons follow polarity and method; the words never rest on colour', () => {
    assert.equal(compared('ci-95', 'low-is-good', figures(25, 24, 26), 21.9), 'worse')
    assert.equal(compared('ci-95', 'high-is-good', figures(25, 24, 26), 21.9), 'better')
    assert.equal(compared('ci-95', 'no-judgement', figures(25, 24, 26), 21.9), 'higher')
    assert.equal(compared('ci-95', 'low-is-good', figures(25, 21, 26), 21.9), 'similar')
    assert.equal(compared('ci-99.8', 'low-is-good', figures(25, 24, 26), 21.9), 'not-compared', '99.8% limits missing')
    assert.equal(compared('none', 'low-is-good', figures(25, 24, 26), 21.9), 'not-compared')
    assert.equal(comparisonWords('worse', 'England'), 'Worse than England')
    assert.equal(comparisonWords('not-compared', 'England'), 'Not compared')
  })

  test('breakdowns: localities by name, then each group breakdown in rank order, oldest period first', () => {
    const values = [
      v({ areaCode: 'L2', areaName: 'West' }),
      v({ areaCode: 'L1', areaName: 'East' }),
      v({ categoryType: 'IMD quintile', category: 'Least deprived', categoryRank: 5 }),
      v({ categoryType: 'IMD quintile', category: 'Most deprived', categoryRank: 1 }),
      v({ categoryType: 'IMD quintile', category: 'Most deprived', categoryRank: 1, periodStartsOn: '2018-09-01' }),
      v({ areaCode: 'E08000005', categoryType: 'IMD quintile', category: 'Elsewhere', categoryRank: 1 }),
    ]
    const sets = breakdownSets(values, { areaCode: 'E08000004', key: { sex: 'persons', age: '' }, localityCodes: new Set(['L1', 'L2']) })
    assert.deepEqual(
      sets.map((s) => [s.title, s.kind, s.periods.map((p) => p.periodStartsOn)]),
      [
        ['Localities', 'locality', ['2019-09-01']],
        ['IMD quintile', 'group', ['2018-09-01', '2019-09-01']],
      ],
    )
    assert.deepEqual(
      sets[0]!.periods[0]!.rows.map((r) => r.areaName),
      ['East', 'West'],
    )
    assert.deepEqual(
      sets[1]!.periods[1]!.rows.map((r) => r.category),
      ['Most deprived', 'Least deprived'],
      'only the area’s own groups',
    )
  })
})
