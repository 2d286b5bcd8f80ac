import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { actionLabel, changedKeys, comparisonRows, dateRangeProblem, fieldLabel, kindLabel, pageItems, readDate } from './model.ts'

describe('changedKeys', () => {
  test('lists only the fields whose values differ, alphabetically', () => {
    const before = { name: 'Oldham Council', sector: 'local-authority', version: 1, website: null }
    const after = { name: 'Oldham Council', sector: 'nhs', version: 2, website: null }
    assert.deepEqual(changedKeys({ ...after, version: 1 }, before), ['sector'])
    assert.deepEqual(changedKeys(before, after), ['sector', 'version'])
    assert.deepEqual(changedKeys({ z: 1, a: 1 }, { z: 2, a: 2 }), ['a', 'z'])
  })

  test('a newly added record has every filled-in field changed; empty ones are not', () => {
    assert.deepEqual(changedKeys(null, { name: 'Amina', id: 'a1', website: null }), ['id', 'name'])
  })

  test('a removed record has every field that had a value changed', () => {
    assert.deepEqual(changedKeys({ role: 'editor', version: 3 }, null), ['role', 'version'])
  })

  test('a field present on only one side counts as changed', () => {
    assert.deepEqual(changedKeys({ a: 1 }, { a: 1, password: 'new password' }), ['password'])
  })

  test('nested values are compared by content, not by key order', () => {
    assert.deepEqual(changedKeys({ tags: { x: 1, y: [1, 2] } }, { tags: { y: [1, 2], x: 1 } }), [])
    assert.deepEqual(changedKeys({ tags: { y: [1, 2] } }, { tags: { y: [2, 1] } }), ['tags'])
  })

  test('a value and the same value as a different type are different', () => {
    assert.deepEqual(changedKeys({ version: 1 }, { version: '1' }), ['version'])
  })

  test('identical snapshots have nothing changed', () => {
    assert.deepEqual(changedKeys({ a: 1, b: 'x' }, { b: 'x', a: 1 }), [])
  })
})

describe('comparisonRows', () => {
  test('puts before and after side by side as text, marking the changed rows', () => {
    assert.deepEqual(comparisonRows({ role: 'viewer', version: 1, note: null }, { role: 'editor', version: 2, note: null }), [
      { field: 'note', before: '', after: '', changed: false },
      { field: 'role', before: 'viewer', after: 'editor', changed: true },
      { field: 'version', before: '1', after: '2', changed: true },
    ])
  })

  test('shows timestamps as UK dates and times, in London time', () => {
    assert.deepEqual(comparisonRows({ archived_at: null }, { archived_at: '2026-07-01T08:05:00.000Z' }), [
      { field: 'archived_at', before: '', after: '1 July 2026 at 9:05am', changed: true },
    ])
    assert.equal(comparisonRows(null, { note: 'Met on 2026-07-01' })[0]?.after, 'Met on 2026-07-01')
  })

  test('shows structured values as JSON', () => {
    assert.deepEqual(comparisonRows(null, { areas: ['E08000004'] }), [{ field: 'areas', before: '', after: '["E08000004"]', changed: true }])
  })
})

describe('readDate', () => {
  test('blank is no date', () => {
    assert.deepEqual(readDate({ day: ' ', month: '', year: undefined }, 'Date from'), { ok: true, date: null })
  })

  test('a real date becomes an ISO date', () => {
    assert.deepEqual(readDate({ day: '7', month: '2', year: '2019' }, 'Date from'), { ok: true, date: '2019-02-07' })
  })

  test('a leap day is real only in a leap year', () => {
    assert.deepEqual(readDate({ day: '29', month: '2', year: '2028' }, 'Date to'), { ok: true, date: '2028-02-29' })
    assert.deepEqual(readDate({ day: '29', month: '2', year: '2027' }, 'Date to'), { ok: false, message: 'Date to must be a real date' })
  })

  test('says which parts are missing', () => {
    assert.deepEqual(readDate({ day: '7', year: '2019' }, 'Date from'), { ok: false, message: 'Date from must include a month' })
    assert.deepEqual(readDate({ year: '2019' }, 'Date from'), { ok: false, message: 'Date from must include a day and month' })
  })

  test('rejects impossible and non-numeric dates', () => {
    assert.deepEqual(readDate({ day: '31', month: '4', year: '2026' }, 'Date from'), { ok: false, message: 'Date from must be a real date' })
    assert.deepEqual(readDate({ day: '1', month: '13', year: '2026' }, 'Date from'), { ok: false, message: 'Date from must be a real date' })
    assert.deepEqual(readDate({ day: 'first', month: '1', year: '2026' }, 'Date from'), { ok: false, message: 'Date from must be a real date' })
    assert.deepEqual(readDate({ day: '0', month: '1', year: '2026' }, 'Date from'), { ok: false, message: 'Date from must be a real date' })
  })

  test('wants a four-digit year', () => {
    assert.deepEqual(readDate({ day: '1', month: '1', year: '26' }, 'Date from'), { ok: false, message: 'Date from year must include 4 numbers' })
  })
})

describe('dateRangeProblem', () => {
  test('to before from is a problem; the same day or an open end is not', () => {
    assert.equal(dateRangeProblem('2026-11-02', '2026-11-01'), 'Date to must be the same as or after date from')
    assert.equal(dateRangeProblem('2026-11-01', '2026-11-01'), null)
    assert.equal(dateRangeProblem('2026-11-01', null), null)
    assert.equal(dateRangeProblem(null, '2026-11-01'), null)
  })
})

describe('pageItems', () => {
  test('one page is just that page', () => {
    assert.deepEqual(pageItems(1, 1), [{ number: 1 }])
  })

  test('few pages are all shown', () => {
    assert.deepEqual(pageItems(2, 3), [{ number: 1 }, { number: 2 }, { number: 3 }])
  })

  test('many pages show the ends and the neighbours, with gaps marked', () => {
    assert.deepEqual(pageItems(5, 10), [{ number: 1 }, { ellipsis: true }, { number: 4 }, { number: 5 }, { number: 6 }, { ellipsis: true }, { number: 10 }])
    assert.deepEqual(pageItems(1, 10), [{ number: 1 }, { number: 2 }, { ellipsis: true }, { number: 10 }])
    assert.deepEqual(pageItems(10, 10), [{ number: 1 }, { ellipsis: true }, { number: 9 }, { number: 10 }])
  })

  test('no gap is marked between consecutive pages', () => {
    assert.deepEqual(pageItems(3, 5), [{ number: 1 }, { number: 2 }, { number: 3 }, { number: 4 }, { number: 5 }])
  })
})

describe('labels', () => {
  test('actions read as past-tense words, unknown ones as they are', () => {
    assert.equal(actionLabel('delete'), 'Removed')
    assert.equal(actionLabel('publish'), 'publish')
  })

  test('field names read as words whichever case the record uses', () => {
    assert.equal(fieldLabel('display_name'), 'Display name')
    assert.equal(fieldLabel('displayName'), 'Display name')
    assert.equal(fieldLabel('failedSignIns'), 'Failed sign ins')
    assert.equal(fieldLabel('id'), 'Id')
  })

  test('kinds are capitalised words', () => {
    assert.equal(kindLabel('membership'), 'Membership')
    assert.equal(kindLabel('delivery-plan'), 'Delivery plan')
  })
})
