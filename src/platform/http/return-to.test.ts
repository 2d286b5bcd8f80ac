import { test } from 'node:test'
import assert from 'node:assert/strict'
import { safeReturnTo } from './return-to.ts'

test('a path on this site comes back, re-encoded so it is safe in a Location header', () => {
  assert.equal(safeReturnTo('/people?q=Smith'), '/people?q=Smith')
  assert.equal(safeReturnTo('/∕'), '/%E2%88%95')
  assert.equal(safeReturnTo('/%E2%88%95'), '/%E2%88%95')
  assert.equal(safeReturnTo('/people?q=ä#list'), '/people?q=%C3%A4#list')
  assert.equal(safeReturnTo('/bodies/../people'), '/people')
})

test('anything that could leave the site, or is not a path at all, goes home', () => {
  for (const value of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'evil',
    '/.//evil.example',
    '/a/..//evil.example',
    '/%2e//evil.example',
    '/a b',
    '/a\0',
    '',
    undefined,
    ['/people'],
    `/${'a'.repeat(3000)}`,
  ]) {
    assert.equal(safeReturnTo(value), '/', JSON.stringify(value))
  }
})
