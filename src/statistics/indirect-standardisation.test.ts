import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { limitsAt } from './estimate.ts'
import { indirectlyStandardisedRate, indirectlyStandardisedRatio, type IndirectStandardisationBand } from './indirect-standardisation.ts'
import { assertMatches, num, readSheet, required, type CsvRow } from './test-support.ts'

const results = readSheet('DSR_ISR', 'testresults_ISR')
const reference = readSheet('DSR_ISR', 'refdata')
const multiarea = readSheet('DSR_ISR', 'testdata_multiarea')
const ownReference = readSheet('DSR_ISR', 'testdata_multiarea_isr')
const zeroPopulation = readSheet('DSR_ISR', 'testdata_err2')
const observedTotals = readSheet('DSR_ISR', 'testdata_multiarea_lookup')

/** Local rows joined to the reference by band position, as calculate_ISRate does with vectors. */
function bandsOf(rows: CsvRow[]): IndirectStandardisationBand[] {
  assert.equal(rows.length, reference.length)
  return rows.map((row, i) => ({
    count: num(row.count),
    population: num(row.pop),
    referenceCount: num(reference[i]!.refcount),
    referencePopulation: required(reference[i]!.refpop),
  }))
}

function inputsFor(area: string): CsvRow[] {
  const rows = multiarea.filter((r) => r.area === area)
  return rows.length > 0 ? rows : zeroPopulation.filter((r) => r.area === area)
}

describe('indirect standardisation reproduces testresults_ISR', () => {
  test('every row (16): rates per 100,000 and 1,000, ratios ×1 and ×100, and a zero-population band', () => {
    assert.equal(results.length, 16)
    for (const row of results) {
      const statistic = row.statistic!
      const label = `${row.area} (${statistic})`
      const scale = Number(statistic.match(/(\d+)$/)![1])
      const twoLevels = row.lower99_8cl !== ''
      const confidence = twoLevels ? [0.95, 0.998] : 0.95
      const bands = bandsOf(inputsFor(row.area!))
      let result
      if (statistic.startsWith('indirectly standardised rate')) {
        result = indirectlyStandardisedRate(bands, { multiplier: scale, confidence })
        assertMatches(result.referenceRate, row.ref_rate, `${label} reference rate`)
      } else {
        result = indirectlyStandardisedRatio(bands, { referenceValue: scale, confidence })
      }
      assertMatches(result.observed, row.observed, `${label} observed`)
      assertMatches(result.expected, row.expected, `${label} expected`)
      assertMatches(result.value, row.value, `${label} value`)
      assertMatches(limitsAt(result, 0.95)?.lower, row.lower95_0cl, `${label} lower 95`)
      assertMatches(limitsAt(result, 0.95)?.upper, row.upper95_0cl, `${label} upper 95`)
      if (twoLevels) {
        assertMatches(limitsAt(result, 0.998)?.lower, row.lower99_8cl, `${label} lower 99.8`)
        assertMatches(limitsAt(result, 0.998)?.upper, row.upper99_8cl, `${label} upper 99.8`)
      }
      assert.equal(result.method, row.method === 'Byars' ? 'Byar' : row.method, `${label} method`)
    }
  })

  test('reference counts and populations given beside the local data (testdata_multiarea_isr) give the same rows', () => {
    for (const row of results.slice(0, 3)) {
      const bands = ownReference
        .filter((r) => r.area === row.area)
        .map((r) => ({
          count: num(r.count),
          population: num(r.pop),
          referenceCount: num(r.refcount),
          referencePopulation: required(r.refpop),
        }))
      const result = indirectlyStandardisedRate(bands, { confidence: [0.95, 0.998] })
      assertMatches(result.value, row.value, `${row.area} value`)
      assertMatches(limitsAt(result, 0.998)?.upper, row.upper99_8cl, `${row.area} upper 99.8`)
    }
  })

  test('observed totals from a lookup (testdata_multiarea_lookup) give the same rows', () => {
    for (const row of results.slice(0, 3)) {
      const observedTotal = required(observedTotals.find((r) => r.area === row.area)!.total_count)
      const bands = bandsOf(inputsFor(row.area!)).map((band) => ({ ...band, count: null }))
      const result = indirectlyStandardisedRate(bands, { observedTotal })
      assertMatches(result.observed, row.observed, `${row.area} observed`)
      assertMatches(result.value, row.value, `${row.area} value`)
      assertMatches(result.limits[0]!.lower, row.lower95_0cl, `${row.area} lower 95`)
    }
  })
})

describe('indirect standardisation refuses the error sheets', () => {
  test('testdata_err1: a negative count', () => {
    assert.throws(() => indirectlyStandardisedRate(bandsOf(readSheet('DSR_ISR', 'testdata_err1'))), {
      name: 'StatisticsInputError',
      message: /count \(-26\) cannot be negative/,
    })
  })

  test('testdata_err3: a negative population', () => {
    assert.throws(() => indirectlyStandardisedRatio(bandsOf(readSheet('DSR_ISR', 'testdata_err3'))), /population \(-558\) cannot be negative/)
  })

  test('no local population leaves nothing expected: null, not Infinity', () => {
    const bands = bandsOf(inputsFor('testdata_big')).map((band) => ({ ...band, population: 0 }))
    const result = indirectlyStandardisedRatio(bands)
    assert.equal(result.expected, 0)
    assert.equal(result.value, null)
    assert.deepEqual(result.limits, [{ confidence: 0.95, lower: null, upper: null }])
  })
})
