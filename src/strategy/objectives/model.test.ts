import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { attention, isOverdue, isSlipping, progressOf } from './model.ts'

const today = '2008-03-15'

describe('an overdue objective', () => {
  test('is one whose due date has passed and that is not complete or dropped', () => {
    assert.equal(isOverdue({ status: 'on-track', rag: 'green', dueOn: '2008-03-14' }, today), true)
    assert.equal(isOverdue({ status: 'not-started', rag: null, dueOn: '2007-11-30' }, today), true)
    assert.equal(isOverdue({ status: 'complete', rag: null, dueOn: '2007-11-30' }, today), false)
    assert.equal(isOverdue({ status: 'dropped', rag: null, dueOn: '2007-11-30' }, today), false)
  })

  test('is not overdue on its due date itself', () => {
    assert.equal(isOverdue({ status: 'on-track', rag: null, dueOn: today }, today), false)
  })

  test('never, when its timescale has no due date (ongoing, annually, the planning cycle)', () => {
    assert.equal(isOverdue({ status: 'not-started', rag: 'red', dueOn: null }, today), false)
  })
})

describe('a slipping objective', () => {
  test('is at risk or off track, whatever its dates', () => {
    assert.equal(isSlipping({ status: 'at-risk', rag: null, dueOn: null }, today), true)
    assert.equal(isSlipping({ status: 'off-track', rag: null, dueOn: '2009-01-31' }, today), true)
  })

  test('is rated red or amber, even when said to be on track', () => {
    assert.equal(isSlipping({ status: 'on-track', rag: 'amber', dueOn: null }, today), true)
    assert.equal(isSlipping({ status: 'on-track', rag: 'red', dueOn: null }, today), true)
    assert.equal(isSlipping({ status: 'on-track', rag: 'green', dueOn: null }, today), false)
  })

  test('is due within 30 days and not started: day 30 counts, day 31 does not', () => {
    assert.equal(isSlipping({ status: 'not-started', rag: null, dueOn: '2008-04-14' }, today), true)
    assert.equal(isSlipping({ status: 'not-started', rag: null, dueOn: '2008-04-15' }, today), false)
    assert.equal(isSlipping({ status: 'not-started', rag: null, dueOn: today }, today), true)
    assert.equal(isSlipping({ status: 'on-track', rag: null, dueOn: '2008-03-20' }, today), false, 'started work due soon is not slipping')
  })

  test('never, once complete or dropped', () => {
    assert.equal(isSlipping({ status: 'complete', rag: 'red', dueOn: '2008-03-20' }, today), false)
    assert.equal(isSlipping({ status: 'dropped', rag: 'amber', dueOn: null }, today), false)
  })
})

describe('why an objective needs attention', () => {
  test('overdue comes first, so an overdue objective rated red is counted once, as overdue', () => {
    assert.equal(attention({ status: 'off-track', rag: 'red', dueOn: '2008-01-31' }, today), 'overdue')
    assert.equal(attention({ status: 'off-track', rag: 'red', dueOn: '2008-05-31' }, today), 'slipping')
    assert.equal(attention({ status: 'on-track', rag: 'green', dueOn: '2008-05-31' }, today), null)
  })

  test('an objective with no update is not started with no RAG', () => {
    assert.deepEqual(progressOf({ latestStatus: null, latestRag: null }, '2008-04-01'), { status: 'not-started', rag: null, dueOn: '2008-04-01' })
    assert.equal(attention(progressOf({ latestStatus: null, latestRag: null }, '2008-04-01'), today), 'slipping')
  })
})
