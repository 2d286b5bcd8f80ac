import { test } from 'node:test'
import assert from 'node:assert/strict'
import { meetingForm } from './schema.ts'

const meeting = {
  bodyId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  day: '29',
  month: '1',
  time: '14:00',
  location: 'Civic Centre',
  notes: '',
  status: 'scheduled',
}
const dateMessage = (year: string) => {
  const result = meetingForm.safeParse({ ...meeting, year })
  return result.success ? result.data.startsAt.toISOString() : result.error.issues.find((i) => i.path[0] === 'day')?.message
}

test('a meeting in a year no meeting could be in says which years are allowed, rather than becoming 1900', () => {
  for (const year of ['0000', '0019', '1899', '2201']) assert.equal(dateMessage(year), 'The meeting date must be in a year from 1900 to 2200', year)
  assert.equal(dateMessage('2019'), '2019-01-29T14:00:00.000Z')
  assert.equal(
    meetingForm.safeParse({ ...meeting, day: '30', month: '2', year: '2019' }).error?.issues[0]?.message,
    'The meeting date must be a real date, like 29 1 2019',
  )
})
