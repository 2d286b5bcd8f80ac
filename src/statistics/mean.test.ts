import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { limitsAt } from './estimate.ts'
import { mean } from './mean.ts'
import { assertMatches, readSheet, required } from './test-support.ts'

describe('mean reproduces testdata_Mean', () => {
  test('every row of testdata_Mean_results (3): two areas and all values together', () => {
    const values = readSheet('Mean', 'testdata_Mean')
    const rows = readSheet('Mean', 'testdata_Mean_results')
    assert.equal(rows.length, 3)
    for (const row of rows) {
      const group = values.filter((v) => row.area === 'No grouping' || v.area === row.area).map((v) => required(v.values))
      const result = mean(group, { confidence: [95, 99.8] })
      assertMatches(result.sum, row.value_sum, `${row.area} sum`)
      assertMatches(result.count, row.value_count, `${row.area} count`)
      assertMatches(result.standardDeviation, row.stdev, `${row.area} sd`)
      assertMatches(result.value, row.value, `${row.area} value`)
      assertMatches(limitsAt(result, 0.95)?.lower, row.lower95_0cl, `${row.area} lower 95`)
      assertMatches(limitsAt(result, 0.95)?.upper, row.upper95_0cl, `${row.area} upper 95`)
      assertMatches(limitsAt(result, 0.998)?.lower, row.lower99_8cl, `${row.area} lower 99.8`)
      assertMatches(limitsAt(result, 0.998)?.upper, row.upper99_8cl, `${row.area} upper 99.8`)
    }
  })

  test('one value has no spread, so no limits', () => {
    const result = mean([4])
    assert.equal(result.value, 4)
    assert.deepEqual(result.limits, [{ confidence: 0.95, lower: null, upper: null }])
  })
})
