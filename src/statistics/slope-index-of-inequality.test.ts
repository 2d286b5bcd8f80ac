import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { seededRandom } from './random.ts'
import { slopeIndexOfInequality, type SiiOptions, type SiiQuantile } from './slope-index-of-inequality.ts'
import { assertMatches, groupBy, num, readSheet, required, type CsvRow } from './test-support.ts'

const rows = readSheet('SII', 'testdata_SII')
const byCase = groupBy(rows, (row) => `${row.TestDescription}|${row.Area}`)

// The options of each calculation in PHEindicatormethods' testSII.R, by the record number of its first row.
// The workbook's Confidence column says 95 for the 98% cases, so it is not used.
const optionsByFirstRecord: Record<number, Omit<SiiOptions, 'random'>> = {
  1: {},
  21: { confidence: 0.99 },
  41: { repetitions: 10000 },
  61: {},
  71: {},
  91: {},
  111: { multiplier: 100 },
  131: { multiplier: -100 },
  226: { confidence: [0.95, 0.99] },
  246: {},
  266: {},
  286: {},
  306: { transform: true },
  326: { transform: true },
  346: { transform: true, multiplier: -1 },
  366: { transform: true, confidence: [0.95, 0.98] },
  386: { transform: true, multiplier: -1 },
  406: { transform: true, confidence: 0.98 },
  426: { transform: true },
  446: { transform: true },
  466: { transform: true, confidence: 0.98 },
  486: { transform: true, confidence: [0.95, 0.98] },
}

const valueTypes = { '0': 'other', '1': 'rate', '2': 'proportion' } as const

function quantilesOf(members: CsvRow[], useStandardError: boolean): SiiQuantile[] {
  return members
    .toSorted((a, b) => required(a.Quantile) - required(b.Quantile))
    .map((row) => ({
      population: required(row.Population),
      value: required(row.Value),
      ...(useStandardError ? { standardError: required(row.StandardError) } : { lower95: required(row.LowerCL), upper95: required(row.UpperCL) }),
    }))
}

/** Monte Carlo limits: PHEindicatormethods' own tests allow 5%, the simulation's noise at these sizes. */
const SIMULATION_TOLERANCE = 0.05

describe('slope index of inequality reproduces testdata_SII', () => {
  const cases = [...byCase.values()].filter((members) => members[0]!.sii !== '')

  test('every calculated case (44): SII, RII and intercept to 1e-6, simulated limits to 5%', () => {
    assert.equal(cases.length, 44)
    for (const members of cases) {
      const first = members[0]!
      const label = `${first.TestDescription} ${first.Area}`
      const firstRecord = Math.min(...[...byCase.values()].filter((m) => m[0]!.TestDescription === first.TestDescription).map((m) => required(m[0]!.RecordNo)))
      const options = optionsByFirstRecord[firstRecord]
      assert.ok(options, `${label}: options for record ${firstRecord}`)
      const result = slopeIndexOfInequality(quantilesOf(members, false), {
        ...options,
        valueType: valueTypes[first.ValueType as keyof typeof valueTypes],
        repetitions: options.repetitions ?? 100000,
        random: seededRandom(firstRecord),
      })
      assertMatches(result.sii, first.sii, `${label} sii`)
      if (first.rii !== '') assertMatches(result.rii, first.rii, `${label} rii`)
      if (first.Intercept !== '') assertMatches(result.intercept, first.Intercept, `${label} intercept`)
      result.limits.forEach((limits, i) => {
        const n = i + 1
        if (first[`sii_lowercl_${n}`] === '') return
        assertMatches(limits.sii.lower, first[`sii_lowercl_${n}`], `${label} sii lower ${limits.confidence}`, { relative: SIMULATION_TOLERANCE })
        assertMatches(limits.sii.upper, first[`sii_uppercl_${n}`], `${label} sii upper ${limits.confidence}`, { relative: SIMULATION_TOLERANCE })
        if (first[`rii_lowercl_${n}`] === '') return
        assertMatches(limits.rii.lower, first[`rii_lowercl_${n}`], `${label} rii lower ${limits.confidence}`, { relative: SIMULATION_TOLERANCE })
        assertMatches(limits.rii.upper, first[`rii_uppercl_${n}`], `${label} rii upper ${limits.confidence}`, { relative: SIMULATION_TOLERANCE })
      })
    }
  })
})

