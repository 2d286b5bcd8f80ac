import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { AreaKind } from '../../platform/db/performance-tables.ts'
import { groupAreaProblem, parseAreaCodes } from './model.ts'

const register = new Map<string, AreaKind>([
  ['E92000001', 'country'],
  ['E12000002', 'region'],
  ['E08000001', 'local-authority'],
  ['E08000004', 'local-authority'],
])

describe('area codes typed into the form', () => {
  test('commas, spaces and lines all separate; capitals are made; repeats are dropped', () => {
    assert.deepEqual(parseAreaCodes(' e08000004, E08000001\nE08000004;E92000001 '), { codes: ['E08000004', 'E08000001', 'E92000001'], malformed: [] })
  })

  test('anything that cannot be a code is kept aside to be named in the message', () => {
    assert.deepEqual(parseAreaCodes('E08000004 Oldham! x Rochdale'), { codes: ['E08000004'], malformed: ['OLDHAM!', 'X', 'ROCHDALE'] })
  })
})

describe('the areas a group may hold', () => {
  test('every code must be in the register', () => {
    assert.match(groupAreaProblem('other', ['E08000004', 'E0800009X'], register)!, /not in the register of areas: E0800009X/)
    assert.match(groupAreaProblem('other', [], register)!, /Enter the codes/)
  })

  test('England is England alone, a region one region, neighbours at least two', () => {
    assert.equal(groupAreaProblem('england', ['E92000001'], register), null)
    assert.match(groupAreaProblem('england', ['E92000001', 'E08000004'], register)!, /England alone/)
    assert.equal(groupAreaProblem('region', ['E12000002'], register), null)
    assert.match(groupAreaProblem('region', ['E08000004'], register)!, /one region/)
    assert.match(groupAreaProblem('statistical-neighbours', ['E08000001'], register)!, /at least two/)
    assert.equal(groupAreaProblem('regional-partnership', ['E08000001', 'E08000004'], register), null)
  })
})
