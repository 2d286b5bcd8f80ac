import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { copyTitle, keeperText, ownershipOf, refusalText } from './model.ts'

const oldham = '7c1e4a52-0000-4000-8000-000000000001'
const bury = '7c1e4a52-0000-4000-8000-000000000002'

describe('whose a priority set is', () => {
  test('its own partnership’s, another partnership’s, or the service’s when no partnership keeps it', () => {
    assert.equal(ownershipOf(oldham, oldham), 'ours')
    assert.equal(ownershipOf(bury, oldham), 'another-partnership')
    assert.equal(ownershipOf(null, oldham), 'platform')
  })

  test('says who keeps it, and why another’s cannot be changed, offering a copy', () => {
    assert.equal(keeperText('ours', 'Oldham'), 'Your partnership (Oldham)')
    assert.equal(keeperText('another-partnership', 'Bury'), 'Bury')
    assert.equal(keeperText('platform', null), 'The service, for every partnership')
    assert.equal(refusalText('another-partnership', 'Bury priorities'), '‘Bury priorities’ belongs to another partnership: only its admins can change it. Copy it to your partnership to make a set you can change.')
    assert.match(refusalText('platform', 'GM Children’s Plan'), /^‘GM Children’s Plan’ is kept by the service for every partnership, so it cannot be changed here\. Copy it/)
  })

  test('offers a copy a title naming the partnership, within the 200 characters a title may have', () => {
    assert.equal(copyTitle('GM Children’s Plan', 'Oldham'), 'GM Children’s Plan (Oldham)')
    assert.equal(copyTitle('x'.repeat(200), 'Oldham').length, 200)
  })
})
