import { test } from 'node:test'
import assert from 'node:assert/strict'
import { valueId, valueIdPrefix } from './value-ids.ts'

const uuid7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

test('an import’s ids are version 7 UUIDs: its millisecond first, then random bits, then the counter', () => {
  const at = Date.UTC(2026, 11, 3, 18, 30)
  const prefix = valueIdPrefix(at, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))
  assert.equal(prefix.length, 22)
  const first = valueId(prefix, 1)
  assert.match(first, uuid7)
  assert.equal(parseInt(first.replace(/-/g, '').slice(0, 12), 16), at)
  assert.equal(
    first,
    `${at
      .toString(16)
      .padStart(12, '0')
      .replace(/^(.{8})/, '$1-')}-7fff-bfff-ff0000000001`,
  )
  assert.match(valueId(valueIdPrefix(at, new Uint8Array(5)), 2 ** 40 - 1), uuid7)
})

test('within an import the ids rise with the counter, and a later import’s are above them all', () => {
  const random = new Uint8Array([1, 2, 3, 4, 5])
  const prefix = valueIdPrefix(1_000_000, random)
  const ids = [1, 2, 15, 16, 255, 4096, 1_000_000].map((n) => valueId(prefix, n))
  assert.deepEqual([...ids].sort(), ids)
  assert.ok(valueId(valueIdPrefix(1_000_001, new Uint8Array(5)), 1) > valueId(prefix, 2 ** 40 - 1))
})

test('two imports in the same millisecond differ in their random bits', () => {
  const a = valueIdPrefix(5, new Uint8Array([0, 0, 0, 0, 0]))
  const b = valueIdPrefix(5, new Uint8Array([0, 0, 0, 0, 0x10]))
  assert.notEqual(a, b)
  assert.throws(() => valueIdPrefix(5, new Uint8Array(4)))
})
