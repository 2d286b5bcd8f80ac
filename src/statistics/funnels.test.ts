import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { FUNNEL_SIGNIFICANCE_LABELS, type FunnelSignificance } from './funnel-significance.ts'
import { proportionFunnelLimits, proportionFunnelSignificance } from './funnel-proportions.ts'
import { ratioFunnelLimits, ratioFunnelSignificance } from './funnel-ratios.ts'
import { rateFunnelLimits, rateFunnelPoints, rateFunnelSignificance, type FunnelRateOptions, type FunnelRatePoint } from './funnel-rates.ts'
import { assertMatches, num, readReference, required, type CsvRow } from './test-support.ts'

// The funnel cases of PHEindicatormethods' testFunnels.R. The expected files print 7–10 significant
// figures, so values are compared to half a unit in the last printed place.
const rounded = { rounded: true }
const read = (name: string) => readReference(`testdata/${name}`)
const label = (significance: FunnelSignificance) => FUNNEL_SIGNIFICANCE_LABELS[significance]

describe('proportion funnels reproduce testdata_funnel_prop_*', () => {
  const inputs = read('testdata_funnel_prop_inputs.csv')
  const points = inputs.map((row) => ({ numerator: required(row.numerator), denominator: required(row.denominator) }))

  function assertLimits(expected: CsvRow[], actual: ReturnType<typeof proportionFunnelLimits>): void {
    assert.equal(actual.rows.length, expected.length)
    actual.rows.forEach((row, i) => {
      const want = expected[i]!
      assertMatches(row.x, want.Population, `row ${i + 1} population`)
      assertMatches(row.lower95, want.Lower2s0025limit, `row ${i + 1} lower 2σ`, rounded)
      assertMatches(row.upper95, want.Upper2s0025limit, `row ${i + 1} upper 2σ`, rounded)
      assertMatches(row.lower998, want.Lower3s0001limit, `row ${i + 1} lower 3σ`, rounded)
      assertMatches(row.upper998, want.Upper3s0001limit, `row ${i + 1} upper 3σ`, rounded)
      assertMatches(actual.baseline, want.Baseline, `row ${i + 1} baseline`, rounded)
    })
  }

  test('limits over all 303 areas: every row (100), the axis starting at 1', () => {
    assertLimits(read('testdata_funnel_prop_outputs.csv'), proportionFunnelLimits(points, { multiplier: 100 }))
  })

  test('limits over areas with denominators under 31,000: every row (100), the axis starting at a tidy 10,000', () => {
    assertLimits(read('testdata_funnel_prop_outputs_with_axis_variation.csv'), proportionFunnelLimits(points.filter((p) => p.denominator < 31000)))
  })

  test('significance of every area (303)', () => {
    assert.equal(inputs.length, 303)
    assert.deepEqual(
      proportionFunnelSignificance(points).map(label),
      inputs.map((row) => row.significance),
    )
  })

  test('impossible points are refused', () => {
    assert.throws(() => proportionFunnelSignificance([{ numerator: 30, denominator: 0 }]), /denominator \(0\) must be greater than zero/)
    assert.throws(() => proportionFunnelSignificance([{ numerator: -80, denominator: 100 }]), /cannot be negative/)
    assert.throws(() => proportionFunnelSignificance([{ numerator: 30, denominator: 20 }]), /cannot be greater than its denominator/)
  })
})

describe('ratio funnels reproduce testdata_funnel_ratio_*', () => {
  const inputs = read('testdata_funnel_ratio_inputs.csv')
  const points = inputs.map((row) => ({ observed: required(row.obs), expected: required(row.expected) }))

  test('limits as counts and as ISRs: every row (100)', () => {
    const expected = read('testdata_funnel_ratio_outputs.csv')
    const counts = ratioFunnelLimits(points, 'count')
    const isrs = ratioFunnelLimits(points, 'isr')
    assert.equal(counts.length, expected.length)
    counts.forEach((row, i) => {
      const want = expected[i]!
      const at = `row ${i + 1}`
      assertMatches(row.x, want.Observed_events, `${at} observed`)
      for (const [limit, column] of [
        ['lower95', 'lower_2s'],
        ['upper95', 'upper_2s'],
        ['lower998', 'lower_3s'],
        ['upper998', 'upper_3s'],
      ] as const) {
        assertMatches(row.expectedAt[limit], want[`${column}_exp_events`], `${at} ${column} expected events`, rounded)
        assertMatches(row[limit], want[`${column}_count`], `${at} ${column} count`, rounded)
        assertMatches(isrs[i]![limit], want[`${column}_isr`], `${at} ${column} isr`, rounded)
      }
    })
  })

  test('significance of every point (300)', () => {
    assert.equal(inputs.length, 300)
    assert.deepEqual(
      ratioFunnelSignificance(points).map(label),
      inputs.map((row) => row.significance),
    )
  })
})

