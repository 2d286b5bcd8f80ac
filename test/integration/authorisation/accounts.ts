import { userService } from '../../../src/directory/users/service.ts'
import { unique, type Fixtures, type Rule } from './rules.ts'

// Invitations, the holder's own password and the operator's pages.

/** A fresh invitation in the partnership, to someone who is none of the walking visitors. */
const invitation = (f: Fixtures) =>
  userService(f.db).invite(f.admin, { email: `${unique('invited').replace(' ', '-')}@example.org`, displayName: unique('Invited person'), role: 'viewer' })
const invitationToken = { name: 'token', value: async (f: Fixtures) => (await invitation(f)).token }
const invitationId = { name: 'id', value: async (f: Fixtures) => (await invitation(f)).invitation.id }

export const accountRules: Record<string, Rule> = {
  // The link works for whoever holds it; signed in as someone else, the page says so.
  'GET /join/:token': { access: 'public', param: invitationToken },
  // Sent empty only: a valid form would sign the walking client in as a new account.
  'POST /join/:token/account': { access: 'public', param: invitationToken },
  // None of the walking visitors is the invited person, so the invitation is not found for them.
  'POST /invitations/:id/accept': { access: 'signed in', param: invitationId, emptyStatus: 404 },
  'POST /invitations/:id/decline': { access: 'signed in', param: invitationId, emptyStatus: 404 },
  'POST /admin/invitations/:id/withdraw': {
    access: 'users.manage',
    param: invitationId,
    form: async (f, id) => ({
      version: String((await f.db.selectFrom('invitations').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version),
    }),
    audited: true,
  },
  'GET /account/password': { access: 'signed in' },
  // Sent empty only: a valid form would change the walking visitor's password.
  'POST /account/password': { access: 'signed in' },
  'GET /operator/partnerships': { access: 'operator' },
  'POST /operator/partnerships': { access: 'operator' },
}
