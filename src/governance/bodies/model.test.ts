import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { asStoodOn, canChangeBody, canManageBodies, existedOn, memberOn, sectorCoverage, wouldCreateCycle } from './model.ts'

describe('the structure as it stood on a date', () => {
  const bodies = [
    { id: 'executive', established_on: '2003-04-01', ended_on: '2008-04-01' },
    { id: 'cfc-board', established_on: '2008-04-01', ended_on: null },
    { id: 'unknown-start', established_on: null, ended_on: '2010-01-01' },
    { id: 'spb', established_on: '2019-03-01', ended_on: null },
  ]
  const ids = (date: string) => asStoodOn(bodies, date).map((b) => b.id)

  test('a body counts from the day it was established, and not on the day it ended', () => {
    assert.deepEqual(ids('2008-03-31'), ['executive', 'unknown-start'])
    assert.deepEqual(ids('2008-04-01'), ['cfc-board', 'unknown-start'])
  })

  test('a body not yet established is left out; one with no recorded start counts until it ends', () => {
    assert.deepEqual(ids('2019-02-28'), ['cfc-board'])
    assert.deepEqual(ids('2019-03-01'), ['cfc-board', 'spb'])
    assert.equal(existedOn({ established_on: null, ended_on: null }, '1990-01-01'), true)
  })
})

describe('accountability cannot go round in a circle', () => {
  const bodies = [
    { id: 'hwb', accountable_to_id: null },
    { id: 'spb', accountable_to_id: 'hwb' },
    { id: 'sub', accountable_to_id: 'spb' },
    { id: 'other', accountable_to_id: null },
  ]

  test('a body cannot be accountable to itself or to anything that reports up to it', () => {
    assert.equal(wouldCreateCycle(bodies, 'hwb', 'hwb'), true)
    assert.equal(wouldCreateCycle(bodies, 'hwb', 'spb'), true)
    assert.equal(wouldCreateCycle(bodies, 'hwb', 'sub'), true)
  })

  test('moving a body under an unrelated one, or to the top, is fine', () => {
    assert.equal(wouldCreateCycle(bodies, 'sub', 'other'), false)
    assert.equal(wouldCreateCycle(bodies, 'spb', null), false)
    assert.equal(wouldCreateCycle(bodies, 'other', 'sub'), false)
  })

  test('a new body (not yet in the list) can go anywhere, and a loop already in the data does not hang the check', () => {
    assert.equal(wouldCreateCycle(bodies, 'new', 'sub'), false)
    const looped = [
      { id: 'a', accountable_to_id: 'b' },
      { id: 'b', accountable_to_id: 'a' },
    ]
    assert.equal(wouldCreateCycle(looped, 'c', 'a'), false)
  })
})

describe('partner sectors on a body', () => {
  test('lists the sectors sitting on the body and the partnership’s sectors that are not, in the usual order', () => {
    assert.deepEqual(sectorCoverage(['police', 'local-authority', 'local-authority', null], ['local-authority', 'nhs', 'police', 'vcfs']), {
      represented: ['local-authority', 'police'],
      missing: ['nhs', 'vcfs'],
    })
  })

  test('all partners represented means nothing missing; a sector with no partner organisations is never missing', () => {
    assert.deepEqual(sectorCoverage(['nhs', 'local-authority'], ['local-authority', 'nhs']), { represented: ['local-authority', 'nhs'], missing: [] })
    assert.deepEqual(sectorCoverage([], []), { represented: [], missing: [] })
  })
})

describe('memberships in force', () => {
  test('from the start date, until (not including) the end date; unknown dates are open', () => {
    assert.equal(memberOn({ starts_on: '2019-01-01', ends_on: '2020-01-01' }, '2019-01-01'), true)
    assert.equal(memberOn({ starts_on: '2019-01-01', ends_on: '2020-01-01' }, '2020-01-01'), false)
    assert.equal(memberOn({ starts_on: '2019-01-02', ends_on: null }, '2019-01-01'), false)
    assert.equal(memberOn({ starts_on: null, ends_on: null }, '1999-01-01'), true)
  })
})

describe('who may change a body', () => {
  test('admins and editors change any body, whether or not they sit on it', () => {
    assert.equal(canChangeBody('admin', []), true)
    assert.equal(canChangeBody('editor', []), true)
  })

  test('contributors change only the bodies they chair or are lead officer of', () => {
    assert.equal(canChangeBody('contributor', ['chair']), true)
    assert.equal(canChangeBody('contributor', ['member', 'lead-officer']), true)
    assert.equal(canChangeBody('contributor', ['vice-chair', 'member', 'adviser', 'observer']), false)
    assert.equal(canChangeBody('contributor', []), false)
  })

  test('viewers change nothing, even a body they chair', () => {
    assert.equal(canChangeBody('viewer', ['chair']), false)
  })

  test('only admins and editors set up or archive bodies', () => {
    assert.deepEqual((['admin', 'editor', 'contributor', 'viewer'] as const).map(canManageBodies), [true, true, false, false])
  })
})
