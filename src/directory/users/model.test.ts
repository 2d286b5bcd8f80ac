import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { lastAdminMessage, membershipChangeProblem, removeSelfMessage } from './model.ts'

const me = '00000000-0000-4000-8000-000000000001'
const them = '00000000-0000-4000-8000-000000000002'

describe('membershipChangeProblem', () => {
  test('the last admin cannot demote themselves', () => {
    assert.equal(membershipChangeProblem({ actorUserId: me, targetUserId: me, currentRole: 'admin', newRole: 'editor', adminCount: 1 }), lastAdminMessage)
  })

  test('the last admin cannot remove themselves, and is told why', () => {
    assert.equal(membershipChangeProblem({ actorUserId: me, targetUserId: me, currentRole: 'admin', newRole: null, adminCount: 1 }), lastAdminMessage)
  })

  test('an admin may demote themselves while another admin remains', () => {
    assert.equal(membershipChangeProblem({ actorUserId: me, targetUserId: me, currentRole: 'admin', newRole: 'viewer', adminCount: 2 }), null)
  })

  test('an admin may not remove themselves even while another admin remains', () => {
    assert.equal(membershipChangeProblem({ actorUserId: me, targetUserId: me, currentRole: 'admin', newRole: null, adminCount: 2 }), removeSelfMessage)
  })

  test('keeping the admin role is never a problem', () => {
    assert.equal(membershipChangeProblem({ actorUserId: me, targetUserId: me, currentRole: 'admin', newRole: 'admin', adminCount: 1 }), null)
  })

  test('changing or removing someone who is not an admin does not count admins', () => {
    assert.equal(membershipChangeProblem({ actorUserId: me, targetUserId: them, currentRole: 'editor', newRole: 'admin', adminCount: 1 }), null)
    assert.equal(membershipChangeProblem({ actorUserId: me, targetUserId: them, currentRole: 'viewer', newRole: null, adminCount: 1 }), null)
  })

  test('the command line (no user) is held to the last-admin rule too', () => {
    assert.equal(membershipChangeProblem({ actorUserId: null, targetUserId: them, currentRole: 'admin', newRole: null, adminCount: 1 }), lastAdminMessage)
    assert.equal(membershipChangeProblem({ actorUserId: null, targetUserId: them, currentRole: 'admin', newRole: null, adminCount: 2 }), null)
  })
})
