import { test } from 'node:test'
import assert from 'node:assert/strict'
import { uuidOrNull } from './params.ts'

test('only a UUID is taken as an id; anything else is no id', () => {
  assert.equal(uuidOrNull('0F8FAD5B-D9CB-469F-A165-70867728950E'), '0f8fad5b-d9cb-469f-a165-70867728950e')
  for (const value of [
    'abc',
    '',
    ' 0f8fad5b-d9cb-469f-a165-70867728950e',
    '0f8fad5b-d9cb-469f-a165-70867728950e\0',
    ['0f8fad5b-d9cb-469f-a165-70867728950e'],
    null,
    undefined,
    7,
  ]) {
    assert.equal(uuidOrNull(value), null, JSON.stringify(value))
  }
})
