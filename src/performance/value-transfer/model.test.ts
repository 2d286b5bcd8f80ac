import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { fingertipsColumns, thriveColumns } from './layout.ts'
import {
  checkRow,
  deprivationRank,
  rawValue,
  readHeader,
  readNumber,
  sortProblems,
  withinRounding,
  type Header,
  type IndicatorLookup,
  type IndicatorRef,
} from './model.ts'

const fingertipsHeader = fingertipsColumns.map((c) => c.header)
const obesity: IndicatorRef = {
  id: 'ind-1',
  title: 'Year 6 obesity',
  periodType: 'academic-year',
  valueType: 'proportion',
  multiplier: 100,
  archived: false,
  mayChange: true,
}
const conceptions: IndicatorRef = {
  id: 'ind-2',
  title: 'Under-18 conceptions',
  periodType: 'calendar-year',
  valueType: 'crude-rate',
  multiplier: 1000,
  archived: false,
  mayChange: false,
}
const lookup: IndicatorLookup = (text, layout) =>
  text === '92033' ? obesity : text === '20401' ? conceptions : layout === 'thrive' && text.toLowerCase() === 'year 6 obesity' ? obesity : null

function header(cells: string[]): Header {
  const read = readHeader(cells)
  assert.ok(read.ok, read.ok ? '' : read.message)
  return read.header
}

/** A Fingertips export row with these cells by heading. */
function fingertipsRow(cells: Record<string, string>): string[] {
  const base: Record<string, string> = {
    'Indicator ID': '92033',
    'Area Code': 'E08000004',
    Sex: 'Persons',
    Age: '10-11 yrs',
    'Time period': '2018/19',
    Value: '27.6',
    'Lower CI 95.0 limit': '26.7',
    'Upper CI 95.0 limit': '28.6',
  }
  return fingertipsHeader.map((h) => cells[h] ?? base[h] ?? '')
}

describe('reading the header row', () => {
  test('the 26 and 27 columns Fingertips writes are its layout, whatever the spacing and case, and fingertipsR’s squeezed headings too', () => {
    assert.equal(header(fingertipsHeader).layout, 'fingertips')
    assert.equal(header(fingertipsHeader.slice(0, 26)).layout, 'fingertips')
    assert.equal(header(fingertipsHeader.map((h) => h.toUpperCase().replace(/ /g, '  '))).layout, 'fingertips')
    assert.equal(header(fingertipsHeader.map((h) => h.replace(/ /g, ''))).columns.lower95?.index, 13)
    // A parent other than a region is named after its area type; trailing empty headings are the commas Excel leaves.
    assert.equal(
      header([...fingertipsHeader.slice(0, 22), 'Compared to Combined authorities value or percentiles', ...fingertipsHeader.slice(23), '', '']).layout,
      'fingertips',
    )
  })

  test('the Thrive layout needs only its first three columns, in any order', () => {
    const h = header(['Period', 'Area code', 'INDICATOR', 'Value'])
    assert.equal(h.layout, 'thrive')
    assert.deepEqual([h.columns.indicator?.index, h.columns.areaCode?.index, h.columns.value?.index], [2, 1, 3])
    assert.equal(header(thriveColumns.map((c) => c.header)).columns.illustrative?.index, 16)
  })

  test('missing and unknown columns are named, and a file that is neither layout says what row 1 must be', () => {
    const missing = readHeader(fingertipsHeader.filter((h) => h !== 'Time period' && h !== 'Count'))
    assert.ok(!missing.ok)
    assert.match(missing.message, /Fingertips export layout, but it has no columns ‘Time period’, ‘Count’/)
    const unknown = readHeader(['Indicator', 'Area code', 'Period', 'Valu', 'Colour'])
    assert.ok(!unknown.ok)
    assert.match(unknown.message, /‘Valu’, ‘Colour’ are not columns of the Thrive layout/)
    const twice = readHeader(['Indicator', 'Area code', 'Period', 'Value', 'value'])
    assert.ok(!twice.ok)
    assert.match(twice.message, /‘value’ appears twice/)
    const neither = readHeader(['Name', 'Email'])
    assert.ok(!neither.ok)
    assert.match(neither.message, /must name the columns of a Fingertips export/)
  })
})

