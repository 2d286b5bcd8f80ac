import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isLate, moveLabel, nextStatuses, shownStatus, transitionProblem, transitionVerb } from './model.ts'

test('a request is late only while requested and after its due date; due today is not late', () => {
  assert.equal(isLate({ status: 'requested', due_on: '2024-10-31' }, '2024-11-01'), true)
  assert.equal(isLate({ status: 'requested', due_on: '2024-11-01' }, '2024-11-01'), false)
  assert.equal(isLate({ status: 'requested', due_on: '2024-12-01' }, '2024-11-01'), false)
  assert.equal(isLate({ status: 'submitted', due_on: '2024-10-31' }, '2024-11-01'), false, 'submitted after the due date is no longer late')
  assert.equal(isLate({ status: 'approved', due_on: '2020-01-01' }, '2024-11-01'), false)
  assert.equal(shownStatus({ status: 'requested', due_on: '2024-10-31' }, '2024-11-01'), 'late')
  assert.equal(shownStatus({ status: 'submitted', due_on: '2024-10-31' }, '2024-11-01'), 'submitted')
})

test('requested → submitted → approved, and back to requested from either', () => {
  assert.deepEqual(nextStatuses('requested'), ['submitted'])
  assert.deepEqual(nextStatuses('submitted'), ['approved', 'requested'])
  assert.deepEqual(nextStatuses('approved'), ['requested'])
  assert.equal(transitionProblem('requested', 'submitted'), null)
  assert.equal(transitionProblem('submitted', 'approved'), null)
  assert.equal(transitionProblem('submitted', 'requested'), null)
  assert.equal(transitionProblem('approved', 'requested'), null)
})

test('skipping a step or repeating one is refused with a reason', () => {
  assert.equal(transitionProblem('requested', 'approved'), 'A request that is requested cannot be marked approved: it must be submitted first')
  assert.equal(transitionProblem('approved', 'submitted'), 'A request that is approved cannot be marked submitted: send it back to requested first')
  assert.equal(transitionProblem('submitted', 'submitted'), 'The request is already submitted')
  assert.equal(transitionProblem('requested', 'requested'), 'The request is already requested')
})

test('each change reads as what happened', () => {
  assert.equal(transitionVerb('requested', 'submitted'), 'Marked as submitted')
  assert.equal(transitionVerb('submitted', 'approved'), 'Approved')
  assert.equal(transitionVerb('submitted', 'requested'), 'Sent back to requested')
  assert.equal(transitionVerb('approved', 'requested'), 'Reopened: back to requested')
})

test('the buttons say what they do', () => {
  assert.equal(moveLabel('requested', 'submitted'), 'Mark as submitted')
  assert.equal(moveLabel('submitted', 'approved'), 'Approve')
  assert.equal(moveLabel('submitted', 'requested'), 'Send back to requested')
  assert.equal(moveLabel('approved', 'requested'), 'Reopen')
})
