import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { fromRow, parseTimescale, timescaleDueOn, timescaleHint, timescaleProblem, timescaleText, toRow, type Timescale } from './timescale.ts'

const t = (
  kind: Timescale['kind'],
  startsOn: string | null = null,
  endsOn: string | null = null,
  then: Timescale['then'] = null,
  note: string | null = null,
): Timescale => ({ kind, startsOn, endsOn, then, note })

function parsed(text: string): Timescale {
  const result = parseTimescale(text)
  assert.ok(result.ok, `${text}: ${result.ok ? '' : result.message}`)
  return result.value
}

function refused(text: string): string {
  const result = parseTimescale(text)
  assert.ok(!result.ok, `${text} should be refused`)
  return result.message
}

describe('every timescale in seed 001 Appendix 2', () => {
  const cases: Array<[string, Timescale, string]> = [
    ['November 2007', t('month', '2007-11-01', '2007-11-30'), 'November 2007'],
    ['January 2008', t('month', '2008-01-01', '2008-01-31'), 'January 2008'],
    ['April 2008', t('month', '2008-04-01', '2008-04-30'), 'April 2008'],
    ['February 2008', t('month', '2008-02-01', '2008-02-29'), 'February 2008'],
    ['ongoing', t('ongoing'), 'Ongoing'],
    ['Nov 2007', t('month', '2007-11-01', '2007-11-30'), 'November 2007'],
    ['Jan 2008', t('month', '2008-01-01', '2008-01-31'), 'January 2008'],
    ['In line with CYPP planning cycle', t('planning-cycle', null, null, null, 'CYPP'), 'In line with the planning cycle (CYPP)'],
    ['April 2008 to April 2009', t('range', '2008-04-01', '2009-04-30'), 'April 2008 to April 2009'],
    ['Sept 2007 (draft) Jan 2008', t('month', '2008-01-01', '2008-01-31', null, 'draft September 2007'), 'January 2008 (draft September 2007)'],
    ['Jan 2008 then annually', t('month', '2008-01-01', '2008-01-31', 'annually'), 'January 2008, then annually'],
    ['April 2008 then ongoing', t('month', '2008-04-01', '2008-04-30', 'ongoing'), 'April 2008, then ongoing'],
    ['Quarterly', t('quarterly'), 'Quarterly'],
    ['April 2008-September 2008', t('range', '2008-04-01', '2008-09-30'), 'April 2008 to September 2008'],
    ['Annually', t('annually'), 'Annually'],
  ]
  for (const [words, value, text] of cases) {
    test(`“${words}”`, () => {
      assert.deepEqual(parsed(words), value)
      assert.equal(timescaleText(value), text)
      // The words given back read back to the same timescale.
      assert.deepEqual(parsed(text), value)
    })
  }
})

describe('other wordings', () => {
  const cases: Array<[string, Timescale]> = [
    ['Q2 2008', t('quarter', '2008-04-01', '2008-06-30')],
    ['2008 Q2', t('quarter', '2008-04-01', '2008-06-30')],
    ['q1 2008', t('quarter', '2008-01-01', '2008-03-31')],
    ['Q4 2007', t('quarter', '2007-10-01', '2007-12-31')],
    ['2 June 2008', t('date', '2008-06-02', '2008-06-02')],
    ['2nd Jun 2008', t('date', '2008-06-02', '2008-06-02')],
    ['02/06/2008', t('date', '2008-06-02', '2008-06-02')],
    ['2/6/2008', t('date', '2008-06-02', '2008-06-02')],
    ['2008-06-02', t('date', '2008-06-02', '2008-06-02')],
    ['29 February 2008', t('date', '2008-02-29', '2008-02-29')],
    ['  november   2007. ', t('month', '2007-11-01', '2007-11-30')],
    ['ONGOING', t('ongoing')],
    ['On-going', t('ongoing')],
    ['yearly', t('annually')],
    ['In line with the planning cycle', t('planning-cycle')],
    ['in line with the CYPP planning cycle', t('planning-cycle', null, null, null, 'CYPP')],
    ['April 2008 – September 2008', t('range', '2008-04-01', '2008-09-30')],
    ['from April 2008 until March 2009', t('range', '2008-04-01', '2009-03-31')],
    ['2008-04-01-2008-06-15', t('range', '2008-04-01', '2008-06-15')],
    ['2 June 2008 to 30 June 2008', t('range', '2008-06-02', '2008-06-30')],
    ['Q2 2008 to Q3 2008', t('range', '2008-04-01', '2008-09-30')],
    ['April 2008 to April 2008', t('range', '2008-04-01', '2008-04-30')],
    ['Q2 2008 then quarterly', t('quarter', '2008-04-01', '2008-06-30', 'quarterly')],
    ['2 June 2008, and then ongoing', t('date', '2008-06-02', '2008-06-02', 'ongoing')],
    ['April 2008 to March 2009 then annually', t('range', '2008-04-01', '2009-03-31', 'annually')],
    ['Ongoing (subject to funding)', t('ongoing', null, null, null, 'subject to funding')],
    ['January 2008 (draft September 2007)', t('month', '2008-01-01', '2008-01-31', null, 'draft September 2007')],
  ]
  for (const [words, value] of cases) {
    test(`“${words}”`, () => {
      assert.deepEqual(parsed(words), value)
      assert.deepEqual(parsed(timescaleText(value)), value, 'round trip through the words')
    })
  }

  test('the words for each kind', () => {
    assert.equal(timescaleText(t('quarter', '2008-04-01', '2008-06-30')), 'Q2 2008')
    assert.equal(timescaleText(t('date', '2008-06-02', '2008-06-02')), '2 June 2008')
    assert.equal(timescaleText(t('range', '2008-06-02', '2008-06-30')), '2 June 2008 to 30 June 2008')
    assert.equal(timescaleText(t('range', '2008-06-01', '2008-06-15')), '1 June 2008 to 15 June 2008')
    assert.equal(timescaleText(t('planning-cycle')), 'In line with the planning cycle')
    assert.equal(timescaleText(t('ongoing', null, null, null, 'subject to funding')), 'Ongoing (subject to funding)')
    assert.equal(timescaleText(t('quarter', '2008-04-01', '2008-06-30', 'quarterly', 'draft')), 'Q2 2008, then quarterly (draft)')
  })
})

