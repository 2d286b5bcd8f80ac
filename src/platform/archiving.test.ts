import { test } from 'node:test'
import assert from 'node:assert/strict'
import { assertArchiveChange } from './archiving.ts'
import { ConflictError } from './errors.ts'

test('archiving an archived record, or restoring a current one, is a conflict', () => {
  const when = new Date('2026-01-01')
  assert.throws(() => assertArchiveChange('archive', when, '‘PCT’'), ConflictError)
  assert.throws(() => assertArchiveChange('restore', null, '‘PCT’'), ConflictError)
})

test('the expected transitions and ordinary edits pass', () => {
  assert.doesNotThrow(() => assertArchiveChange('archive', null, 'x'))
  assert.doesNotThrow(() => assertArchiveChange('restore', new Date(), 'x'))
  assert.doesNotThrow(() => assertArchiveChange('update', new Date(), 'x'))
})
