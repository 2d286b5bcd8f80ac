import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { answerSummaries, answererText, copyTitle, keeperText, ownershipOf, proposalRefusal, proposalRoleOf, proposalStatus, refusalText } from './model.ts'

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
    assert.equal(
      refusalText('another-partnership', 'Bury priorities'),
      '‘Bury priorities’ belongs to another partnership: only its admins can change it. Copy it to your partnership to make a set you can change.',
    )
    assert.match(
      refusalText('platform', 'GM Children’s Plan'),
      /^‘GM Children’s Plan’ is kept by the service for every partnership, so it cannot be changed here\. Copy it/,
    )
  })

  test('offers a copy a title naming the partnership, within the 200 characters a title may have', () => {
    assert.equal(copyTitle('GM Children’s Plan', 'Oldham'), 'GM Children’s Plan (Oldham)')
    assert.equal(copyTitle('x'.repeat(200), 'Oldham').length, 200)
  })
})

describe('changes proposed to a priority set', () => {
  const wigan = '7c1e4a52-0000-4000-8000-000000000003'

  test('the keeping partnership answers, the sender sees it, and no other partnership does', () => {
    const toBury = { from_partnership_id: oldham, owner_partnership_id: bury }
    assert.equal(proposalRoleOf(toBury, bury), 'keeper')
    assert.equal(proposalRoleOf(toBury, oldham), 'sender')
    assert.equal(proposalRoleOf(toBury, wigan), 'none')
    // A set the service keeps has no keeping partnership: the sender still sees it, and operators answer.
    assert.equal(proposalRoleOf({ from_partnership_id: oldham, owner_partnership_id: null }, oldham), 'sender')
    assert.equal(proposalRoleOf({ from_partnership_id: oldham, owner_partnership_id: null }, bury), 'none')
    assert.equal(answererText('Bury'), 'the admins of Bury')
    assert.equal(answererText(null), 'the service’s operators')
  })

  test('a change is proposed to another’s current set, never to one’s own (change it instead) or an archived one', () => {
    const current = { title: 'Bury priorities', archived_at: null }
    assert.equal(proposalRefusal('another-partnership', current), null)
    assert.equal(proposalRefusal('platform', current), null)
    assert.equal(proposalRefusal('ours', current), '‘Bury priorities’ is your partnership’s own set: change it yourselves rather than proposing a change.')
    assert.equal(
      proposalRefusal('platform', { title: 'Old plan', archived_at: new Date('2026-01-01') }),
      '‘Old plan’ is archived: it takes no proposed changes.',
    )
  })

  test('says how a proposal stands, and writes the answer’s line for each audit trail', () => {
    assert.deepEqual(proposalStatus(null), { text: 'Waiting for an answer', classes: 'govuk-tag--yellow' })
    assert.deepEqual(proposalStatus('made'), { text: 'Made the change', classes: 'govuk-tag--green' })
    assert.deepEqual(proposalStatus('declined'), { text: 'Declined', classes: 'govuk-tag--grey' })
    assert.deepEqual(answerSummaries('made', 'Bury priorities', { sender: 'Oldham', answerer: 'Bury' }), {
      answerer: 'Made the change to ‘Bury priorities’ that Oldham proposed',
      sender: 'Bury made the change to ‘Bury priorities’ that your partnership proposed',
    })
    assert.deepEqual(answerSummaries('declined', 'GM Children’s Plan', { sender: 'Oldham', answerer: null }), {
      answerer: 'Declined the change to ‘GM Children’s Plan’ that Oldham proposed',
      sender: 'The service’s operators declined the change to ‘GM Children’s Plan’ that your partnership proposed',
    })
  })
})
