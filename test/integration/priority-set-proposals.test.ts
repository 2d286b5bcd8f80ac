import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createMember, createPartnership, testPassword } from '../support/fixtures.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import type { Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { hashPassword } from '../../src/platform/auth/passwords.ts'
import { inPartnership } from '../../src/platform/db/tenancy.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/platform/errors.ts'
import { parseForm } from '../../src/platform/http/forms.ts'
import { externalFrameworkService } from '../../src/strategy/external-frameworks/service.ts'
import { prioritySetProposalService } from '../../src/strategy/external-frameworks/proposal-service.ts'
import { tellProposer } from '../../src/strategy/external-frameworks/proposal-repository.ts'
import { answerForm, externalFrameworkForm, priorityForm, proposalForm } from '../../src/strategy/external-frameworks/schema.ts'

// A partnership that does not keep a priority set proposes a change to it; the
// keeper's admins (or the service's operators, for the service's own sets)
// answer; the sender sees the answer. Nobody else sees the proposal at all.

let testing: TestApp
let db: Db
let keeperId: string
let senderId: string
let thirdId: string
let keeper: Actor
let sender: Actor
let senderViewer: Actor
let third: Actor
const emails: Record<'keeper' | 'sender' | 'senderViewer' | 'third' | 'operator', string> = {
  keeper: '',
  sender: '',
  senderViewer: '',
  third: '',
  operator: 'operator@council.example',
}

const setFields = (title: string) => ({
  title,
  publisher: 'Greater Manchester Combined Authority',
  scope: 'regional',
  description: '',
  'publishedOn-day': '',
  'publishedOn-month': '',
  'publishedOn-year': '',
})
const proposal = (text: string, priorityId = '') => proposalForm.parse({ text, priorityId })
const answer = (value: 'made' | 'declined', answerText = '') => answerForm.parse({ answer: value, answerText })
const auditOf = (id: string) =>
  db.selectFrom('audit_events').select(['partnership_id', 'actor_id', 'summary']).where('entity_id', '=', id).orderBy('id').execute()

/** A set the keeping partnership keeps, with two priorities. */
async function keptSet(title: string) {
  const frameworks = externalFrameworkService(db)
  const set = await frameworks.create(keeper, externalFrameworkForm.parse(setFields(title)))
  const first = await frameworks.addPriority(keeper, set.id, priorityForm.parse({ title: `${title}: first priority` }))
  const second = await frameworks.addPriority(keeper, set.id, priorityForm.parse({ title: `${title}: second priority` }))
  return { set: (await frameworks.get(keeper, set.id)).framework, first, second }
}

async function signedIn(who: keyof typeof emails) {
  const client = new TestClient(testing.app)
  await client.signIn(emails[who])
  return client
}

before(async () => {
  testing = await testApp()
  db = testing.database.db
  keeperId = (await createPartnership(db, 'keeper', 'Keeper partnership')).id
  senderId = (await createPartnership(db, 'sender', 'Sender partnership')).id
  thirdId = (await createPartnership(db, 'third', 'Third partnership')).id
  const members = {
    keeper: await createMember(db, keeperId, 'admin'),
    sender: await createMember(db, senderId, 'admin'),
    senderViewer: await createMember(db, senderId, 'viewer'),
    third: await createMember(db, thirdId, 'admin'),
  }
  ;({ keeper, sender, senderViewer, third } = {
    keeper: members.keeper.actor,
    sender: members.sender.actor,
    senderViewer: members.senderViewer.actor,
    third: members.third.actor,
  })
  for (const who of ['keeper', 'sender', 'senderViewer', 'third'] as const) emails[who] = members[who].user.email
  await db
    .insertInto('users')
    .values({ email: emails.operator, display_name: 'Council IT', password_hash: await hashPassword(testPassword), is_operator: true })
    .execute()
})
after(() => testing.close())

