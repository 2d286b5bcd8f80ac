import { test } from 'node:test'
import assert from 'node:assert/strict'
import { holdsNul } from './input-characters.ts'

test('NUL is found in any text of a query, an address or a form, however deep', () => {
  assert.equal(holdsNul('a\0b'), true)
  assert.equal(holdsNul({ q: '\0' }), true)
  assert.equal(holdsNul({ status: ['active', 'x\0'] }), true)
  assert.equal(holdsNul({ 'name\0': 'x' }), true, 'in a field’s name too')
  assert.equal(holdsNul({ file: { filename: 'paper\0.pdf', content: Buffer.from('x') } }), true)
})

test('everything else passes, including a file whose bytes hold NUL', () => {
  assert.equal(holdsNul({ q: 'Oldham ∕ ünï 😀', n: 3, none: null, empty: undefined }), false)
  assert.equal(holdsNul({ file: { filename: 'values.xlsx', content: Buffer.from([0, 1, 0]), truncated: false } }), false)
  assert.equal(holdsNul(undefined), false)
  assert.equal(holdsNul('%00'), false, 'an encoded NUL is only text until it is decoded')
})
