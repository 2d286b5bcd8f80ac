import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { fileSizeText, fromLondon, londonWallClock, quoracy, quoracyText } from './model.ts'

describe('quoracy', () => {
  test('present and substitutes count; apologies and absence do not', () => {
    assert.deepEqual(quoracy(['present', 'substitute', 'apologies', 'absent', 'present'], 3), { kind: 'quorate', counted: 3, quorum: 3 })
    assert.deepEqual(quoracy(['present', 'apologies', 'apologies'], 2), { kind: 'inquorate', counted: 1, quorum: 2 })
  })

  test('without a quorum in the terms of reference it says so rather than guess', () => {
    assert.deepEqual(quoracy(['present'], null), { kind: 'no-quorum-set', counted: 1 })
    assert.match(quoracyText(quoracy([], null)), /No quorum set/)
  })

  test('the wording gives the count and the quorum', () => {
    assert.equal(quoracyText(quoracy(['present', 'present'], 3)), 'Not quorate: 2 of the 3 needed present or substituted')
  })
})

describe('London meeting times', () => {
  test('2pm in winter is 14:00 UTC and 2pm in summer is 13:00 UTC', () => {
    assert.equal(fromLondon(2019, 1, 29, 14, 0).toISOString(), '2019-01-29T14:00:00.000Z')
    assert.equal(fromLondon(2019, 7, 4, 14, 0).toISOString(), '2019-07-04T13:00:00.000Z')
  })

  test('times either side of the spring clock change', () => {
    assert.equal(fromLondon(2019, 3, 31, 0, 30).toISOString(), '2019-03-31T00:30:00.000Z')
    assert.equal(fromLondon(2019, 3, 31, 10, 0).toISOString(), '2019-03-31T09:00:00.000Z')
  })

  test('reading an instant back gives the form values it came from', () => {
    assert.deepEqual(londonWallClock(fromLondon(2019, 7, 4, 9, 5)), { day: '4', month: '7', year: '2019', time: '09:05' })
  })
})

describe('the size shown beside a paper', () => {
  test('kilobytes are rounded up, so a small file never shows as 0 KB', () => {
    assert.equal(fileSizeText(40), '1 KB')
    assert.equal(fileSizeText(1024), '1 KB')
    assert.equal(fileSizeText(1025), '2 KB')
    assert.equal(fileSizeText(500 * 1024 + 1), '501 KB')
  })

  test('a megabyte or more is shown in megabytes to one decimal place', () => {
    assert.equal(fileSizeText(1024 * 1024), '1 MB')
    assert.equal(fileSizeText(1.5 * 1024 * 1024), '1.5 MB')
    assert.equal(fileSizeText(20 * 1024 * 1024), '20 MB')
  })
})
