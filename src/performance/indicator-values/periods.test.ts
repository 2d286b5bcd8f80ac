import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { nextPeriodStart, parsePeriod, periodLabel } from './periods.ts'

describe('periods in Fingertips’ words', () => {
  test('each kind of period reads as Fingertips publishes it, and reads back to the same start', () => {
    const cases = [
      ['financial-year', '2018-04-01', '2018/19'],
      ['academic-year', '2019-09-01', '2019/20'],
      ['calendar-year', '2021-01-01', '2021'],
      ['rolling-3-years', '2016-01-01', '2016 - 18'],
      ['quarter', '2019-04-01', '2019/20 Q1'],
      ['quarter', '2020-01-01', '2019/20 Q4'],
      ['quarter', '2019-10-01', '2019/20 Q3'],
      ['month', '2019-04-01', 'April 2019'],
      ['financial-year', '1999-04-01', '1999/00'],
    ] as const
    for (const [type, startsOn, label] of cases) {
      assert.equal(periodLabel(type, startsOn), label, `${type} ${startsOn}`)
      assert.deepEqual(parsePeriod(type, label), { ok: true, startsOn }, `${type} ${label}`)
    }
  })

  test('other ways people write the same period are read too', () => {
    assert.deepEqual(parsePeriod('financial-year', '2018-19'), { ok: true, startsOn: '2018-04-01' })
    assert.deepEqual(parsePeriod('financial-year', '2018/2019'), { ok: true, startsOn: '2018-04-01' })
    assert.deepEqual(parsePeriod('rolling-3-years', '2016-18'), { ok: true, startsOn: '2016-01-01' })
    assert.deepEqual(parsePeriod('month', 'Apr 2019'), { ok: true, startsOn: '2019-04-01' })
    assert.deepEqual(parsePeriod('quarter', '2019/20 q2'), { ok: true, startsOn: '2019-07-01' })
  })

  test('a period of the wrong shape or span says how to write it', () => {
    assert.deepEqual(parsePeriod('financial-year', '2018/20'), { ok: false, message: 'Enter the period like 2018/19' })
    assert.deepEqual(parsePeriod('calendar-year', '2018/19'), { ok: false, message: 'Enter the period like 2018' })
    assert.deepEqual(parsePeriod('rolling-3-years', '2016 - 17'), { ok: false, message: 'Enter the period like 2016 - 18' })
    assert.equal(parsePeriod('month', 'Ap 2019').ok, false)
    assert.equal(parsePeriod('quarter', '2019/20 Q5').ok, false)
  })

  test('the next period starts a year, a quarter or a month on', () => {
    assert.equal(nextPeriodStart('financial-year', '2018-04-01'), '2019-04-01')
    assert.equal(nextPeriodStart('quarter', '2019-10-01'), '2020-01-01')
    assert.equal(nextPeriodStart('month', '2019-12-01'), '2020-01-01')
  })
})

describe('periods out of range', () => {
  test('a year PostgreSQL cannot keep, or no indicator reaches, says which years are allowed', () => {
    const cases = [
      ['calendar-year', '0000', 'like 2018'],
      ['financial-year', '0000/01', 'like 2018/19'],
      ['academic-year', '9999/00', 'like 2018/19'],
      ['rolling-3-years', '1066 - 68', 'like 2016 - 18'],
      ['quarter', '0000/01 Q1', 'like 2019/20 Q1'],
      ['month', 'April 0000', 'like April 2019'],
    ] as const
    for (const [type, text, example] of cases) {
      assert.deepEqual(parsePeriod(type, text), { ok: false, message: `Enter a period between 1900 and 2200, ${example}` }, `${type} ${text}`)
    }
    assert.deepEqual(parsePeriod('calendar-year', '1900'), { ok: true, startsOn: '1900-01-01' })
  })
})
