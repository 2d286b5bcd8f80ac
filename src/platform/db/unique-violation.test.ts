import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isUniqueViolation } from './unique-violation.ts'

test('a unique violation is told by its SQLSTATE, and by its constraint when one is named', () => {
  const clash = { code: '23505', constraint: 'bodies_name' }
  assert.equal(isUniqueViolation(clash), true)
  assert.equal(isUniqueViolation(clash, 'bodies_name'), true)
  assert.equal(isUniqueViolation(clash, 'workstreams_title'), false)
  assert.equal(isUniqueViolation({ code: '23503', constraint: 'bodies_name' }, 'bodies_name'), false)
  assert.equal(isUniqueViolation(null), false)
  assert.equal(isUniqueViolation(new Error('boom')), false)
})
