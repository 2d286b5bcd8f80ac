import { test } from 'node:test'
import assert from 'node:assert/strict'
import { codeProblem, descendantsOf, fingerprint, normaliseCode } from './model.ts'

test('a ward is known by its ONS code, E05 and six digits', () => {
  assert.equal(codeProblem('ward', 'E05000870', 'E08000004'), null)
  assert.equal(codeProblem('ward', normaliseCode(' e05000870 '), 'E08000004'), null)
  for (const bad of ['E0500087', 'E050008701', 'E08000004', 'W05000870', 'E05-00870']) {
    assert.equal(codeProblem('ward', bad, 'E08000004'), 'Enter the ward’s ONS code: E05 and six digits, like E05000870', bad)
  }
  assert.equal(codeProblem('ward', '', 'E08000004'), 'Enter the code')
})

test('a locality’s own code is the partnership’s area code, a hyphen and up to ten letters or digits', () => {
  assert.equal(codeProblem('locality', 'E08000004-WEST', 'E08000004'), null)
  assert.equal(codeProblem('locality', 'E08000004-SADDLEWTH1', 'E08000004'), null)
  const message = 'Enter the locality’s code as E08000004- followed by up to 10 letters or digits, like E08000004-WEST'
  for (const bad of ['E08000004-', 'E08000004-SADDLEWORTH1', 'E08000004-WEST-1', 'E08000005-WEST', 'WEST', 'E05000870']) {
    assert.equal(codeProblem('locality', bad, 'E08000004'), message, bad)
  }
  assert.match(codeProblem('locality', 'X-WEST', null)!, /has no area of its own/)
})

test('an area’s descendants, however deep, and nothing else', () => {
  const parentOf = new Map<string, string | null>([
    ['L-EAST', 'E08000004'],
    ['L-WEST', 'E08000004'],
    ['L-INNER', 'L-EAST'],
    ['W1', 'L-INNER'],
    ['W2', 'L-WEST'],
  ])
  assert.deepEqual([...descendantsOf('L-EAST', parentOf)].sort(), ['L-INNER', 'W1'])
  assert.deepEqual([...descendantsOf('W2', parentOf)], [])
  assert.deepEqual([...descendantsOf('E08000004', parentOf)].sort(), ['L-EAST', 'L-INNER', 'L-WEST', 'W1', 'W2'])
})

test('the fingerprint changes with the name or the parent, and only with them', () => {
  const a = fingerprint({ name: 'Oldham West', parent_code: 'E08000004' })
  assert.equal(a, fingerprint({ name: 'Oldham West', parent_code: 'E08000004' }))
  assert.notEqual(a, fingerprint({ name: 'Oldham West ', parent_code: 'E08000004' }))
  assert.notEqual(a, fingerprint({ name: 'Oldham West', parent_code: 'E08000004-EAST' }))
  assert.match(a, /^[0-9a-f]{16}$/)
})
