import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { limitsAt } from './estimate.ts'
import { StatisticsInputError } from './errors.ts'
import { proportion } from './proportion.ts'
import { assertMatches, num, readSheet, required, type CsvRow } from './test-support.ts'

describe('proportion reproduces testdata_Proportion', () => {
  test('testdata_Prop: every row (19), both confidence levels, multipliers 1 and 100', () => {
    const rows = readSheet('Proportion', 'testdata_Prop')
    assert.equal(rows.length, 19)
    for (const row of rows) {
      const result = proportion(num(row.Numerator), num(row.Denominator), { multiplier: required(row.multiplier), confidence: [0.95, 0.998] })
      const label = `${row.Area} ×${row.multiplier}`
      assertMatches(result.value, row.value, `${label} value`)
      assertMatches(limitsAt(result, 0.95)?.lower, row.lower95_0cl, `${label} lower 95`)
      assertMatches(limitsAt(result, 0.95)?.upper, row.upper95_0cl, `${label} upper 95`)
      assertMatches(limitsAt(result, 0.998)?.lower, row.lower99_8cl, `${label} lower 99.8`)
      assertMatches(limitsAt(result, 0.998)?.upper, row.upper99_8cl, `${label} upper 99.8`)
    }
  })

  test('testdata_Prop_g: every row (11), counts summed by area first', () => {
    const inputs = readSheet('Proportion', 'testdata_Prop')
    const rows = readSheet('Proportion', 'testdata_Prop_g')
    assert.equal(rows.length, 11)
    // phe_proportion on grouped data sums x and n per group; a missing one makes the sum missing.
    const total = (area: string, column: keyof CsvRow) => {
      const cells = inputs.filter((input) => input.Area === area).map((input) => num(input[column]))
      return cells.some((cell) => cell == null) ? null : cells.reduce((sum: number, cell) => sum + cell!, 0)
    }
    for (const row of rows) {
      const result = proportion(total(row.Area!, 'Numerator'), total(row.Area!, 'Denominator'), { multiplier: required(row.multiplier) })
      assertMatches(result.value, row.value, `${row.Area} value`)
      assertMatches(result.limits[0]!.lower, row.lowercl, `${row.Area} lower`)
      assertMatches(result.limits[0]!.upper, row.uppercl, `${row.Area} upper`)
    }
  })
})

describe('proportion refuses impossible inputs', () => {
  test('a negative count, a denominator of zero or less, a count above the denominator', () => {
    assert.throws(() => proportion(-1, 100), { name: 'StatisticsInputError', message: /count \(-1\) cannot be negative/ })
    assert.throws(() => proportion(-1, null), StatisticsInputError)
    assert.throws(() => proportion(5, 0), /denominator \(0\) must be greater than zero/)
    assert.throws(() => proportion(5, -10), /denominator/)
    assert.throws(() => proportion(null, 0), /denominator \(0\) must be greater than zero/)
    assert.throws(() => proportion(101, 100), /cannot be greater than the denominator \(100\)/)
  })

  test('at 100% confidence the interval is everything', () => {
    const result = proportion(3, 10, { confidence: 1 })
    assert.deepEqual(result.limits, [{ confidence: 1, lower: 0, upper: 1 }])
  })
})
