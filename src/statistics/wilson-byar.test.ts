import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { byarLower, byarUpper } from './byar.ts'
import { confidenceFraction, confidenceLevels, zFor } from './confidence.ts'
import { StatisticsInputError } from './errors.ts'
import { exactPoissonLimits } from './exact-poisson.ts'
import { wilsonLimits } from './wilson.ts'
import { assertMatches, percent, readSheet, required } from './test-support.ts'

describe('z for a confidence level', () => {
  test('95% and 99.8%, given as fractions or percentages', () => {
    assert.equal(zFor(0.95).toFixed(6), '1.959964')
    assert.equal(zFor(95).toFixed(6), '1.959964')
    assert.equal(zFor(0.998).toFixed(6), '3.090232')
    assert.equal(zFor(99.8).toFixed(6), '3.090232')
    assert.deepEqual(confidenceLevels([95, 0.998]), [0.95, 0.998])
  })

  test('levels outside 90–100% are refused, as PHEindicatormethods does', () => {
    for (const bad of [0.74, 3, 1000, Number.NaN]) assert.throws(() => confidenceFraction(bad), StatisticsInputError)
  })
})

describe('Byar and Wilson limits reproduce testdata_Byars_Wilson', () => {
  const rows = readSheet('Byars_Wilson', 'testdata_B_W')

  test('every row (13)', () => {
    assert.equal(rows.length, 13)
    for (const [i, row] of rows.entries()) {
      const x = required(row.x)
      const confidence = percent(row.confidence)
      const label = `row ${i + 1} (${row.method} x=${row.x} n=${row.n} at ${row.confidence})`
      if (row.method === 'Byars') {
        assertMatches(byarLower(x, confidence), row.lowercl, `${label} lower`)
        assertMatches(byarUpper(x, confidence), row.uppercl, `${label} upper`)
      } else {
        const { lower, upper } = wilsonLimits(x, required(row.n), confidence)
        assertMatches(lower, row.lowercl, `${label} lower`)
        assertMatches(upper, row.uppercl, `${label} upper`)
      }
    }
  })
})

describe('exact Poisson limits', () => {
  test('one event at 95%: χ²(0.025, 2)/2 and χ²(0.975, 4)/2', () => {
    const { lower, upper } = exactPoissonLimits(1, 0.95)
    assert.ok(Math.abs(lower - 0.025317807984289897) < 1e-15)
    assert.ok(Math.abs(upper - 5.571643390938898) < 1e-12)
  })

  test('no events: lower limit 0, upper −ln(0.025)', () => {
    const { lower, upper } = exactPoissonLimits(0, 0.95)
    assert.equal(lower, 0)
    assert.ok(Math.abs(upper + Math.log(0.025)) < 1e-12)
  })

  test('negative counts are refused', () => {
    assert.throws(() => exactPoissonLimits(-1, 0.95), /cannot be negative/)
    assert.throws(() => byarUpper(-1, 0.95), /cannot be negative/)
  })
})