describe('proposing a change to a priority set another partnership keeps', () => {
  test('the sender proposes; the keeper sees it and answers; the sender sees the answer; each trail records its part', async () => {
    const proposals = prioritySetProposalService(db)
    const { set, first } = await keptSet('Kept and proposed to')
    const { proposal: sent } = await proposals.propose(
      sender,
      set.id,
      proposal('Name the transition to adulthood in the first priority.', first.id.toUpperCase()),
    )
    assert.deepEqual([sent.from_partnership_id, sent.priority_id, sent.answer, sent.proposed_by], [senderId, first.id, null, sender.userId])

    const seenByKeeper = (await proposals.forSet(keeper, set))!
    assert.equal(seenByKeeper.keeper, true)
    assert.deepEqual(
      seenByKeeper.open.map((p) => [p.fromName, p.priorityTitle, p.text, p.status.text]),
      [['Sender partnership', 'Kept and proposed to: first priority', 'Name the transition to adulthood in the first priority.', 'Waiting for an answer']],
    )
    assert.equal((await proposals.openCounts(keeper)).get(set.id), 1)
    assert.equal((await proposals.openCounts(sender)).get(set.id), undefined, 'the sender has nothing to answer')
    assert.deepEqual(
      (await proposals.forSet(sender, set))!.open.map((p) => p.id),
      [sent.id],
    )

    await assert.rejects(proposals.answer(keeper, sent.id, sent.version + 1, answer('declined')), ConflictError)
    await proposals.answer(keeper, sent.id, sent.version, answer('declined', 'Not until the plan is refreshed next year.'))
    await assert.rejects(
      proposals.answer(keeper, sent.id, sent.version + 1, answer('made')),
      (error: unknown) => error instanceof ConflictError && /already been answered: Declined/.test(error.message),
    )
    const seenBySender = (await proposals.forSet(sender, set))!
    assert.deepEqual(seenBySender.open, [])
    assert.deepEqual(
      seenBySender.answered.map((p) => [p.answer, p.answer_text, p.answered_by_label, p.status.text]),
      [['declined', 'Not until the plan is refreshed next year.', 'Test admin', 'Declined']],
    )
    assert.equal((await proposals.openCounts(keeper)).get(set.id), undefined)

    assert.deepEqual(await auditOf(sent.id), [
      {
        partnership_id: senderId,
        actor_id: sender.userId,
        summary: 'Proposed a change to ‘Kept and proposed to’ about its priority ‘Kept and proposed to: first priority’',
      },
      { partnership_id: keeperId, actor_id: keeper.userId, summary: 'Declined the change to ‘Kept and proposed to’ that Sender partnership proposed' },
      {
        partnership_id: senderId,
        actor_id: keeper.userId,
        summary: 'Keeper partnership declined the change to ‘Kept and proposed to’ that your partnership proposed',
      },
    ])
  })

  test('refused: to one’s own set, by a viewer, to an archived set, naming another set’s priority, and the form’s limits', async () => {
    const proposals = prioritySetProposalService(db)
    const frameworks = externalFrameworkService(db)
    const { set } = await keptSet('Refusals')
    const other = await keptSet('Another set')
    await assert.rejects(
      proposals.propose(keeper, set.id, proposal('Change it')),
      (error: unknown) => error instanceof ForbiddenError && /your partnership’s own set: change it yourselves/.test(error.message),
    )
    await assert.rejects(proposals.getForProposal(keeper, set.id), ForbiddenError)
    await assert.rejects(proposals.propose(senderViewer, set.id, proposal('Change it')), ForbiddenError)
    await assert.rejects(
      proposals.propose(sender, set.id, proposal('About another set’s priority', other.first.id)),
      (error: unknown) => error instanceof ValidationError && error.fields.priorityId === 'Select one of the set’s current priorities, or none',
    )
    await assert.rejects(proposals.propose(sender, '00000000-0000-4000-8000-000000000000', proposal('Nowhere')), NotFoundError)
    const archived = await frameworks.setArchived(keeper, other.set.id, other.set.version, 'archive')
    await assert.rejects(
      proposals.propose(sender, archived.id, proposal('Too late')),
      (error: unknown) => error instanceof ConflictError && /is archived: it takes no proposed changes/.test(error.message),
    )

    const fields = (body: Record<string, unknown>, schema: typeof proposalForm | typeof answerForm = proposalForm) => {
      try {
        parseForm(schema, body)
        return {}
      } catch (error) {
        return (error as ValidationError).fields
      }
    }
    assert.deepEqual(fields({ text: '  ' }), { text: 'Enter the change you propose' })
    assert.deepEqual(fields({ text: 'x'.repeat(2001) }), { text: 'The change you propose must be 2000 characters or fewer' })
    assert.deepEqual(fields({ text: 'x'.repeat(2000), priorityId: 'abc' }), { priorityId: 'Select one of the set’s priorities, or none' })
    assert.deepEqual(fields({ answerText: 'x'.repeat(1001) }, answerForm), {
      answer: 'Select whether you made the change or declined it',
      answerText: 'The reply must be 1000 characters or fewer',
    })
    assert.equal(
      await db.selectFrom('priority_set_proposals').select('id').where('framework_id', 'in', [set.id, other.set.id]).executeTakeFirst(),
      undefined,
      'nothing was sent',
    )
  })

  test('only the keeper answers: the sender is told who does; a third partnership cannot see or answer it', async () => {
    const proposals = prioritySetProposalService(db)
    const { set } = await keptSet('Walled proposals')
    const { proposal: sent } = await proposals.propose(sender, set.id, proposal('A change only the keeper answers'))
    await assert.rejects(
      proposals.answer(sender, sent.id, sent.version, answer('made')),
      (error: unknown) => error instanceof ForbiddenError && /Only the admins of the partnership that keeps ‘Walled proposals’ answer/.test(error.message),
    )
    await assert.rejects(proposals.getForAnswer(third, sent.id), NotFoundError)
    await assert.rejects(proposals.answer(third, sent.id, sent.version, answer('made')), NotFoundError)
    assert.deepEqual((await proposals.forSet(third, set))!, { keeper: false, open: [], answered: [] })
    assert.equal(await proposals.forSet(senderViewer, set), null, 'only admins see proposals')

    // Row-level security, with the service's checks bypassed.
    const seenBy = (partnershipId: string) =>
      inPartnership(db, partnershipId, (trx) => trx.selectFrom('priority_set_proposals').select('id').where('id', '=', sent.id).execute())
    assert.equal((await seenBy(thirdId)).length, 0)
    assert.equal((await seenBy(senderId)).length, 1)
    assert.equal((await seenBy(keeperId)).length, 1)
    const answeredBy = (partnershipId: string) =>
      inPartnership(db, partnershipId, async (trx) =>
        Number(
          (
            await trx
              .updateTable('priority_set_proposals')
              .set({ answer: 'made', answered_at: new Date(), answered_by_label: 'x' })
              .where('id', '=', sent.id)
              .executeTakeFirst()
          ).numUpdatedRows,
        ),
      )
    assert.equal(await answeredBy(senderId), 0)
    assert.equal(await answeredBy(thirdId), 0)
    await assert.rejects(
      inPartnership(db, keeperId, (trx) => trx.updateTable('priority_set_proposals').set({ text: 'Rewritten' }).where('id', '=', sent.id).execute()),
      /permission denied/,
    )
    const insert = (partnershipId: string, from: string) =>
      inPartnership(db, partnershipId, (trx) =>
        trx
          .insertInto('priority_set_proposals')
          .values({ framework_id: set.id, from_partnership_id: from, proposed_by_label: 'x', text: 'Slipped in' })
          .execute(),
      )
    await assert.rejects(insert(keeperId, keeperId), /row-level security/, 'not to its own set')
    await assert.rejects(insert(senderId, thirdId), /row-level security/, 'not in another partnership’s name')
    // The sender's trail takes an answer only from the keeper, and only once it is answered.
    await inPartnership(db, senderId, (trx) => tellProposer(trx, sent.id, 'Forged', {}))
    await inPartnership(db, keeperId, (trx) => tellProposer(trx, sent.id, 'Too soon', {}))
    assert.deepEqual(
      (await auditOf(sent.id)).map((a) => a.summary),
      ['Proposed a change to ‘Walled proposals’'],
    )
    assert.equal((await db.selectFrom('priority_set_proposals').select('answer').where('id', '=', sent.id).executeTakeFirstOrThrow()).answer, null)
  })
})

