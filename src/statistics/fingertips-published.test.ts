import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { proportion } from './proportion.ts'
import { crudeRate } from './rate.ts'
import { assertMatches, readReference, required } from './test-support.ts'

// Real Fingertips values (FingertipsNext's health data extract): for these indicators Fingertips
// published limits from the same count and denominator, so the methods must give them back.
const data = readReference('data/FingertipsNext_healthdata_151f984a.csv')

function rowsOf(indicatorId: string) {
  return data
    .filter((row) => row.IndicatorId === indicatorId && row.Count !== '' && row.Denominator !== '' && row.LowerCI !== '')
    .map((row) => {
      const count = required(row.Count)
      const denominator = required(row.Denominator)
      // Published per 100 or per 100,000: the power of ten that turns count/denominator into the value.
      const multiplier = 10 ** Math.round(Math.log10(required(row.Value) / (count / denominator)))
      return { row, count, denominator, multiplier }
    })
}

describe('published Fingertips limits', () => {
  const proportions: [id: string, name: string, rows: number][] = [
    ['93474', 'deaths in hospital', 2340],
    ['94063', 'breast screening coverage', 193],
  ]
  for (const [id, name, expectedRows] of proportions) {
    test(`Wilson limits of indicator ${id} (${name}), every area and year (${expectedRows})`, () => {
      const rows = rowsOf(id)
      assert.equal(rows.length, expectedRows)
      for (const { row, count, denominator, multiplier } of rows) {
        const result = proportion(count, denominator, { multiplier })
        const label = `${id} ${row.AreaCode} ${row.Year}`
        assertMatches(result.value, row.Value, `${label} value`)
        assertMatches(result.limits[0]!.lower, row.LowerCI, `${label} lower`)
        assertMatches(result.limits[0]!.upper, row.UpperCI, `${label} upper`)
      }
    })
  }

  test('Poisson limits of indicator 92266 (general fertility rate), every area and year (175)', () => {
    const rows = rowsOf('92266')
    assert.equal(rows.length, 175)
    for (const { row, count, denominator, multiplier } of rows) {
      const result = crudeRate(count, denominator, { multiplier })
      assertMatches(result.limits[0]!.lower, row.LowerCI, `${row.AreaCode} ${row.Year} lower`)
      assertMatches(result.limits[0]!.upper, row.UpperCI, `${row.AreaCode} ${row.Year} upper`)
    }
  })
})
