import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../support/app.ts'
import { UploadBrowser } from '../support/upload-browser.ts'
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
  body = (
    await db
      .insertInto('bodies')
      .values({ partnership_id: partnershipId, name: 'Health and Wellbeing Board', kind: 'health-and-wellbeing-board' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  person = (
    await db
      .insertInto('people')
      .values({
        partnership_id: partnershipId,
        name: null,
        role_title: 'Assistant Director Safeguarding',
        job_title: null,
        organisation_id: null,
        email: null,
        user_id: viewer.user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
})
after(() => t.close())

describe('meeting pages', () => {
  test('an editor schedules a meeting, adds an item, a recommendation, a decision, attendance and an action', async () => {
    const client = new TestClient(t.app)
    await client.signIn(editorEmail)
    const blank = await client.post('/meetings', {}, { formPage: '/meetings/new' })
    assert.equal(blank.statusCode, 400)
    // Every mistake at once, not the body first and the date on the next try.
    assert.match(blank.body, /Select the body that is meeting/)
    assert.match(blank.body, /Enter the date of the meeting/)
    assert.match(blank.body, /Enter the start time/)
    const bad = await client.post(
      '/meetings',
      { bodyId: body, day: '31', month: '2', year: '2019', time: '14:00', location: 'Kept' },
      { formPage: '/meetings/new' },
    )
    assert.match(bad.body, /must be a real date/)
    assert.match(bad.body, /value="Kept"/)

    const created = await client.post(
      '/meetings',
      { bodyId: body, day: '29', month: '1', year: '2019', time: '14:00', location: 'Civic Centre' },
      { formPage: `/meetings/new?body=${body}` },
    )
    assert.equal(created.statusCode, 303)
    const meetingUrl = created.headers.location as string
    const item = await client.post(
      `${meetingUrl}/items`,
      { title: 'Establishment of the Strategic Partnership', presenterId: person, purpose: 'decision', report: 'Summary' },
      { formPage: `${meetingUrl}/items/new` },
    )
    assert.equal(item.statusCode, 303)
    const itemId = /item-([0-9a-f-]{36})/.exec(item.headers.location as string)![1]!
    const noLabel = await client.post(`/agenda-items/${itemId}/recommendations`, { label: '', text: 'approve' }, { formPage: meetingUrl })
    assert.equal(noLabel.statusCode, 400)
    assert.match(noLabel.body, /Enter the label/)
    await client.post(`/agenda-items/${itemId}/recommendations`, { label: 'a)', text: 'approve the approach' }, { formPage: meetingUrl })
    const page = await client.get(meetingUrl)
    const recommendationId = /action="\/recommendations\/([0-9a-f-]{36})\/decision"/.exec(page.body)![1]!
    const decided = await client.post(
      `/recommendations/${recommendationId}/decision`,
      { decision: 'approved', decisionText: '', version: '1', meetingId: '' },
      { formPage: meetingUrl },
    )
    assert.equal(decided.statusCode, 303)
    const needsSub = await client.post(`${meetingUrl}/attendance`, { personId: person, status: 'substitute' }, { formPage: meetingUrl })
    assert.equal(needsSub.statusCode, 400)
    assert.match(needsSub.body, /Select who they substituted for/)
    await client.post(`${meetingUrl}/attendance`, { personId: person, status: 'present' }, { formPage: meetingUrl })
    const action = await client.post(
      '/actions',
      { bodyId: body, agendaItemId: itemId, meetingId: '', description: 'Arrange workshop 1', ownerId: person, dueDay: '7', dueMonth: '2', dueYear: '2019' },
      { formPage: `/actions/new?item=${itemId}` },
    )
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
    assert.match(
      bodyPage.body,
      /<h2 class="govuk-heading-m">Overdue actions<\/h2>\s*<ul[^>]*>\s*<li><a class="govuk-link" href="\/actions\/[0-9a-f-]+">Arrange workshop 1/,
    )
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

describe('agenda item papers', () => {
  let editor: UploadBrowser
  let viewer: UploadBrowser
  let meetingUrl: string
  const report = Buffer.from('Report to the Health and Wellbeing Board, 29 January 2019\n')
  const pdf = Buffer.from('%PDF-1.4\n% Establishment of the Strategic Partnership\n')
  const itemFields = { title: 'Joint Strategic Needs Assessment', presenterId: '', purpose: 'noting', report: '' }

  async function counts() {
    const db = t.database.db
    const files = await db.selectFrom('stored_files').select('id').execute()
    const items = await db.selectFrom('agenda_items').select('id').execute()
    return { files: files.length, items: items.length }
  }

  const itemRow = (id: string) =>
    t.database.db.selectFrom('agenda_items').select(['file_id', 'version', 'title']).where('id', '=', id).executeTakeFirstOrThrow()

  before(async () => {
    const db = t.database.db
    const { partnership_id } = await db.selectFrom('bodies').select('partnership_id').where('id', '=', body).executeTakeFirstOrThrow()
    const meeting = await db
      .insertInto('meetings')
      .values({ partnership_id, body_id: body, starts_at: new Date('2019-03-26T14:00:00Z') })
      .returning('id')
      .executeTakeFirstOrThrow()
    meetingUrl = `/meetings/${meeting.id}`
    editor = new UploadBrowser(t, 'paper')
    await editor.signIn(editorEmail)
    viewer = new UploadBrowser(t, 'paper')
    await viewer.signIn(viewerEmail)
  })

  test('the form sends files, and a viewer’s multipart post is refused with nothing saved', async () => {
    const form = await editor.get(`${meetingUrl}/items/new`)
    assert.match(form.body, /<form method="post" action="\/meetings\/[0-9a-f-]+\/items" enctype="multipart\/form-data"/)
    assert.match(form.body, /<input class="govuk-file-upload" id="paper" name="paper" type="file"/)
    const before = await counts()
    const refused = await viewer.upload(`${meetingUrl}/items`, itemFields, { name: 'report.txt', content: report }, { formPage: meetingUrl })
    assert.equal(refused.statusCode, 403)
    assert.doesNotMatch(refused.body, /Your form has expired/, 'refused for the role, not for a missing token')
    assert.deepEqual(await counts(), before)
  })

  test('a file of the wrong type gets the message by the file field, keeps what was typed and saves nothing', async () => {
    const before = await counts()
    const response = await editor.upload(
      `${meetingUrl}/items`,
      { ...itemFields, report: 'Kept summary' },
      { name: 'report.html', content: Buffer.from('<html></html>') },
      { formPage: `${meetingUrl}/items/new` },
    )
    assert.equal(response.statusCode, 400)
    assert.match(
      response.body,
      /href="#paper">The selected file must be a PDF, Word \(DOCX or DOC\), OpenDocument text \(ODT\), plain text \(TXT\) or Excel \(XLSX\)/,
    )
    assert.match(response.body, /id="paper-error"/)
    assert.match(response.body, /value="Joint Strategic Needs Assessment"/)
    assert.match(response.body, />Kept summary</)
    assert.match(response.body, /Choose it again before saving/)
    assert.deepEqual(await counts(), before)
  })

  test('an item added with a text paper shows it on the meeting page as a download with its name and size', async () => {
    const before = await counts()
    const added = await editor.upload(`${meetingUrl}/items`, itemFields, { name: 'JSNA report.txt', content: report }, { formPage: `${meetingUrl}/items/new` })
    assert.equal(added.statusCode, 303)
    assert.deepEqual(await counts(), { files: before.files + 1, items: before.items + 1 })
    const itemId = /item-([0-9a-f-]{36})/.exec(added.headers.location as string)![1]!
    const { file_id } = await itemRow(itemId)
    assert.ok(file_id)

    const page = await viewer.get(meetingUrl)
    assert.match(
      page.body,
      new RegExp(
        `Paper: <a class="govuk-link" href="/files/${file_id}" download>JSNA report.txt<span class="govuk-visually-hidden"> for ‘Joint Strategic Needs Assessment’</span></a> \\(1 KB\\)`,
      ),
    )
    const download = await viewer.get(`/files/${file_id}`)
    assert.equal(download.statusCode, 200)
    assert.equal(download.headers['content-type'], 'text/plain; charset=utf-8')
    assert.match(String(download.headers['content-disposition']), /attachment; filename="JSNA report.txt"/)
    assert.equal(download.body, report.toString())
  })

  test('changing an item keeps its paper, a new PDF replaces it, and the checkbox removes it', async () => {
    const db = t.database.db
    const { id: itemId } = await db.selectFrom('agenda_items').select('id').where('title', '=', 'Joint Strategic Needs Assessment').executeTakeFirstOrThrow()
    const editUrl = `/agenda-items/${itemId}/edit`
    const original = await itemRow(itemId)
    const form = await editor.get(editUrl)
    assert.match(form.body, /download>JSNA report.txt<\/a> \(1 KB\)/)
    assert.match(form.body, /Remove the uploaded paper/)

    const kept = await editor.upload(
      editUrl,
      { ...itemFields, title: 'JSNA update', version: String(original.version) },
      { name: '', content: Buffer.alloc(0) },
      { formPage: editUrl },
    )
    assert.equal(kept.statusCode, 303)
    const afterKeep = await itemRow(itemId)
    assert.equal(afterKeep.title, 'JSNA update')
    assert.equal(afterKeep.file_id, original.file_id)

    const wrong = await editor.upload(
      editUrl,
      { ...itemFields, title: 'Not saved', version: String(afterKeep.version) },
      { name: 'paper.pdf', content: Buffer.from([0x4d, 0x5a, 0x90, 0x00]) },
      { formPage: editUrl },
    )
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /href="#paper">The selected file’s contents do not match its name/)
    assert.match(wrong.body, /value="Not saved"/)
    assert.deepEqual(await itemRow(itemId), afterKeep)

    const replaced = await editor.upload(
      editUrl,
      { ...itemFields, title: 'JSNA update', version: String(afterKeep.version) },
      { name: 'JSNA 2019.pdf', content: pdf },
      { formPage: editUrl },
    )
    assert.equal(replaced.statusCode, 303)
    const afterReplace = await itemRow(itemId)
    assert.notEqual(afterReplace.file_id, original.file_id)
    const download = await viewer.get(`/files/${afterReplace.file_id}`)
    assert.equal(download.headers['content-type'], 'application/pdf')
    assert.equal(download.rawPayload.compare(pdf), 0)
    assert.match((await viewer.get(meetingUrl)).body, /download>JSNA 2019.pdf<span/)

    const removed = await editor.upload(editUrl, { ...itemFields, title: 'JSNA update', version: String(afterReplace.version), removePaper: 'yes' }, null, {
      formPage: editUrl,
    })
    assert.equal(removed.statusCode, 303)
    assert.equal((await itemRow(itemId)).file_id, null)
    assert.doesNotMatch((await viewer.get(meetingUrl)).body, /Paper: <a/)
  })
})
