import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { periodText } from './model.ts'

describe('a strategy’s period', () => {
  test('is written as its first and last years with an en dash', () => {
    assert.equal(periodText('2019-04-01', '2022-03-31'), '2019–2022')
  })
  test('is one year when it starts and ends in the same year', () => {
    assert.equal(periodText('2020-01-01', '2020-12-31'), '2020')
  })
})
