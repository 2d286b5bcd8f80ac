import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { limitsAt } from './estimate.ts'
import { crudeRate } from './rate.ts'
import { assertMatches, num, readSheet, required, type CsvRow } from './test-support.ts'

// The workbooks say "Byars"; the method is Byar's.
const method = (cell: string | undefined) => (cell === '' ? null : cell === 'Byars' ? 'Byar' : cell)

describe('crude rate reproduces testdata_Rate', () => {
  test('testdata_Rate: every row (20), both confidence levels, per 100 and per 100,000', () => {
    const rows = readSheet('Rate', 'testdata_Rate')
    assert.equal(rows.length, 20)
    for (const row of rows) {
      const result = crudeRate(num(row.Numerator), num(row.Denominator), { multiplier: required(row.multiplier), confidence: [0.95, 0.998] })
      const label = `${row.Area} per ${row.multiplier}`
      assertMatches(result.value, row.value, `${label} value`)
      assertMatches(limitsAt(result, 0.95)?.lower, row.lower95_0cl, `${label} lower 95`)
      assertMatches(limitsAt(result, 0.95)?.upper, row.upper95_0cl, `${label} upper 95`)
      assertMatches(limitsAt(result, 0.998)?.lower, row.lower99_8cl, `${label} lower 99.8`)
      assertMatches(limitsAt(result, 0.998)?.upper, row.upper99_8cl, `${label} upper 99.8`)
      assert.equal(result.method, method(row.method), `${label} method`)
    }
  })

  test('testdata_Rate_g: every row (12), counts summed by area first, default multiplier', () => {
    const inputs = readSheet('Rate', 'testdata_Rate')
    const rows = readSheet('Rate', 'testdata_Rate_g')
    assert.equal(rows.length, 12)
    const total = (area: string, column: keyof CsvRow) => {
      const cells = inputs.filter((input) => input.Area === area).map((input) => num(input[column]))
      return cells.some((cell) => cell == null) ? null : cells.reduce((sum: number, cell) => sum + cell!, 0)
    }
    for (const row of rows) {
      // Area12 appears once in testdata_Rate, so its "group" is itself.
      const result = crudeRate(total(row.Area!, 'Numerator'), total(row.Area!, 'Denominator'))
      assertMatches(result.value, row.value, `${row.Area} value`)
      assertMatches(result.limits[0]!.lower, row.lowercl, `${row.Area} lower`)
      assertMatches(result.limits[0]!.upper, row.uppercl, `${row.Area} upper`)
      assert.equal(result.method, method(row.method), `${row.Area} method`)
    }
  })
})

describe('crude rate refuses impossible inputs', () => {
  test('a negative count or a denominator of zero or less; a count above the denominator is fine', () => {
    assert.throws(() => crudeRate(-1, 100), /count \(-1\) cannot be negative/)
    assert.throws(() => crudeRate(5, 0), /denominator \(0\) must be greater than zero/)
    assert.equal(crudeRate(250, 220, { multiplier: 100 }).value, (250 / 220) * 100)
  })
})