describe('refused wordings', () => {
  test('empty', () => {
    assert.equal(refused(''), 'Enter the timescale')
    assert.equal(refused('   '), 'Enter the timescale')
  })

  test('dates that do not exist', () => {
    for (const words of ['31 February 2008', '29 February 2007', '31/04/2008', '2008-13-01', '0 June 2008', '15/13/2008', '31 June 2008 to July 2008']) {
      assert.equal(refused(words), 'The timescale must be a real date, for example ‘2 June 2008’', words)
    }
  })

  test('years PostgreSQL cannot keep, or no plan could need', () => {
    for (const words of ['1 January 0000', 'April 0000', 'Q1 0000', '01/01/0001', 'April 1899 to April 2008', 'April 2008 to April 9999']) {
      assert.equal(refused(words), 'The timescale must be in a year from 1900 to 2200', words)
    }
  })

  test('ranges that end before they start', () => {
    for (const words of ['April 2009 to April 2008', 'September 2008-April 2008', '30 June 2008 to 2 June 2008', 'Q3 2008 to Q2 2008']) {
      assert.equal(refused(words), 'The end of the timescale must be the same as or after its start', words)
    }
  })

  test('financial years are asked for as a range', () => {
    for (const words of ['2008/09', '2008-09', '2008/2009']) {
      assert.equal(refused(words), 'Enter a financial year as a range, for example ‘April 2008 to March 2009’', words)
    }
  })

  test('anything else gets the hint', () => {
    for (const words of [
      'soon',
      'Q5 2008',
      'Ma 2008',
      'Smarch 2008',
      '2008',
      'next year',
      '02/06/08',
      'April',
      'April 2008 then sometimes',
      'ongoing then annually',
      'April 2008 to whenever',
    ]) {
      assert.equal(refused(words), timescaleHint, words)
    }
    assert.match(timescaleHint, /‘November 2007’ or ‘Q2 2008’/)
  })

  test('a note over 200 characters', () => {
    assert.equal(refused(`ongoing (${'x'.repeat(201)})`), 'The note in brackets must be 200 characters or fewer')
  })
})

describe('when a timescale falls due', () => {
  test('the last day of a dated timescale', () => {
    assert.equal(timescaleDueOn(parsed('November 2007')), '2007-11-30')
    assert.equal(timescaleDueOn(parsed('Q2 2008')), '2008-06-30')
    assert.equal(timescaleDueOn(parsed('2 June 2008')), '2008-06-02')
    assert.equal(timescaleDueOn(parsed('April 2008 to April 2009')), '2009-04-30')
    assert.equal(timescaleDueOn(parsed('Jan 2008 then annually')), '2008-01-31')
  })

  test('never for recurring ones', () => {
    for (const words of ['ongoing', 'Annually', 'Quarterly', 'In line with CYPP planning cycle']) {
      assert.equal(timescaleDueOn(parsed(words)), null, words)
    }
  })
})

describe('the columns', () => {
  test('to and from a row', () => {
    const value = parsed('Sept 2007 (draft) Jan 2008')
    const row = toRow(value)
    assert.deepEqual(row, {
      timescale_kind: 'month',
      timescale_starts_on: '2008-01-01',
      timescale_ends_on: '2008-01-31',
      timescale_then: null,
      timescale_note: 'draft September 2007',
    })
    assert.deepEqual(fromRow(row), value)
    assert.deepEqual(toRow(parsed('ongoing')), {
      timescale_kind: 'ongoing',
      timescale_starts_on: null,
      timescale_ends_on: null,
      timescale_then: null,
      timescale_note: null,
    })
  })

  test('every parsed timescale keeps the rules the columns check', () => {
    for (const words of [
      'November 2007',
      'Q2 2008',
      '2 June 2008',
      'April 2008 to April 2009',
      'Jan 2008 then annually',
      'ongoing',
      'In line with CYPP planning cycle',
    ]) {
      assert.equal(timescaleProblem(parsed(words)), null, words)
    }
  })

  test('a timescale built by hand that breaks them', () => {
    assert.notEqual(timescaleProblem(t('month', null, '2008-01-31')), null)
    assert.notEqual(timescaleProblem(t('ongoing', '2008-01-01', '2008-01-31')), null)
    assert.notEqual(timescaleProblem(t('range', '2008-02-01', '2008-01-31')), null)
    assert.notEqual(timescaleProblem(t('annually', null, null, 'ongoing')), null)
    assert.notEqual(timescaleProblem(t('ongoing', null, null, null, '')), null)
  })
})
