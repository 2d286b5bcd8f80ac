import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { meetingFor, occurrences, planForBody } from './model.ts'

describe('occurrences of a planned item', () => {
  test('31 January monthly falls on each month’s last day, back to the 31st when the month has one', () => {
    assert.deepEqual(occurrences({ first_due_on: '2019-01-31', recurrence: 'monthly', ends_on: null }, '2019-01-01', '2019-05-31'), [
      '2019-01-31',
      '2019-02-28',
      '2019-03-31',
      '2019-04-30',
      '2019-05-31',
    ])
  })

  test('quarterly within the window only, from a start in the past', () => {
    assert.deepEqual(occurrences({ first_due_on: '2019-03-31', recurrence: 'quarterly', ends_on: null }, '2019-08-01', '2020-04-01'), [
      '2019-09-30',
      '2019-12-31',
      '2020-03-31',
    ])
  })

  test('stops at the end date', () => {
    assert.deepEqual(occurrences({ first_due_on: '2019-01-15', recurrence: 'six-monthly', ends_on: '2020-01-14' }, '2019-01-01', '2021-01-01'), [
      '2019-01-15',
      '2019-07-15',
    ])
  })

  test('a one-off appears only when it falls in the window', () => {
    assert.deepEqual(occurrences({ first_due_on: '2019-05-01', recurrence: 'once', ends_on: null }, '2019-01-01', '2019-12-31'), ['2019-05-01'])
    assert.deepEqual(occurrences({ first_due_on: '2018-05-01', recurrence: 'once', ends_on: null }, '2019-01-01', '2019-12-31'), [])
  })

  test('annually keeps 29 February to 28 February in other years', () => {
    assert.deepEqual(occurrences({ first_due_on: '2020-02-29', recurrence: 'annually', ends_on: null }, '2020-01-01', '2022-12-31'), [
      '2020-02-29',
      '2021-02-28',
      '2022-02-28',
    ])
  })
})

describe('placing an occurrence against a meeting', () => {
  const meetings = [{ date: '2019-03-26' }, { date: '2019-06-25' }]
  test('the first meeting on or after the due date', () => {
    assert.deepEqual(meetingFor('2019-03-26', meetings), { date: '2019-03-26' })
    assert.deepEqual(meetingFor('2019-03-27', meetings), { date: '2019-06-25' })
  })
  test('none when nothing is scheduled late enough', () => {
    assert.equal(meetingFor('2019-07-01', meetings), undefined)
  })
})

describe('a body’s plan', () => {
  const quarterly = { title: 'Quarterly update', first_due_on: '2019-04-01', recurrence: 'quarterly' as const, ends_on: null }
  const once = { title: 'Annual report', first_due_on: '2027-03-01', recurrence: 'once' as const, ends_on: null }

  test('places each occurrence against the next meeting, and keeps those with none scheduled apart', () => {
    const meetings = [
      { id: 'a', date: '2026-12-10' },
      { id: 'b', date: '2027-03-15' },
    ]
    const plan = planForBody([quarterly, once], meetings, '2026-11-23', '2027-11-23')
    assert.deepEqual(
      plan.meetings.map((m) => [m.meeting.id, m.occurrences.map((o) => `${o.item.title} ${o.due}`)]),
      [
        ['a', []],
        ['b', ['Quarterly update 2027-01-01', 'Annual report 2027-03-01']],
      ],
    )
    assert.deepEqual(
      plan.unplaced.map((o) => o.due),
      ['2027-04-01', '2027-07-01', '2027-10-01'],
    )
  })

  test('a meeting after the period is shown when something falls to it; one before it is not', () => {
    const meetings = [
      { id: 'past', date: '2026-01-01' },
      { id: 'later', date: '2028-01-15' },
    ]
    const plan = planForBody([quarterly], meetings, '2026-11-23', '2027-11-23')
    assert.deepEqual(
      plan.meetings.map((m) => m.meeting.id),
      ['later'],
    )
    assert.deepEqual(
      plan.meetings[0]!.occurrences.map((o) => o.due),
      ['2027-01-01', '2027-04-01', '2027-07-01', '2027-10-01'],
    )
    assert.deepEqual(plan.unplaced, [])
  })
})
