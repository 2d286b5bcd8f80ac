import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { fileSizeText, quoracy, quoracyText } from './model.ts'

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
