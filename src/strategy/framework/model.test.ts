import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { adoptionProblem, commitmentsServingNothing, compareVersions, isEditable, moveInOrder, readOnlyMessage } from './model.ts'

const safe = { id: 'o1', title: 'Are safe and feel safe', description: '' }
const healthy = { id: 'o2', title: 'Are as healthy as they can be', description: '' }
const ready = { id: 'c1', text: 'Every Oldham child will start school ready to learn.', outcomeIds: ['o2'] }
const heard = { id: 'c2', text: 'Every Oldham child will be supported to make their voice heard.', outcomeIds: [] }

describe('what a version changed', () => {
  test('the same content in another order is no change', () => {
    const changes = compareVersions({ outcomes: [safe, healthy], commitments: [ready] }, { outcomes: [healthy, safe], commitments: [ready] })
    assert.equal(changes.unchanged, true)
    assert.deepEqual(changes.outcomes, { added: [], removed: [], reworded: [] })
  })

  test('a new wording of the same outcome is a rewording, not a removal and an addition', () => {
    const reworded = { ...healthy, title: 'Are as healthy as they can be, including emotionally and mentally' }
    const changes = compareVersions({ outcomes: [safe, healthy], commitments: [] }, { outcomes: [safe, reworded], commitments: [] })
    assert.equal(changes.unchanged, false)
    assert.deepEqual(changes.outcomes.reworded, [{ before: healthy, after: reworded }])
    assert.deepEqual(changes.outcomes.added, [])
    assert.deepEqual(changes.outcomes.removed, [])
  })

  test('a changed description alone rewords an outcome', () => {
    const described = { ...safe, description: 'Including online' }
    assert.equal(compareVersions({ outcomes: [safe], commitments: [] }, { outcomes: [described], commitments: [] }).outcomes.reworded.length, 1)
  })

  test('added and removed outcomes and commitments are listed apart', () => {
    const changes = compareVersions({ outcomes: [safe], commitments: [ready] }, { outcomes: [healthy], commitments: [ready, heard] })
    assert.deepEqual(changes.outcomes.added, [healthy])
    assert.deepEqual(changes.outcomes.removed, [safe])
    assert.deepEqual(changes.commitments.added, [heard])
    assert.deepEqual(changes.commitments.removed, [])
  })

  test('a commitment serving other outcomes keeps its wording, so it is not reworded', () => {
    const changes = compareVersions({ outcomes: [], commitments: [ready] }, { outcomes: [], commitments: [{ ...ready, outcomeIds: ['o1'] }] })
    assert.deepEqual(changes.commitments.reworded, [])
  })

  test('a first version adds everything', () => {
    const changes = compareVersions({ outcomes: [], commitments: [] }, { outcomes: [safe, healthy], commitments: [ready] })
    assert.equal(changes.outcomes.added.length, 2)
    assert.equal(changes.commitments.added.length, 1)
  })
})

describe('commitments serving no outcome', () => {
  test('a commitment with no outcomes, or only outcomes no longer in the version, serves nothing', () => {
    const stale = { id: 'c3', text: 'Stale', outcomeIds: ['gone'] }
    assert.deepEqual(commitmentsServingNothing([ready, heard, stale], ['o1', 'o2']), [heard, stale])
  })
})

describe('moving an outcome or commitment', () => {
  test('swaps with its neighbour, and stays put at either end', () => {
    assert.deepEqual(moveInOrder(['a', 'b', 'c'], 'b', 'up'), ['b', 'a', 'c'])
    assert.deepEqual(moveInOrder(['a', 'b', 'c'], 'b', 'down'), ['a', 'c', 'b'])
    assert.deepEqual(moveInOrder(['a', 'b', 'c'], 'a', 'up'), ['a', 'b', 'c'])
    assert.deepEqual(moveInOrder(['a', 'b', 'c'], 'c', 'down'), ['a', 'b', 'c'])
    assert.deepEqual(moveInOrder(['a', 'b'], 'x', 'up'), ['a', 'b'])
  })
})

describe('stages', () => {
  test('only drafts and versions out for consultation can change', () => {
    assert.equal(isEditable('draft'), true)
    assert.equal(isEditable('consultation'), true)
    assert.equal(isEditable('adopted'), false)
    assert.equal(isEditable('superseded'), false)
    assert.match(readOnlyMessage(1, 'adopted'), /Version 1 is adopted and cannot be changed/)
    assert.match(readOnlyMessage(2, 'superseded'), /Version 2 is superseded/)
  })

  test('adoption cannot come before the consultation began', () => {
    assert.equal(adoptionProblem('2019-02-01', '2019-02-07'), 'The date adopted must be on or after the consultation started')
    assert.equal(adoptionProblem('2019-02-07', '2019-02-07'), null)
    assert.equal(adoptionProblem('2019-01-01', null), null)
  })
})
