import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { compareTerms, needsAttention, reviewStatus, type TermsText } from './model.ts'

describe('reviewStatus', () => {
  const today = '2026-11-23'

  test('no terms of reference at all is missing', () => {
    assert.equal(reviewStatus(null, today), 'missing')
    assert.equal(reviewStatus(undefined, today), 'missing')
  })

  test('terms without a review date are flagged', () => {
    assert.equal(reviewStatus({ review_due_on: null }, today), 'no-review-date')
  })

  test('a review date before today is overdue; today itself is still due soon', () => {
    assert.equal(reviewStatus({ review_due_on: '2026-11-22' }, today), 'overdue')
    assert.equal(reviewStatus({ review_due_on: '2009-01-31' }, today), 'overdue')
    assert.equal(reviewStatus({ review_due_on: today }, today), 'due-soon')
  })

  test('due within 30 days is due soon; the 31st day is up to date', () => {
    assert.equal(reviewStatus({ review_due_on: '2026-12-23' }, today), 'due-soon')
    assert.equal(reviewStatus({ review_due_on: '2026-12-24' }, today), 'up-to-date')
  })

  test('only up-to-date terms need no attention', () => {
    assert.equal(needsAttention('up-to-date'), false)
    for (const status of ['missing', 'no-review-date', 'overdue', 'due-soon'] as const) assert.equal(needsAttention(status), true)
  })
})

describe('compareTerms', () => {
  const base: TermsText = {
    purpose: 'Lead the partnership',
    membership: 'Chief officers',
    quorum: 4,
    quorum_notes: '',
    delegated_powers: '',
    reporting_arrangements: 'Quarterly to the Health and Wellbeing Board',
    agreed_on: '2019-01-29',
    review_due_on: '2020-01-29',
    filename: null,
  }

  test('marks only the parts that changed, ignoring surrounding spaces', () => {
    const rows = compareTerms(base, { ...base, quorum: 5, purpose: ' Lead the partnership \n', review_due_on: '2021-01-29' })
    assert.deepEqual(
      rows.filter((r) => r.changed).map((r) => r.field),
      ['quorum', 'review_due_on'],
    )
    assert.equal(rows.length, 9)
  })

  test('a blank and a missing value are the same', () => {
    const rows = compareTerms({ ...base, quorum_notes: '' }, { ...base, quorum_notes: '', filename: null })
    assert.equal(
      rows.some((r) => r.changed),
      false,
    )
  })
})
