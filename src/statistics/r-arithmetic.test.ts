import { test } from 'node:test'
import assert from 'node:assert/strict'
import { roundHalfEven } from './r-arithmetic.ts'
import { observedOverExpectedBound } from './funnel-poisson.ts'
import { exactPoissonLimits } from './exact-poisson.ts'
import { byarLower } from './byar.ts'
import { funnelAxis, tidyCeiling, tidyFloor } from './funnel-axis.ts'

test('R rounds halves to even', () => {
  assert.deepEqual([0.5, 1.5, 2.5, -1.5, 2.4, 2.6].map(roundHalfEven), [0, 2, 2, -2, 2, 3])
})

test('funnel axes end on tidy numbers a little beyond the data', () => {
  assert.equal(tidyFloor(10433), 9000)
  assert.equal(tidyCeiling(30982), 33000)
  const axis = funnelAxis(10000, 33000, 100)
  assert.equal(axis.length, 100)
  assert.equal(axis[0], 10000)
  assert.ok(axis.every((x, i) => i === 0 || x > axis[i - 1]!))
})

test('funnel significance bounds are exact below 10 observed events and Byar from 10', () => {
  assert.equal(observedOverExpectedBound(9, 1, 0.95, 'low'), exactPoissonLimits(9, 0.95).lower)
  assert.equal(observedOverExpectedBound(9, 2, 0.95, 'high'), exactPoissonLimits(9, 0.95).upper / 2)
  assert.ok(Math.abs(observedOverExpectedBound(10, 1, 0.95, 'low') - byarLower(10, 0.95)!) < 1e-12)
  assert.equal(observedOverExpectedBound(0, 1, 0.95, 'low'), 0)
})
