import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import type { Db } from '../../src/platform/db/database.ts'
import { maxFileBytes } from '../../src/platform/files/file-types.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { UploadBrowser } from '../support/upload-browser.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

const termsFields = {
  basedOn: '0',
  purpose: 'To agree the Children and Young People’s Plan',
  'agreedOn-day': '29',
  'agreedOn-month': '1',
  'agreedOn-year': '2019',
  'reviewDueOn-day': '29',
  'reviewDueOn-month': '1',
  'reviewDueOn-year': '2020',
}
const pdf = Buffer.from('%PDF-1.4\n% Terms of reference agreed 29 January 2019\n')

describe('uploading and downloading files', () => {
  let t: TestApp
  let db: Db
  let editor: UploadBrowser
  let viewer: UploadBrowser
  let outsider: UploadBrowser
  let bodyId: string
  const formUrl = () => `/bodies/${bodyId}/terms-of-reference/new`

  async function counts() {
    const files = await db.selectFrom('stored_files').select('id').execute()
    const terms = await db.selectFrom('terms_of_reference').select('id').execute()
    return { files: files.length, terms: terms.length }
  }

  before(async () => {
    t = await testApp()
    db = t.database.db
    const partnership = await createPartnership(db, 'oldham')
    const other = await createPartnership(db, 'elsewhere')
    bodyId = (
      await db
        .insertInto('bodies')
        .values({ partnership_id: partnership.id, name: 'Health and Wellbeing Board', kind: 'health-and-wellbeing-board' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    editor = new UploadBrowser(t, 'document')
    await editor.signIn((await createMember(db, partnership.id, 'editor')).user.email)
    viewer = new UploadBrowser(t, 'document')
    await viewer.signIn((await createMember(db, partnership.id, 'viewer')).user.email)
    outsider = new UploadBrowser(t, 'document')
    await outsider.signIn((await createMember(db, other.id, 'admin')).user.email)
  })
  after(() => t.close())

  test('a multipart form without its CSRF token is refused and nothing is stored', async () => {
    const response = await editor.upload(formUrl(), termsFields, { name: 'ToR.pdf', content: pdf }, { csrf: false })
    assert.equal(response.statusCode, 403)
    assert.match(response.body, /Your form has expired/)
    assert.deepEqual(await counts(), { files: 0, terms: 0 })
  })

  test('files of the wrong type, renamed files and empty files get a message by the file field', async () => {
    const cases: [string, Buffer, RegExp][] = [
      [
        'page.html',
        Buffer.from('<html></html>'),
        /The selected file must be a PDF, Word \(DOCX or DOC\), OpenDocument text \(ODT\), plain text \(TXT\) or Excel \(XLSX\)/,
      ],
      ['program.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), /The selected file’s contents do not match its name/],
      ['empty.docx', Buffer.alloc(0), /The selected file is empty/],
    ]
    for (const [name, content, message] of cases) {
      const response = await editor.upload(formUrl(), termsFields, { name, content })
      assert.equal(response.statusCode, 400, name)
      assert.match(response.body, new RegExp(`href="#document">${message.source}`), name)
      assert.match(response.body, /id="document-error"/, name)
      // The text fields come back as typed; the file must be chosen again.
      assert.match(response.body, />To agree the Children and Young People’s Plan</, name)
      assert.match(response.body, /Choose it again before saving/, name)
    }
    assert.deepEqual(await counts(), { files: 0, terms: 0 })
  })

  test('a form sent with no file chosen saves the version without a document', async () => {
    const response = await editor.upload(formUrl(), termsFields, { name: '', content: Buffer.alloc(0) })
    assert.equal(response.statusCode, 303)
    assert.deepEqual(await counts(), { files: 0, terms: 1 })
  })

  test('an upload is stored with a safe name, its checksum, our content type, and an audit row without its contents', async () => {
    const response = await editor.upload(formUrl(), { ...termsFields, basedOn: '1' }, { name: 'HWB: ToR <2019>.pdf', content: pdf, type: 'text/html' })
    assert.equal(response.statusCode, 303)
    const file = await db.selectFrom('stored_files').selectAll().executeTakeFirstOrThrow()
    assert.equal(file.filename, 'HWB ToR 2019.pdf')
    assert.equal(file.content_type, 'application/pdf', 'the type comes from the checked file, not what the browser claimed')
    assert.equal(file.size_bytes, pdf.length)
    assert.equal(file.sha256, createHash('sha256').update(pdf).digest('hex'))
    const audit = await db.selectFrom('audit_events').select(['summary', 'after']).where('entity_id', '=', file.id).executeTakeFirstOrThrow()
    assert.equal(audit.summary, 'Uploaded file ‘HWB ToR 2019.pdf’')
    assert.doesNotMatch(JSON.stringify(audit.after), /Terms of reference agreed/)

    const page = await viewer.get(`/bodies/${bodyId}/terms-of-reference`)
    assert.match(page.body, new RegExp(`href="/files/${file.id}" download>HWB ToR 2019.pdf</a>`))
  })

  test('members of the partnership download the file as an attachment that is never sniffed', async () => {
    const file = await db.selectFrom('stored_files').select('id').executeTakeFirstOrThrow()
    const response = await viewer.get(`/files/${file.id}`)
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], 'application/pdf')
    assert.equal(response.headers['content-disposition'], `attachment; filename="HWB ToR 2019.pdf"; filename*=UTF-8''HWB%20ToR%202019.pdf`)
    assert.equal(response.headers['x-content-type-options'], 'nosniff')
    assert.deepEqual(response.rawPayload, pdf)
  })

  test('another partnership’s members, signed-out visitors and unknown ids get no file', async () => {
    const file = await db.selectFrom('stored_files').select('id').executeTakeFirstOrThrow()
    const elsewhere = await outsider.get(`/files/${file.id}`)
    assert.equal(elsewhere.statusCode, 404)
    assert.doesNotMatch(elsewhere.body, /Terms of reference agreed/)
    const signedOut = await t.app.inject({ method: 'GET', url: `/files/${file.id}` })
    assert.equal(signedOut.statusCode, 302)
    assert.match(String(signedOut.headers.location), /^\/sign-in/)
    assert.equal((await viewer.get('/files/00000000-0000-4000-8000-000000000000')).statusCode, 404)
    assert.equal((await viewer.get('/files/not-an-id')).statusCode, 404)
  })

  test('a second file in the same form is refused', async () => {
    const form = new FormData()
    form.append('_csrf', await editor.token())
    for (const [k, v] of Object.entries({ ...termsFields, basedOn: '2' })) form.append(k, v)
    form.append('document', new Blob([pdf]), 'one.pdf')
    form.append('document', new Blob([pdf]), 'two.pdf')
    const before = await counts()
    const response = await editor.send(formUrl(), form)
    assert.equal(response.statusCode, 413)
    assert.deepEqual(await counts(), before)
  })

  test('a file over 20 MB is refused with a message, not an error page', async () => {
    const before = await counts()
    const big = Buffer.concat([pdf, Buffer.alloc(maxFileBytes)])
    const response = await editor.upload(formUrl(), { ...termsFields, basedOn: '2' }, { name: 'big.pdf', content: big })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /href="#document">The selected file must be smaller than 20 MB/)
    assert.deepEqual(await counts(), before)
  })

  test('a plain text file arrives as bytes (not decoded into a string) and text fields as strings', async () => {
    const text = Buffer.from('Quorum: four members – including the chair\n', 'utf8')
    const response = await editor.upload(formUrl(), { ...termsFields, basedOn: '2', quorum: '4' }, { name: 'notes.txt', content: text, type: 'text/plain' })
    assert.equal(response.statusCode, 303)
    const version = await db.selectFrom('terms_of_reference').selectAll().where('version_number', '=', 3).executeTakeFirstOrThrow()
    assert.equal(version.quorum, 4)
    const file = await db.selectFrom('stored_files').selectAll().where('id', '=', version.file_id!).executeTakeFirstOrThrow()
    assert.deepEqual(Buffer.from(file.content), text)
    assert.equal(file.content_type, 'text/plain; charset=utf-8')
  })

  test('bidirectional-text controls in a file’s name are stripped before it is stored, shown or downloaded', async () => {
    // U+202E reverses what follows it: the name reads "Minutestxt.pdf" while it is a text file.
    const text = Buffer.from('Minutes of the board\n', 'utf8')
    const response = await editor.upload(formUrl(), { ...termsFields, basedOn: '3' }, { name: 'Minutes\u202Efdp.txt\u2066', content: text, type: 'text/plain' })
    assert.equal(response.statusCode, 303)
    const version = await db.selectFrom('terms_of_reference').select('file_id').where('version_number', '=', 4).executeTakeFirstOrThrow()
    const file = await db.selectFrom('stored_files').select(['id', 'filename', 'content_type']).where('id', '=', version.file_id!).executeTakeFirstOrThrow()
    assert.equal(file.filename, 'Minutesfdp.txt')
    assert.equal(file.content_type, 'text/plain; charset=utf-8')
    const audit = await db.selectFrom('audit_events').select('summary').where('entity_id', '=', file.id).executeTakeFirstOrThrow()
    assert.equal(audit.summary, 'Uploaded file ‘Minutesfdp.txt’')
    const page = await viewer.get(`/bodies/${bodyId}/terms-of-reference/4`)
    assert.match(page.body, />Minutesfdp\.txt</)
    assert.doesNotMatch(page.body, /[\u202A-\u202E\u2066-\u2069]/)
    const download = await viewer.get(`/files/${file.id}`)
    assert.equal(download.headers['content-disposition'], `attachment; filename="Minutesfdp.txt"; filename*=UTF-8''Minutesfdp.txt`)
  })

  test('a name stored before controls were stripped is downloaded without them', async () => {
    const file = await db.selectFrom('stored_files').select('id').where('filename', '=', 'Minutesfdp.txt').executeTakeFirstOrThrow()
    await db.updateTable('stored_files').set({ filename: 'Old\u202Efdp.txt' }).where('id', '=', file.id).execute()
    const download = await viewer.get(`/files/${file.id}`)
    assert.equal(download.headers['content-disposition'], `attachment; filename="Oldfdp.txt"; filename*=UTF-8''Oldfdp.txt`)
  })
})