describe('slope index of inequality', () => {
  const caseRows = (description: string) => byCase.get(`${description}|area1`)!
  const quick = { repetitions: 1000, random: seededRandom(7) }

  test('standard errors give the same limits as the 95% limits they came from', () => {
    for (const description of [
      'default (e.g. life expectancy) - default parameters',
      'rate (e.g. infant mortality) - default parameters',
      'proportion (e.g. child obesity) - default parameters',
    ]) {
      const members = caseRows(description)
      const valueType = valueTypes[members[0]!.ValueType as keyof typeof valueTypes]
      const fromLimits = slopeIndexOfInequality(quantilesOf(members, false), { valueType, repetitions: 20000, random: seededRandom(3) })
      const fromErrors = slopeIndexOfInequality(quantilesOf(members, true), { valueType, repetitions: 20000, random: seededRandom(3) })
      // The workbook's standard errors were made with z = 1.96, so the limits agree to about 1e-4, not exactly.
      for (const side of ['lower', 'upper'] as const) {
        const a = fromLimits.limits[0]!.sii[side]
        const b = fromErrors.limits[0]!.sii[side]
        assert.ok(Math.abs(a - b) <= 1e-3 * Math.abs(b), `${description} ${side}: ${a} vs ${b}`)
      }
    }
  })

  test('a seeded simulation repeats exactly', () => {
    const members = caseRows('default (e.g. life expectancy) - default parameters')
    assert.deepEqual(
      slopeIndexOfInequality(quantilesOf(members, true), { ...quick, random: seededRandom(5) }),
      slopeIndexOfInequality(quantilesOf(members, true), { ...quick, random: seededRandom(5) }),
    )
  })

  test('the error-handling cases are refused', () => {
    const proportion = { valueType: 'proportion', ...quick } as const
    assert.throws(
      () => slopeIndexOfInequality(quantilesOf(caseRows('error handling - negative populations'), false), proportion),
      /population greater than zero \(got -200\)/,
    )
    assert.throws(
      () => slopeIndexOfInequality(quantilesOf(caseRows('error handling - negative counts/standard error'), true), proportion),
      /standard error \(-5\) cannot be negative/,
    )
    assert.throws(
      () => slopeIndexOfInequality(quantilesOf(caseRows('error handling - invalid proportion in CLs'), false), proportion),
      /proportion \(11\) must be between 0 and 1/,
    )
    const area3 = (description: string) => byCase.get(`${description}|area3`)!
    const missingValue = area3('error handling - missing value field').map((row) => ({
      population: required(row.Population),
      value: num(row.Value) as number,
      standardError: required(row.StandardError),
    }))
    assert.throws(() => slopeIndexOfInequality(missingValue, quick), /needs a value/)
    const missingLimits = area3('error handling - missing confidence limits and se').map((row) => ({
      population: required(row.Population),
      value: required(row.Value),
      lower95: num(row.LowerCL),
      upper95: num(row.UpperCL),
    }))
    assert.throws(() => slopeIndexOfInequality(missingLimits, quick), /standard error or both 95% confidence limits/)
    const missingPopulation = caseRows('warning handling - missing populations, counts or values').map((row) => ({
      population: num(row.Population) as number,
      value: num(row.Value) as number,
      standardError: required(row.StandardError),
    }))
    assert.throws(() => slopeIndexOfInequality(missingPopulation, quick), /population greater than zero/)
  })

  test('15 quantiles are allowed; 4 or 101 are not; transform needs a rate or proportion', () => {
    const fifteen = quantilesOf(caseRows('warning handling - large number of quantiles (>10)'), true)
    assert.equal(fifteen.length, 15)
    assert.ok(Number.isFinite(slopeIndexOfInequality(fifteen, quick).sii))
    assert.throws(() => slopeIndexOfInequality(fifteen.slice(0, 4), quick), /5 to 100 quantiles/)
    assert.throws(
      () =>
        slopeIndexOfInequality(
          Array.from({ length: 101 }, () => fifteen[0]!),
          quick,
        ),
      /5 to 100 quantiles/,
    )
    assert.throws(() => slopeIndexOfInequality(fifteen, { ...quick, transform: true }), /Only rates and proportions/)
    assert.throws(() => slopeIndexOfInequality(fifteen, { ...quick, repetitions: 999 }), /at least 1,000 repetitions/)
  })
})
