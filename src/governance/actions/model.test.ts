import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { isOverdue } from './model.ts'

describe('overdue actions', () => {
  const today = '2019-02-08'

  test('an open or in-progress action past its due date is overdue', () => {
    assert.equal(isOverdue({ status: 'open', due_on: '2019-02-07' }, today), true)
    assert.equal(isOverdue({ status: 'in-progress', due_on: '2018-12-31' }, today), true)
  })

  test('an action due today is not yet overdue', () => {
    assert.equal(isOverdue({ status: 'open', due_on: today }, today), false)
  })

  test('done or dropped actions are never overdue, nor are actions with no due date', () => {
    assert.equal(isOverdue({ status: 'done', due_on: '2019-01-01' }, today), false)
    assert.equal(isOverdue({ status: 'dropped', due_on: '2019-01-01' }, today), false)
    assert.equal(isOverdue({ status: 'open', due_on: null }, today), false)
  })
})
