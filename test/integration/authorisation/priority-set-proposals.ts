import { externalFrameworkService } from '../../../src/strategy/external-frameworks/service.ts'
import { prioritySetProposalService } from '../../../src/strategy/external-frameworks/proposal-service.ts'
import { externalFrameworkForm, proposalForm } from '../../../src/strategy/external-frameworks/schema.ts'
import type { Actor } from '../../../src/platform/audit/actor.ts'
import { unique, type Fixtures, type Rule } from './rules.ts'

// Proposed changes to priority sets. A set's page is every partnership's
// (`shared`), but only a partnership that does not keep the set proposes a
// change to it (`notOwned`: its keeper is refused). A proposal is answered by
// the keeper alone: the walker's proposals to a partnership's set come from the
// other walked partnership, so its admin, who can see the proposal, is refused
// (`owned`). Proposals to the service's own sets are answered by operators.

const sharedEdit = 'shared-frameworks.edit' as const

const setFields = () => ({
  title: unique('Walked proposed-to set'),
  publisher: 'Walked publisher',
  scope: 'regional',
  description: '',
  'publishedOn-day': '',
  'publishedOn-month': '',
  'publishedOn-year': '',
})

/** A set kept by the partnership whose ids fill the address. */
const keptSet = async (f: Fixtures) => (await externalFrameworkService(f.db).create(f.admin, externalFrameworkForm.parse(setFields()))).id

/** The other walked partnership's admin, as the sender of a proposal to this partnership's set. */
async function otherAdmin(f: Fixtures): Promise<Actor> {
  const other = await f.db
    .selectFrom('partnerships')
    .select('id')
    .where('id', '!=', f.partnershipId)
    .where('slug', 'in', ['alpha', 'beta'])
    .executeTakeFirstOrThrow()
  return { userId: null, label: 'Walked sender', partnershipId: other.id, role: 'admin' }
}

/** An open proposal to a set this partnership keeps, from the other walked partnership. */
async function proposalToUs(f: Fixtures): Promise<string> {
  const sent = await prioritySetProposalService(f.db).propose(await otherAdmin(f), await keptSet(f), proposalForm.parse({ text: unique('Walked proposal') }))
  return sent.proposal.id
}

/** An open proposal from this partnership to a set the service keeps. */
async function proposalToPlatform(f: Fixtures): Promise<string> {
  const set = await f.db
    .insertInto('external_frameworks')
    .values({ title: unique('Walked service set'), publisher: 'Walked publisher', scope: 'regional' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return (await prioritySetProposalService(f.db).propose(f.admin, set.id, proposalForm.parse({ text: unique('Walked proposal') }))).proposal.id
}

const proposalVersion = async (f: Fixtures, id: string) =>
  String((await f.db.selectFrom('priority_set_proposals').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)

const setId = { name: 'id', value: keptSet }
const proposalId = { name: 'id', value: proposalToUs }
const platformProposalId = { name: 'id', value: proposalToPlatform }

export const prioritySetProposalRules: Record<string, Rule> = {
  'GET /external-frameworks/:id/propose': { access: sharedEdit, param: setId, shared: true, notOwned: true },
  'POST /external-frameworks/:id/propose': {
    access: sharedEdit,
    param: setId,
    form: async () => ({ text: unique('Walked proposal'), priorityId: '' }),
    audited: true,
    shared: true,
    notOwned: true,
  },
  'GET /priority-set-proposals/:id/answer': { access: sharedEdit, param: proposalId, owned: true },
  'POST /priority-set-proposals/:id/answer': {
    access: sharedEdit,
    param: proposalId,
    form: async (f, id) => ({ answer: 'made', answerText: 'Walked answer', version: await proposalVersion(f, id) }),
    audited: true,
    owned: true,
  },
  'GET /operator/priority-set-proposals': { access: 'operator' },
  'GET /operator/priority-set-proposals/:id': { access: 'operator', param: platformProposalId },
  'POST /operator/priority-set-proposals/:id': {
    access: 'operator',
    param: platformProposalId,
    form: async (f, id) => ({ answer: 'made', answerText: '', version: await proposalVersion(f, id) }),
  },
}