describe('reading numbers', () => {
  test('plain, signed, exponent (.NET writes 1E-05) and thousands-separated figures are read exactly; anything else is refused', () => {
    assert.deepEqual(readNumber(' 18.53328 '), { ok: true, text: '18.53328' })
    assert.deepEqual(readNumber('1,645,057'), { ok: true, text: '1645057' })
    assert.deepEqual(readNumber('1E-05'), { ok: true, text: '1E-05' })
    assert.deepEqual(readNumber('+3'), { ok: true, text: '3' })
    assert.deepEqual(readNumber(''), { ok: true, text: null })
    for (const bad of ['12,5', 'n/a', '*', '1.2.3', '12%', 'Infinity', '1e999']) assert.equal(readNumber(bad).ok, false, bad)
  })

  test('deprivation groups as Fingertips names them get their rank, 1 the most deprived', () => {
    assert.equal(deprivationRank('Most deprived decile (IMD2019)'), 1)
    assert.equal(deprivationRank('Third more deprived decile'), 3)
    assert.equal(deprivationRank('Fifth less deprived decile (IMD2015)'), 6)
    assert.equal(deprivationRank('Least deprived decile (IMD2019)'), 10)
    assert.equal(deprivationRank('Average deprived quintile'), 3)
    assert.equal(deprivationRank('Least deprived quintile'), 5)
    assert.equal(deprivationRank('Pakistani'), null)
  })
})

