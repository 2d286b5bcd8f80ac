import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { directlyStandardisedRate, directlyStandardisedRateForNonIndependentEvents, type StandardisationBand } from './dsr.ts'
import { limitsAt } from './estimate.ts'
import { StatisticsInputError } from './errors.ts'
import { assertMatches, num, readSheet, required, type CsvRow } from './test-support.ts'

const results = readSheet('DSR_ISR', 'testresults_DSR')
const multiarea = readSheet('DSR_ISR', 'testdata_multiarea')
const nonIndependent = readSheet('DSR_ISR', 'testdata_nonindepe')
const esp1976 = readSheet('DSR_ISR', 'testdata_1976')

const bandsOf = (rows: CsvRow[]): StandardisationBand[] => rows.map((row) => ({ count: num(row.count), population: required(row.pop) }))

function assertResult(actual: ReturnType<typeof directlyStandardisedRate>, row: CsvRow, label: string, check998 = true): void {
  assertMatches(actual.totalCount, row.total_count, `${label} total count`)
  assertMatches(actual.totalPopulation, row.total_pop, `${label} total population`)
  assertMatches(actual.value, row.value, `${label} value`)
  assertMatches(limitsAt(actual, 0.95)?.lower, row.lower95_0cl, `${label} lower 95`)
  assertMatches(limitsAt(actual, 0.95)?.upper, row.upper95_0cl, `${label} upper 95`)
  if (check998) {
    assertMatches(limitsAt(actual, 0.998)?.lower, row.lower99_8cl, `${label} lower 99.8`)
    assertMatches(limitsAt(actual, 0.998)?.upper, row.upper99_8cl, `${label} upper 99.8`)
  }
  assert.equal(actual.suppressed, row.statistic === 'dsr NA for total count < 10', `${label} suppression`)
  assert.equal(actual.method, row.method, `${label} method`)
}

describe('DSR reproduces testresults_DSR', () => {
  test('every row (12)', () => {
    assert.equal(results.length, 12)
    let checked = 0
    for (const row of results) {
      const multiplier = row.statistic === 'dsr per 10000' ? 10000 : 100000
      const label = `${row.area} (${row.statistic})`
      if (row.area === 'testdata_1976') {
        // The workbook's 99.8% limits for this area are ~10× too big (README caveat; PHEindicatormethods
        // itself only compares the other columns), so they are checked separately below.
        const result = directlyStandardisedRate(bandsOf(esp1976), {
          standardPopulation: esp1976.map((r) => required(r.esp1976)),
          multiplier,
          confidence: [0.95, 0.998],
        })
        assertResult(result, row, label, false)
      } else if (row.area!.startsWith('testdata_nonind')) {
        const bands = nonIndependent
          .filter((r) => r.area === row.area)
          .map((r) => ({
            population: required(r.pop),
            personsByFrequency: [1, 2, 3, 4].map((frequency) => ({ frequency, persons: num(r[`f${frequency}`]) })),
          }))
        assertResult(directlyStandardisedRateForNonIndependentEvents(bands, { multiplier, confidence: [0.95, 0.998] }), row, label)
      } else {
        const bands = bandsOf(multiarea.filter((r) => r.area === row.area))
        assertResult(directlyStandardisedRate(bands, { multiplier, confidence: [0.95, 0.998] }), row, label)
      }
      checked++
    }
    assert.equal(checked, 12)
  })

  test('testdata_1976 99.8% limits: the per-10,000 row holds the per-100,000 figures (a slip in the workbook)', () => {
    const per10000 = results.find((row) => row.area === 'testdata_1976' && row.statistic === 'dsr per 10000')!
    const result = directlyStandardisedRate(bandsOf(esp1976), { standardPopulation: esp1976.map((r) => required(r.esp1976)), confidence: [0.95, 0.998] })
    assertMatches(limitsAt(result, 0.998)?.lower, per10000.lower99_8cl, 'lower 99.8 per 100,000')
    assertMatches(limitsAt(result, 0.998)?.upper, per10000.upper99_8cl, 'upper 99.8 per 100,000')
  })

  test('the default standard population is ESP2013 and the default confidence 95%', () => {
    const row = results.find((r) => r.area === 'testdata_big' && r.statistic === 'dsr per 100000')!
    const result = directlyStandardisedRate(bandsOf(multiarea.filter((r) => r.area === 'testdata_big')))
    assertMatches(result.value, row.value, 'value')
    assert.equal(result.limits.length, 1)
    assertMatches(result.limits[0]!.lower, row.lower95_0cl, 'lower')
  })
})

describe('DSR refuses the error sheets', () => {
  const sheet = (name: string) => readSheet('DSR_ISR', name)
  const standard = (rows: CsvRow[]) => rows.map((r) => required(r.stdpop))

  test('testdata_err1: a negative count', () => {
    const rows = sheet('testdata_err1')
    assert.throws(() => directlyStandardisedRate(bandsOf(rows), { standardPopulation: standard(rows) }), {
      name: 'StatisticsInputError',
      message: /count \(-26\) cannot be negative/,
    })
  })

  test('testdata_err2: a population of zero', () => {
    const rows = sheet('testdata_err2').filter((r) => r.area === 'Area1')
    assert.throws(() => directlyStandardisedRate(bandsOf(rows)), { name: 'StatisticsInputError', message: /population must be greater than zero \(got 0\)/ })
  })

  test('testdata_err3: a negative population', () => {
    const rows = sheet('testdata_err3')
    assert.throws(() => directlyStandardisedRate(bandsOf(rows), { standardPopulation: standard(rows) }), /population must be greater than zero \(got -558\)/)
  })

  test('testdata_err4: a negative standard population', () => {
    const rows = sheet('testdata_err4')
    assert.throws(
      () => directlyStandardisedRate(bandsOf(rows), { standardPopulation: standard(rows) }),
      /standard population weight \(-6000\) cannot be negative/,
    )
  })

  test('a standard population of the wrong length', () => {
    assert.throws(() => directlyStandardisedRate(bandsOf(esp1976)), StatisticsInputError)
  })
})

describe('DSR', () => {
  test('an empty standard population is refused rather than dividing by zero', () => {
    const bands = bandsOf(multiarea.filter((r) => r.area === 'testdata_big'))
    assert.throws(() => directlyStandardisedRate(bands, { standardPopulation: bands.map(() => 0) }), /standard population must have some people/)
  })
})
