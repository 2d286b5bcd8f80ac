import { test } from 'node:test'
import assert from 'node:assert/strict'
import { actionForm } from './schema.ts'

const action = { bodyId: '0f8fad5b-d9cb-469f-a165-70867728950e', meetingId: '', agendaItemId: '', description: 'Report back', ownerId: '' }
const dueMessage = (dueYear: string) => {
  const result = actionForm.safeParse({ ...action, dueDay: '1', dueMonth: '1', dueYear })
  return result.success ? result.data.dueOn : result.error.issues.find((i) => i.path[0] === 'dueDay')?.message
}

test('a due date in a year no action could have says which years are allowed, rather than becoming 1900', () => {
  for (const year of ['0000', '0099', '1899', '2201']) assert.equal(dueMessage(year), 'The due date must be in a year from 1900 to 2200', year)
  assert.equal(dueMessage('2019'), '2019-01-01')
})

test('a meeting or agenda item that is not an id is a message by the field', () => {
  const result = actionForm.safeParse({ ...action, meetingId: 'abc' })
  assert.equal(result.success, false)
  assert.equal(result.error?.issues[0]?.message, 'Select a meeting from the list')
})
