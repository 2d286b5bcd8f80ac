import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { summarise } from './model.ts'

describe('a progress summary', () => {
  const today = '2008-03-15'

  test('counts by status, complete of those not dropped, and overdue and slipping apart', () => {
    const summary = summarise(
      [
        { status: 'complete', rag: 'green', dueOn: '2007-11-30' },
        { status: 'complete', rag: null, dueOn: null },
        { status: 'on-track', rag: 'green', dueOn: '2008-01-31' }, // overdue
        { status: 'at-risk', rag: 'amber', dueOn: '2008-06-30' }, // slipping
        { status: 'off-track', rag: 'red', dueOn: '2007-12-31' }, // overdue, not also slipping
        { status: 'not-started', rag: null, dueOn: '2008-04-01' }, // slipping: due within 30 days
        { status: 'not-started', rag: null, dueOn: null },
        { status: 'dropped', rag: null, dueOn: '2007-09-30' },
      ],
      today,
    )
    assert.deepEqual(summary, {
      total: 8,
      counts: { 'not-started': 2, 'on-track': 1, 'at-risk': 1, 'off-track': 1, complete: 2, dropped: 1 },
      countable: 7,
      complete: 2,
      overdue: 2,
      slipping: 2,
    })
  })

  test('of nothing is all zeros', () => {
    const summary = summarise([], today)
    assert.equal(summary.total, 0)
    assert.equal(summary.countable, 0)
    assert.equal(summary.overdue + summary.slipping + summary.complete, 0)
  })
})