describe('through the pages', () => {
  test('the sender proposes with the GOV.UK form; the keeper sees the count and answers; the sender sees the answer', async () => {
    const { set, second } = await keptSet('Proposed through the pages')
    const senderClient = await signedIn('sender')
    const page = await senderClient.get(`/external-frameworks/${set.id}`)
    assert.match(page.body, new RegExp(`href="/external-frameworks/${set.id}/propose"`))
    assert.match(page.body, /propose a change to the admins of Keeper partnership/)
    const form = await senderClient.get(`/external-frameworks/${set.id}/propose`)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /<option value="">The set as a whole<\/option>/)
    const empty = await senderClient.post(`/external-frameworks/${set.id}/propose`, { text: '', priorityId: second.id })
    assert.equal(empty.statusCode, 400)
    assert.match(empty.body, /href="#text">Enter the change you propose/)
    assert.match(empty.body, new RegExp(`<option value="${second.id}" selected>`), 'the choice is kept')
    const hostile = await senderClient.post(`/external-frameworks/${set.id}/propose`, { text: 'Fine', priorityId: 'abc' })
    assert.equal(hostile.statusCode, 400)
    assert.match(hostile.body, /href="#priorityId">Select one of the set’s priorities, or none/)
    const sent = await senderClient.post(`/external-frameworks/${set.id}/propose`, {
      text: 'Add “care leavers”\nto the second priority.',
      priorityId: second.id,
    })
    assert.equal(sent.statusCode, 303)
    assert.equal(sent.headers.location, `/external-frameworks/${set.id}#proposals`)
    const afterSending = await senderClient.get(`/external-frameworks/${set.id}`)
    assert.match(afterSending.body, /Changes your partnership proposed/)
    assert.match(afterSending.body, /Add “care leavers”<br \/>\s*to the second priority\./)
    assert.match(afterSending.body, /Waiting for an answer/)
    const row = await db.selectFrom('priority_set_proposals').selectAll().where('framework_id', '=', set.id).executeTakeFirstOrThrow()

    const keeperClient = await signedIn('keeper')
    assert.match((await keeperClient.get('/external-frameworks')).body, /1 proposed change to answer/)
    const keeperPage = await keeperClient.get(`/external-frameworks/${set.id}`)
    assert.match(keeperPage.body, /Proposed changes to answer/)
    assert.match(keeperPage.body, new RegExp(`href="/priority-set-proposals/${row.id}/answer"`))
    assert.doesNotMatch(keeperPage.body, /\/propose"/, 'no proposing to one’s own set')
    assert.equal((await keeperClient.get(`/external-frameworks/${set.id}/propose`)).statusCode, 403)
    const answerForm = await keeperClient.get(`/priority-set-proposals/${row.id}/answer`)
    assert.equal(answerForm.statusCode, 200)
    assert.match(answerForm.body, /From Sender partnership/)
    const unanswered = await keeperClient.post(`/priority-set-proposals/${row.id}/answer`, { version: String(row.version), answerText: 'Kept' })
    assert.equal(unanswered.statusCode, 400)
    assert.match(unanswered.body, /href="#answer">Select whether you made the change or declined it/)
    assert.match(unanswered.body, />Kept<\/textarea>/)
    const answered = await keeperClient.post(`/priority-set-proposals/${row.id}/answer`, {
      version: String(row.version),
      answer: 'made',
      answerText: 'Done: see the second priority.',
    })
    assert.equal(answered.statusCode, 303)
    assert.equal(answered.headers.location, `/external-frameworks/${set.id}#proposals`)
    const again = await keeperClient.post(`/priority-set-proposals/${row.id}/answer`, { version: String(row.version), answer: 'declined' })
    assert.equal(again.statusCode, 409)
    assert.match(again.body, /already been answered: Made the change/)

    const answeredPage = await senderClient.get(`/external-frameworks/${set.id}`)
    assert.match(answeredPage.body, /Made the change/)
    assert.match(answeredPage.body, /Done: see the second priority\./)
  })

  test('who is refused: a viewer, the sender answering, a third partnership (not found), non-operators on the operators’ page', async () => {
    const { set } = await keptSet('Refused through the pages')
    const { proposal: sent } = await prioritySetProposalService(db).propose(sender, set.id, proposal('Refused through the pages'))
    const viewer = await signedIn('senderViewer')
    assert.equal((await viewer.get(`/external-frameworks/${set.id}/propose`)).statusCode, 403)
    assert.doesNotMatch((await viewer.get(`/external-frameworks/${set.id}`)).body, /\/propose"|Changes your partnership proposed/)
    const senderClient = await signedIn('sender')
    assert.equal((await senderClient.get(`/priority-set-proposals/${sent.id}/answer`)).statusCode, 403)
    const thirdClient = await signedIn('third')
    assert.equal((await thirdClient.get(`/priority-set-proposals/${sent.id}/answer`)).statusCode, 404)
    assert.equal((await thirdClient.post(`/priority-set-proposals/${sent.id}/answer`, { version: String(sent.version), answer: 'made' })).statusCode, 404)
    assert.doesNotMatch((await thirdClient.get(`/external-frameworks/${set.id}`)).body, /Refused through the pages<\/dd>|Proposed changes/)
    for (const url of ['/operator/priority-set-proposals', `/operator/priority-set-proposals/${sent.id}`])
      assert.equal((await senderClient.get(url)).statusCode, 403, url)
    assert.equal((await senderClient.get('/priority-set-proposals/not-an-id/answer')).statusCode, 404)
    assert.equal((await db.selectFrom('priority_set_proposals').select('answer').where('id', '=', sent.id).executeTakeFirstOrThrow()).answer, null)
  })
})

describe('the service’s own sets', () => {
  test('operators answer proposals to them, in the platform’s trail and the sender’s; no partnership can', async () => {
    const proposals = prioritySetProposalService(db)
    const platformSet = await db
      .insertInto('external_frameworks')
      .values({ title: 'Kept by the service for all', publisher: 'GMCA', scope: 'regional' })
      .returningAll()
      .executeTakeFirstOrThrow()
    const { proposal: sent } = await proposals.propose(sender, platformSet.id, proposal('Add a priority for young carers.'))
    await assert.rejects(proposals.answer(keeper, sent.id, sent.version, answer('made')), NotFoundError)
    await assert.rejects(
      proposals.answer(sender, sent.id, sent.version, answer('made')),
      (error: unknown) => error instanceof ForbiddenError && /The service’s operators answer proposals to ‘Kept by the service for all’/.test(error.message),
    )
    const kept = await keptSet('Kept by a partnership, not for operators')
    const { proposal: toPartnership } = await proposals.propose(sender, kept.set.id, proposal('Not the operators’ to answer'))
    await assert.rejects(proposals.getForOperatorAnswer(toPartnership.id), ForbiddenError)

    const operator = await signedIn('operator')
    assert.match((await operator.get('/operator/partnerships')).body, /href="\/operator\/priority-set-proposals"/)
    const list = await operator.get('/operator/priority-set-proposals')
    assert.equal(list.statusCode, 200)
    assert.match(list.body, new RegExp(`href="/operator/priority-set-proposals/${sent.id}"`))
    assert.doesNotMatch(list.body, new RegExp(toPartnership.id), 'only the service’s sets')
    assert.equal((await operator.get(`/operator/priority-set-proposals/${sent.id}`)).statusCode, 200)
    const answered = await operator.post(
      `/operator/priority-set-proposals/${sent.id}`,
      { version: String(sent.version), answer: 'made', answerText: 'Added as priority 9.' },
      { formPage: '/operator/priority-set-proposals' },
    )
    assert.equal(answered.statusCode, 303)
    assert.equal(answered.headers.location, '/operator/priority-set-proposals')
    assert.match((await operator.get('/operator/priority-set-proposals')).body, /Answered lately[\s\S]*Added as priority 9\./)

    const operatorId = (await db.selectFrom('users').select('id').where('email', '=', emails.operator).executeTakeFirstOrThrow()).id
    assert.deepEqual(await auditOf(sent.id), [
      { partnership_id: senderId, actor_id: sender.userId, summary: 'Proposed a change to ‘Kept by the service for all’' },
      { partnership_id: null, actor_id: operatorId, summary: 'Made the change to ‘Kept by the service for all’ that Sender partnership proposed' },
      {
        partnership_id: senderId,
        actor_id: operatorId,
        summary: 'The service’s operators made the change to ‘Kept by the service for all’ that your partnership proposed',
      },
    ])
    const seen = (await proposals.forSet(sender, (await externalFrameworkService(db).get(sender, platformSet.id)).framework))!
    assert.deepEqual(
      seen.answered.map((p) => [p.answer, p.answer_text, p.answered_by_label]),
      [['made', 'Added as priority 9.', 'Council IT']],
    )
  })
})
