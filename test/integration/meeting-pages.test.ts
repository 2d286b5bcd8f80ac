import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let t: TestApp
let editorEmail: string
let viewerEmail: string
let body: string
let person: string

before(async () => {
  t = await testApp({ LOG_LEVEL: 'error' })
  const db = t.database.db
  const partnershipId = (await createPartnership(db, 'meeting-pages')).id
  const editor = await createMember(db, partnershipId, 'editor')
  const viewer = await createMember(db, partnershipId, 'viewer')
  editorEmail = editor.user.email
  viewerEmail = viewer.user.email
  body = (await db.insertInto('bodies').values({ partnership_id: partnershipId, name: 'Health and Wellbeing Board', kind: 'health-and-wellbeing-board' }).returning('id').executeTakeFirstOrThrow()).id
  person = (await db.insertInto('people').values({ partnership_id: partnershipId, name: null, role_title: 'Assistant Director Safeguarding', job_title: null, organisation_id: null, email: null, user_id: viewer.user.id }).returning('id').executeTakeFirstOrThrow()).id
})
after(() => t.close())

describe('meeting pages', () => {
  test('an editor schedules a meeting, adds an item, a recommendation, a decision, attendance and an action', async () => {
    const client = new TestClient(t.app)
    await client.signIn(editorEmail)
    const blank = await client.post('/meetings', { bodyId: body }, { formPage: '/meetings/new' })
    assert.equal(blank.statusCode, 400)
    assert.match(blank.body, /Enter the date of the meeting/)
    assert.match(blank.body, /Enter the start time/)
    const bad = await client.post('/meetings', { bodyId: body, day: '31', month: '2', year: '2019', time: '14:00', location: 'Kept' }, { formPage: '/meetings/new' })
    assert.match(bad.body, /must be a real date/)
    assert.match(bad.body, /value="Kept"/)

    const created = await client.post('/meetings', { bodyId: body, day: '29', month: '1', year: '2019', time: '14:00', location: 'Civic Centre' }, { formPage: `/meetings/new?body=${body}` })
    assert.equal(created.statusCode, 303)
    const meetingUrl = created.headers.location as string
    const item = await client.post(`${meetingUrl}/items`, { title: 'Establishment of the Strategic Partnership', presenterId: person, purpose: 'decision', report: 'Summary' }, { formPage: `${meetingUrl}/items/new` })
    assert.equal(item.statusCode, 303)
    const itemId = /item-([0-9a-f-]{36})/.exec(item.headers.location as string)![1]!
    const noLabel = await client.post(`/agenda-items/${itemId}/recommendations`, { label: '', text: 'approve' }, { formPage: meetingUrl })
    assert.equal(noLabel.statusCode, 400)
    assert.match(noLabel.body, /Enter the label/)
    await client.post(`/agenda-items/${itemId}/recommendations`, { label: 'a)', text: 'approve the approach' }, { formPage: meetingUrl })
    const page = await client.get(meetingUrl)
    const recommendationId = /action="\/recommendations\/([0-9a-f-]{36})\/decision"/.exec(page.body)![1]!
    const decided = await client.post(`/recommendations/${recommendationId}/decision`, { decision: 'approved', decisionText: '', version: '1', meetingId: '' }, { formPage: meetingUrl })
    assert.equal(decided.statusCode, 303)
    const needsSub = await client.post(`${meetingUrl}/attendance`, { personId: person, status: 'substitute' }, { formPage: meetingUrl })
    assert.equal(needsSub.statusCode, 400)
    assert.match(needsSub.body, /Select who they substituted for/)
    await client.post(`${meetingUrl}/attendance`, { personId: person, status: 'present' }, { formPage: meetingUrl })
    const action = await client.post('/actions', { bodyId: body, agendaItemId: itemId, meetingId: '', description: 'Arrange workshop 1', ownerId: person, dueDay: '7', dueMonth: '2', dueYear: '2019' }, { formPage: `/actions/new?item=${itemId}` })
    assert.equal(action.statusCode, 303)
    const after = await client.get(meetingUrl)
    assert.match(after.body, /Approved/)
    assert.match(after.body, /No quorum set/)
    assert.match(after.body, /Arrange workshop 1/)
    const overdue = await client.get(`/actions?body=${body}&overdue=yes`)
    assert.match(overdue.body, /Arrange workshop 1/)
    assert.match(overdue.body, /Overdue/)
    // …and on the body's own page, where the board sees what it is behind on.
    const bodyPage = await client.get(`/bodies/${body}`)
    assert.match(bodyPage.body, /<h2 class="govuk-heading-m">Overdue actions<\/h2>\s*<ul[^>]*>\s*<li><a class="govuk-link" href="\/actions\/[0-9a-f-]+">Arrange workshop 1/)
  })

  test('a viewer sees meetings and their own actions but cannot schedule or record', async () => {
    const client = new TestClient(t.app)
    await client.signIn(viewerEmail)
    assert.equal((await client.get('/meetings?when=all')).statusCode, 200)
    const refused = await client.post('/meetings', { bodyId: body, day: '1', month: '3', year: '2019', time: '10:00' }, { formPage: '/meetings' })
    assert.equal(refused.statusCode, 403)
    const mine = await client.get('/my-work')
    assert.equal(mine.statusCode, 200)
    assert.match(mine.body, /Arrange workshop 1/)
  })

  test('my work explains what to do when the account has no person in the directory', async () => {
    const client = new TestClient(t.app)
    await client.signIn(editorEmail)
    assert.match((await client.get('/my-work')).body, /not linked to a person/)
  })
})
