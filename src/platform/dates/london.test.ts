import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { fromLondon, londonToday, londonWallClock } from './london.ts'

describe('today in London', () => {
  test('late evening UTC in summer is already the next day in London', () => {
    assert.equal(londonToday(new Date('2019-06-30T23:30:00Z')), '2019-07-01')
    assert.equal(londonToday(new Date('2019-07-04T23:30:00Z')), '2019-07-05')
  })

  test('in winter London is on UTC', () => {
    assert.equal(londonToday(new Date('2019-01-04T23:30:00Z')), '2019-01-04')
    assert.equal(londonToday(new Date('2019-12-31T23:30:00Z')), '2019-12-31')
  })
})

describe('London wall-clock times', () => {
  test('2pm in winter is 14:00 UTC and 2pm in summer is 13:00 UTC', () => {
    assert.equal(fromLondon(2019, 1, 29, 14, 0).toISOString(), '2019-01-29T14:00:00.000Z')
    assert.equal(fromLondon(2019, 7, 4, 14, 0).toISOString(), '2019-07-04T13:00:00.000Z')
  })

  test('times either side of the spring clock change', () => {
    assert.equal(fromLondon(2019, 3, 31, 0, 30).toISOString(), '2019-03-31T00:30:00.000Z')
    assert.equal(fromLondon(2019, 3, 31, 10, 0).toISOString(), '2019-03-31T09:00:00.000Z')
  })

  test('times either side of the autumn clock change', () => {
    assert.equal(fromLondon(2019, 10, 26, 23, 30).toISOString(), '2019-10-26T22:30:00.000Z')
    assert.equal(fromLondon(2019, 10, 27, 2, 0).toISOString(), '2019-10-27T02:00:00.000Z')
  })

  test('reading an instant back gives the form values it came from', () => {
    assert.deepEqual(londonWallClock(fromLondon(2019, 7, 4, 9, 5)), { day: '4', month: '7', year: '2019', time: '09:05' })
  })
})
