import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { auditPageHref, readAuditQuery } from './schema.ts'

describe('readAuditQuery', () => {
  test('reads choices and dates, ignoring blanks', () => {
    const { filters, problems } = readAuditQuery({
      who: 'label:command line',
      kind: '',
      action: 'update',
      'from-day': '1',
      'from-month': '7',
      'from-year': '2026',
      page: '2',
    })
    assert.equal(problems, null)
    assert.deepEqual(filters, { who: 'label:command line', kind: undefined, action: 'update', from: '2026-07-01', to: null, page: 2 })
  })

  test('a bad page number falls back to the first page', () => {
    assert.equal(readAuditQuery({ page: 'last' }).filters.page, 1)
    assert.equal(readAuditQuery({ page: '-3' }).filters.page, 1)
  })

  test('bad dates are problems for the date they belong to, and the input is kept', () => {
    const { problems, values } = readAuditQuery({ 'from-day': '31', 'from-month': '2', 'from-year': '2026', 'to-year': '2026' })
    assert.deepEqual(problems, { from: 'Date from must be a real date', to: 'Date to must include a day and month' })
    assert.deepEqual(values.from, { day: '31', month: '2', year: '2026' })
  })

  test('to before from is a problem for to', () => {
    const { problems } = readAuditQuery({ 'from-day': '2', 'from-month': '7', 'from-year': '2026', 'to-day': '1', 'to-month': '7', 'to-year': '2026' })
    assert.deepEqual(problems, { to: 'Date to must be the same as or after date from' })
  })
})

describe('auditPageHref', () => {
  test('keeps the filters and names the page; page 1 and no filters is the plain address', () => {
    const { values } = readAuditQuery({ kind: 'membership', 'to-day': '3', 'to-month': '11', 'to-year': '2026' })
    assert.equal(auditPageHref(values, 3), '/admin/audit?kind=membership&to-day=3&to-month=11&to-year=2026&page=3')
    assert.equal(auditPageHref(readAuditQuery({}).values, 1), '/admin/audit')
  })
})
