import { test } from 'node:test'
import assert from 'node:assert/strict'
import { byPlan, isBlank, newestFirst, writtenOnProblem } from './model.ts'

test('commentary may be dated today or earlier, never later', () => {
  assert.equal(writtenOnProblem('2026-11-23', '2026-11-23'), null)
  assert.equal(writtenOnProblem('2019-03-31', '2026-11-23'), null)
  assert.equal(writtenOnProblem('2026-11-24', '2026-11-23'), 'The date written must be today or in the past')
})

test('objectives are grouped under their plans, plans by title, keeping each plan’s own order', () => {
  const groups = byPlan([
    { id: 'a', planId: 'p2', planTitle: 'Strategy action plan' },
    { id: 'b', planId: 'p1', planTitle: 'Children’s Trust Approach Delivery Plan' },
    { id: 'c', planId: 'p2', planTitle: 'Strategy action plan' },
  ])
  assert.deepEqual(
    groups.map((g) => [g.planTitle, g.objectives.map((o) => o.id)]),
    [
      ['Children’s Trust Approach Delivery Plan', ['b']],
      ['Strategy action plan', ['a', 'c']],
    ],
  )
  assert.deepEqual(byPlan([]), [])
})

test('commentary reads newest first: by date written, then the later recorded on the same day', () => {
  const at = (iso: string) => new Date(iso)
  const sorted = newestFirst([
    { id: 1, written_on: '2019-06-30', created_at: at('2019-07-01T09:00:00Z') },
    { id: 2, written_on: '2019-12-31', created_at: at('2019-12-31T09:00:00Z') },
    { id: 3, written_on: '2019-06-30', created_at: at('2019-07-02T09:00:00Z') },
  ])
  assert.deepEqual(
    sorted.map((e) => e.id),
    [2, 3, 1],
  )
})

test('a card counts as blank until something but spaces is written in it', () => {
  assert.equal(isBlank(undefined), true)
  assert.equal(isBlank({ story: '  ', partners: '', what_works: '\n' }), true)
  assert.equal(isBlank({ story: '', partners: 'Schools', what_works: '' }), false)
})
