import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatUkDate, formatUkDateTime } from './format.ts'

test('dates read the UK way', () => {
  assert.equal(formatUkDate(new Date('2019-02-07T09:00:00Z')), '7 February 2019')
  assert.equal(formatUkDate('2019-01-29'), '29 January 2019')
})

test('dates are in London time, so a late-evening British Summer Time entry stays on its day', () => {
  assert.equal(formatUkDate(new Date('2019-06-30T23:30:00Z')), '1 July 2019')
  assert.equal(formatUkDateTime(new Date('2019-06-30T23:30:00Z')), '1 July 2019 at 12:30am')
  assert.equal(formatUkDateTime(new Date('2019-02-07T09:00:00Z')), '7 February 2019 at 9:00am')
})

test('missing or invalid dates show nothing rather than "Invalid Date"', () => {
  assert.equal(formatUkDate(null), '')
  assert.equal(formatUkDate(''), '')
  assert.equal(formatUkDate('not a date'), '')
})