describe('checking a row', () => {
  const fh = header(fingertipsHeader)
  const check = (cells: Record<string, string>) => checkRow(fh, 7, rawValue(fh, fingertipsRow(cells)), lookup)

  test('a Fingertips row becomes a value: period read for the indicator, sex and rank from Fingertips’ words', () => {
    const result = check({ 'Category Type': 'Deprivation quintile', Category: 'Most deprived quintile' })
    assert.equal(result.kind, 'value')
    assert.ok(result.kind === 'value')
    assert.equal(result.value.periodStartsOn, '2018-09-01')
    assert.equal(result.value.sex, 'persons')
    assert.equal(result.value.categoryRank, 1)
    assert.equal(result.value.value, '27.6')
    assert.equal(result.value.lower95, '26.7')
    assert.equal(result.value.limits95Computed, false)
  })

  test('a sex that names what every JavaScript object has (constructor, toString) is refused, not read as one', () => {
    for (const sex of ['constructor', 'toString', '__proto__']) {
      const result = check({ Sex: sex })
      assert.ok(result.kind === 'problems', sex)
      assert.deepEqual(
        result.problems.map((p) => p.message),
        [`Sex must be Persons, Male or Female, not ‘${sex}’`],
      )
    }
  })

  test('a period Fingertips lists without a figure is skipped, not refused', () => {
    assert.equal(check({ Value: '', 'Lower CI 95.0 limit': '', 'Upper CI 95.0 limit': '' }).kind, 'skipped')
    assert.equal(check({ Value: '', 'Lower CI 95.0 limit': '', 'Upper CI 95.0 limit': '', Count: '0' }).kind, 'skipped')
  })

  test('every problem of a row is reported by its column', () => {
    const result = check({
      'Indicator ID': '92033',
      Sex: 'Both',
      'Time period': '2018',
      Value: 'twelve',
      Count: '-3',
      Denominator: '0',
      'Lower CI 95.0 limit': '30',
      'Area Code': 'E08 000004',
    })
    assert.equal(result.kind, 'problems')
    assert.ok(result.kind === 'problems')
    const by = Object.fromEntries(result.problems.map((p) => [p.column, p.message]))
    assert.equal(result.problems[0]!.row, 7)
    assert.match(by.Sex!, /Persons, Male or Female, not ‘Both’/)
    assert.match(by['Time period']!, /Enter the period like 2018\/19 \(not ‘2018’\)/)
    assert.match(by.Value!, /‘twelve’ is not a number/)
    assert.match(by['Area Code']!, /is not an area code/)
    // Figures are checked against each other once each is a number.
    const figures = check({ Count: '-3', Denominator: '0' })
    assert.ok(figures.kind === 'problems')
    const byFigure = Object.fromEntries(figures.problems.map((p) => [p.column, p.message]))
    assert.match(byFigure.Count!, /cannot be negative/)
    assert.match(byFigure.Denominator!, /greater than zero/)
  })

  test('an indicator not in the library, and one the importer does not lead, are refused with what to do', () => {
    const unknown = check({ 'Indicator ID': '90999' })
    assert.ok(unknown.kind === 'problems')
    assert.match(unknown.problems[0]!.message, /No indicator in the library has the Fingertips ID 90999: add it to the library with that Fingertips ID first/)
    assert.equal(unknown.problems[0]!.column, 'Indicator ID')
    const notLed = check({ 'Indicator ID': '20401', 'Time period': '2018' })
    assert.ok(notLed.kind === 'problems')
    assert.match(notLed.problems[0]!.message, /Only admins, editors and the target lead of ‘Under-18 conceptions’/)
  })

  test('limits that do not hold together are refused; a published value rounded to fewer places than its limits is not', () => {
    const inverted = check({ 'Lower CI 95.0 limit': '29', 'Upper CI 95.0 limit': '26' })
    assert.ok(inverted.kind === 'problems')
    assert.match(inverted.problems[0]!.message, /lower 95% limit must not be above the upper/)
    const half = check({ 'Lower CI 99.8 limit': '20' })
    assert.ok(half.kind === 'problems')
    assert.match(half.problems[0]!.message, /Enter both 99.8% limits, or neither/)
    assert.equal(check({ Value: '15.6', 'Lower CI 95.0 limit': '15.52', 'Upper CI 95.0 limit': '15.59' }).kind, 'value')
    assert.equal(check({ Value: '15.7', 'Lower CI 95.0 limit': '15.52', 'Upper CI 95.0 limit': '15.59' }).kind, 'problems')
    assert.equal(withinRounding({ value: 15.6, lower95: 15.52, upper95: 15.59, lower998: null, upper998: null }, '15.6'), 15.59)
  })

  test('limits and a value that are just what the method calculates are marked so, to compare as the same as none stored', () => {
    // 65 of 100: Wilson 95% limits 55.26 to 73.60 (as the indicator-values tests show).
    const result = check({ Value: '65', Count: '65', Denominator: '100', 'Lower CI 95.0 limit': '55.25959', 'Upper CI 95.0 limit': '73.60236' })
    assert.ok(result.kind === 'value')
    assert.equal(result.value.valueComputed, true)
    assert.equal(result.value.limits95Computed, false, 'five places are a published rounding, not our figure')
  })

  test('the Thrive layout finds the indicator by title, reads Illustrative and an explicit rank', () => {
    const th = header(thriveColumns.map((c) => c.header))
    const cells = [
      'year 6 OBESITY',
      'E08000004',
      '2019/20',
      'female',
      '',
      'Deprivation decile',
      'Most deprived decile',
      '2',
      '',
      '',
      '31',
      '',
      '',
      '',
      '',
      'Estimated',
      'Yes',
    ]
    const result = checkRow(th, 2, rawValue(th, cells), lookup)
    assert.ok(result.kind === 'value')
    assert.equal(result.value.categoryRank, 2)
    assert.equal(result.value.illustrative, true)
    assert.equal(result.value.sex, 'female')
    const bad = checkRow(th, 3, rawValue(th, [...cells.slice(0, 7), 'first', ...cells.slice(8, 16), 'perhaps']), lookup)
    const inherited = checkRow(th, 5, rawValue(th, [...cells.slice(0, 16), 'valueOf']), lookup)
    assert.ok(inherited.kind === 'problems')
    assert.deepEqual(
      inherited.problems.map((p) => p.column),
      ['Illustrative'],
    )
    assert.ok(bad.kind === 'problems')
    assert.deepEqual(
      bad.problems.map((p) => p.column),
      ['Category rank', 'Illustrative'],
    )
    const unknown = checkRow(th, 4, rawValue(th, ['Obesity', ...cells.slice(1)]), lookup)
    assert.ok(unknown.kind === 'problems')
    assert.match(unknown.problems[0]!.message, /No indicator in the library is called ‘Obesity’/)
  })

  test('problems are listed in row order, the whole file’s first, up to the cap', () => {
    const sorted = sortProblems(
      [
        { row: 9, column: null, message: 'c' },
        { row: null, column: null, message: 'a' },
        { row: 3, column: null, message: 'b' },
      ],
      2,
    )
    assert.deepEqual(
      sorted.map((p) => p.message),
      ['a', 'b'],
    )
  })
})
