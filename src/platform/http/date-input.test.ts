import { test } from 'node:test'
import assert from 'node:assert/strict'
import { z } from 'zod'
import { dateFromParts, dateField, dateValues, isRealDate, requiredDate, withDates } from './date-input.ts'

test('the three boxes make one date; blank boxes make none', () => {
  assert.deepEqual(dateFromParts({ 'd-day': '7', 'd-month': '2', 'd-year': '2019' }, 'd', 'Date'), { value: '2019-02-07' })
  assert.deepEqual(dateFromParts({ 'd-day': ' ', 'd-month': '', 'd-year': '' }, 'd', 'Date'), { value: null })
  assert.deepEqual(dateFromParts({ d: '2020-02-29' }, 'd', 'Date'), { value: '2020-02-29' })
})

test('what is wrong with the boxes is said in the field’s words', () => {
  assert.deepEqual(dateFromParts({ 'd-day': '7', 'd-month': '', 'd-year': '' }, 'd', 'Date agreed'), { error: 'Date agreed must include a month and year' })
  assert.deepEqual(dateFromParts({ 'd-day': '31', 'd-month': '2', 'd-year': '2019' }, 'd', 'Date agreed'), { error: 'Date agreed must be a real date' })
  assert.deepEqual(dateFromParts({ 'd-day': '1', 'd-month': '2', 'd-year': '19' }, 'd', 'Date agreed'), { error: 'Date agreed must be a real date' })
  assert.deepEqual(dateFromParts({ d: '2019-02-29' }, 'd', 'Date agreed'), { error: 'Date agreed must be a real date' })
})

test('a schema reports a bad date by its field, with every other mistake', () => {
  const form = z.preprocess(
    withDates({ startsOn: 'Start date', endsOn: 'End date' }),
    z.object({ startsOn: requiredDate('Enter the start date'), endsOn: dateField(), title: z.string().min(1, 'Enter the title') }),
  )
  const result = form.safeParse({ 'startsOn-day': '', 'endsOn-day': '40', 'endsOn-month': '1', 'endsOn-year': '2024', title: '' })
  assert.equal(result.success, false)
  const messages = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]))
  assert.deepEqual(messages, { startsOn: 'Enter the start date', endsOn: 'End date must be a real date', title: 'Enter the title' })
  assert.deepEqual(form.parse({ startsOn: '2024-04-01', title: 'T' }), { startsOn: '2024-04-01', endsOn: null, title: 'T' })
})

test('an edit form starts from the stored date, and addresses take only real dates', () => {
  assert.deepEqual(dateValues('on', '2024-04-09'), { 'on-day': '9', 'on-month': '4', 'on-year': '2024' })
  assert.deepEqual(dateValues('on', null), { 'on-day': '', 'on-month': '', 'on-year': '' })
  assert.equal(isRealDate('2024-02-29'), true)
  assert.equal(isRealDate('2023-02-29'), false)
  assert.equal(isRealDate('29/02/2024'), false)
})

test('a year PostgreSQL cannot keep, or no record could need, says which years are allowed', () => {
  for (const year of ['0000', '0001', '1899', '2201', '9999']) {
    assert.deepEqual(
      dateFromParts({ 'd-day': '1', 'd-month': '1', 'd-year': year }, 'd', 'Date agreed'),
      { error: 'Date agreed must be in a year from 1900 to 2200' },
      year,
    )
  }
  assert.deepEqual(dateFromParts({ d: '0000-01-01' }, 'd', 'Date agreed'), { error: 'Date agreed must be in a year from 1900 to 2200' })
  assert.deepEqual(dateFromParts({ 'd-day': '1', 'd-month': '1', 'd-year': '1900' }, 'd', 'Date agreed'), { value: '1900-01-01' })
  assert.deepEqual(dateFromParts({ 'd-day': '31', 'd-month': '12', 'd-year': '2200' }, 'd', 'Date agreed'), { value: '2200-12-31' })
  assert.equal(isRealDate('0000-01-01'), false)
})