describe('rate funnels reproduce testdata_funnel_rate_*', () => {
  const funnelInputs = read('testdata_funnel_rate_input_funnels.csv')
  const maxEvents = Math.max(...funnelInputs.map((row) => required(row.ev)))

  function assertRateLimits(expected: CsvRow[], actual: ReturnType<typeof rateFunnelLimits>): void {
    assert.equal(actual.rows.length, expected.length)
    actual.rows.forEach((row, i) => {
      const want = expected[i]!
      const at = `row ${i + 1}`
      assertMatches(row.x, want.Events, `${at} events`)
      for (const [limit, column] of [
        ['lower95', 'lower_2s'],
        ['upper95', 'upper_2s'],
        ['lower998', 'lower_3s'],
        ['upper998', 'upper_3s'],
      ] as const) {
        assertMatches(row.populationPerYear[limit], want[`${column}_population_1_year`], `${at} ${column} population`, rounded)
        assertMatches(row[limit], want[`${column}_limit`], `${at} ${column} limit`, rounded)
      }
      assertMatches(actual.baseline, want.baseline, `${at} baseline`, rounded)
    })
  }

  test('DSR limits over three years: every row (100)', () => {
    const points = funnelInputs.map((row) => ({ events: required(row.ev), rate: required(row.rate) }))
    assertRateLimits(read('testdata_funnel_rate_outputs.csv'), rateFunnelLimits(points, { rateType: 'dsr', multiplier: 1e5, yearsOfData: 3 }))
  })

  test('crude-rate limits with one area under 10 events: every row (100)', () => {
    const points = funnelInputs.map((row) => ({ events: required(row.ev) === maxEvents ? 5 : required(row.ev), rate: required(row.rate) }))
    assertRateLimits(read('testdata_funnel_rate_outputs_2.csv'), rateFunnelLimits(points, { rateType: 'crude', multiplier: 1e5, yearsOfData: 3 }))
  })

  test('crude-rate limits with an area of no events and denominators given: every row (100)', () => {
    const withPopulation = funnelInputs.map((row) => {
      const events = required(row.ev)
      const denominator = (1e5 * events) / required(row.rate)
      return events === maxEvents ? { events: 0, rate: 0, denominator } : { events, rate: required(row.rate), denominator }
    })
    const largest = Math.max(...withPopulation.map((p) => p.denominator))
    const points = withPopulation.filter((p) => p.denominator > largest / 2)
    assertRateLimits(read('testdata_funnel_rate_outputs_3.csv'), rateFunnelLimits(points, { rateType: 'crude', multiplier: 1e5, yearsOfData: 3 }))
  })

  test('significance in all 8 settings of testdata_funnel_rate_dsr_inputs (40 + 39 points each way)', () => {
    const inputs = read('testdata_funnel_rate_dsr_inputs.csv')
    assert.equal(inputs.length, 40)
    const settings: [column: string, rateColumn: string, options: Omit<FunnelRateOptions, 'yearsOfData'>][] = [
      ['dsr_per_100000', 'rate_dsr', { rateType: 'dsr', multiplier: 1e5 }],
      ['dsr_per_100', 'rate_dsr', { rateType: 'dsr', multiplier: 100 }],
      ['crude_per_100000', 'rate_crude_per_100000', { rateType: 'crude', multiplier: 1e5 }],
      ['crude_per_100', 'rate_crude_per_100', { rateType: 'crude', multiplier: 100 }],
    ]
    let checked = 0
    for (const [column, rateColumn, options] of settings) {
      for (const withZero of [true, false]) {
        const rows = inputs.filter((row) => withZero || required(row.count) !== 0)
        const points: FunnelRatePoint[] = rows.map((row) => ({ events: required(row.count), rate: num(row[rateColumn]), denominator: required(row.pop) }))
        const expected = rows.map((row) => row[`${column}_${withZero ? 'with' : 'without'}_0`])
        assert.deepEqual(rateFunnelSignificance(points, { ...options, yearsOfData: 1 }).map(label), expected, `${column} ${withZero ? 'with' : 'without'} 0`)
        checked += rows.length
      }
    }
    assert.equal(checked, 4 * (40 + 39))
  })

  test('chart points: DSRs under 10 events dropped, crude rates with and without denominators (50 each)', () => {
    const dsr = funnelInputs.map((row) => ({ events: required(row.ev) === maxEvents ? 5 : required(row.ev), rate: required(row.rate) }))
    const crude = funnelInputs.map((row) => ({ events: required(row.ev), rate: required(row.rate) }))
    const withDenominator = funnelInputs.map((row) => ({
      events: required(row.ev) === maxEvents ? 0 : required(row.ev),
      rate: required(row.rate),
      denominator: required(row.pop),
    }))
    const cases: [FunnelRatePoint[], FunnelRateOptions, string, string][] = [
      [dsr, { rateType: 'dsr', multiplier: 1e5, yearsOfData: 3 }, 'rate_chart', 'denominator_derived'],
      [crude, { rateType: 'crude', multiplier: 1e5, yearsOfData: 3 }, 'rate_chart_crude', 'denominator_derived_crude'],
      [withDenominator, { rateType: 'crude', multiplier: 1e5, yearsOfData: 5 }, 'rate_chart_crude_with_denom', 'denominator_derived_crude_with_denom'],
    ]
    for (const [points, options, rateColumn, populationColumn] of cases) {
      rateFunnelPoints(points, options).forEach((point, i) => {
        assertMatches(point.rate, funnelInputs[i]![rateColumn], `${rateColumn} row ${i + 1}`, rounded)
        assertMatches(point.populationPerYear, funnelInputs[i]![populationColumn], `${populationColumn} row ${i + 1}`, rounded)
      })
    }
  })
})
