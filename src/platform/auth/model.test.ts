import { test } from 'node:test'
import assert from 'node:assert/strict'
import { assertCan, can, isRole, roles } from './model.ts'
import { ForbiddenError } from '../errors.ts'

test('only admins manage users and read the audit trail', () => {
  assert.deepEqual(
    roles.filter((role) => can(role, 'users.manage')),
    ['admin'],
  )
  assert.deepEqual(
    roles.filter((role) => can(role, 'audit.read')),
    ['admin'],
  )
})

test('admins and editors change the directory; contributors and viewers read it', () => {
  assert.deepEqual(
    roles.filter((role) => can(role, 'directory.edit')),
    ['admin', 'editor'],
  )
  assert.ok(roles.every((role) => can(role, 'partnership.read')))
})

test('assertCan throws ForbiddenError when the role lacks the permission', () => {
  assert.throws(() => assertCan({ role: 'viewer' }, 'directory.edit'), ForbiddenError)
  assert.doesNotThrow(() => assertCan({ role: 'editor' }, 'directory.edit'))
})

test('isRole accepts only the four roles', () => {
  assert.ok(isRole('contributor'))
  assert.ok(!isRole('owner'))
  assert.ok(!isRole(undefined))
})
