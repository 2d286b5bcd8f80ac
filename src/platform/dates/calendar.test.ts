import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { addDays, addMonths, daysInMonth, isoDate } from './calendar.ts'

describe('adding days', () => {
  test('crosses months, years and leap days by the calendar', () => {
    assert.equal(addDays('2008-02-28', 1), '2008-02-29')
    assert.equal(addDays('2008-03-15', 30), '2008-04-14')
    assert.equal(addDays('2007-12-31', 1), '2008-01-01')
    assert.equal(addDays('2026-11-23', 30), '2026-12-23')
  })

  test('a clock change does not move the date', () => {
    assert.equal(addDays('2026-03-28', 2), '2026-03-30')
    assert.equal(addDays('2026-10-24', 2), '2026-10-26')
  })

  test('goes back as well as forward', () => {
    assert.equal(addDays('2008-03-01', -1), '2008-02-29')
  })
})

describe('adding months', () => {
  test('a day the month lacks becomes its last day', () => {
    assert.equal(addMonths('2019-01-31', 1), '2019-02-28')
    assert.equal(addMonths('2020-01-31', 1), '2020-02-29')
    assert.equal(addMonths('2019-08-31', 6), '2020-02-29')
  })

  test('crosses years in both directions', () => {
    assert.equal(addMonths('2019-11-15', 3), '2020-02-15')
    assert.equal(addMonths('2019-01-15', -1), '2018-12-15')
  })
})

describe('days in a month', () => {
  test('February has 29 days only in a leap year', () => {
    assert.equal(daysInMonth(2008, 2), 29)
    assert.equal(daysInMonth(2009, 2), 28)
    assert.equal(daysInMonth(2100, 2), 28)
    assert.equal(daysInMonth(2000, 2), 29)
  })

  test('the other months', () => {
    assert.deepEqual(
      [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2019, m)),
      [31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
    )
  })
})

test('an ISO date pads its month and day', () => {
  assert.equal(isoDate(2008, 6, 2), '2008-06-02')
  assert.equal(isoDate(2008, 12, 31), '2008-12-31')
})
