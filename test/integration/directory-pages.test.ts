import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { organisationService } from '../../src/directory/organisations/service.ts'
import { peopleService } from '../../src/directory/people/service.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

const organisationFields = {
  name: 'Oldham Youth Service',
  sector: 'local-authority',
  isStatutory: 'yes',
  website: 'https://www.oldham.gov.uk/youth',
  description: 'Youth centres and detached youth work',
}

async function organisationsNamed(db: Db, name: string) {
  return db.selectFrom('organisations').selectAll().where('name', '=', name).execute()
}

async function auditCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('directory pages: organisations and people through the browser forms', () => {
  let t: TestApp
  let db: Db
  let editor: TestClient
  let viewer: TestClient
  let editorActor: Actor

  before(async () => {
    t = await testApp()
    db = t.database.db
    const partnership = await createPartnership(db, 'oldham', 'Oldham Children and Young People’s Partnership')
    const e = await createMember(db, partnership.id, 'editor')
    const v = await createMember(db, partnership.id, 'viewer')
    editorActor = e.actor
    editor = new TestClient(t.app)
    await editor.signIn(e.user.email)
    viewer = new TestClient(t.app)
    await viewer.signIn(v.user.email)
  })

  after(() => t.close())

  test('an editor adds an organisation through the form and then sees its page', async () => {
    const response = await editor.post('/organisations', organisationFields, { formPage: '/organisations/new' })
    assert.equal(response.statusCode, 303)
    const location = String(response.headers.location)
    assert.match(location, /^\/organisations\/[0-9a-f-]{36}$/)

    const page = await editor.get(location)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h1 class="govuk-heading-l">Oldham Youth Service<\/h1>/)
    assert.match(page.body, /href="https:\/\/www.oldham.gov.uk\/youth"/)
    assert.equal((await organisationsNamed(db, 'Oldham Youth Service')).length, 1)

    const list = await editor.get('/organisations?q=youth+service')
    assert.match(list.body, new RegExp(`<a class="govuk-link" href="${location}">Oldham Youth Service</a>`))
  })

  test('a form with mistakes comes back as 400 with the error summary, a message by each field and the input kept', async () => {
    const audits = await auditCount(db)
    const response = await editor.post(
      '/organisations',
      { name: '  ', sector: 'local-authority', isStatutory: 'no', website: 'oldham dot gov', description: 'Kept <description>' },
      { formPage: '/organisations/new' },
    )
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /<title>Error: Add an organisation/)
    assert.match(response.body, /class="govuk-error-summary"/)
    assert.match(response.body, /<a href="#name">Enter the organisation’s name<\/a>/)
    assert.match(response.body, /<a href="#website">Enter a website address in the correct format, like https:\/\/www.oldham.gov.uk<\/a>/)
    assert.match(response.body, /id="name-error"/)
    assert.match(response.body, /id="website-error"/)
    // The input is kept, escaped.
    assert.match(response.body, /value="oldham dot gov"/)
    assert.match(response.body, /Kept &lt;description&gt;<\/textarea>/)
    assert.match(response.body, /value="local-authority" checked/)
    assert.match(response.body, /value="no" checked/)
    assert.equal(await auditCount(db), audits)
  })

  test('a duplicate name comes back on the form, not as an error page', async () => {
    const response = await editor.post('/organisations', { ...organisationFields, name: 'OLDHAM youth service' }, { formPage: '/organisations/new' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /<a href="#name">An organisation called ‘Oldham Youth Service’ already exists<\/a>/)
    assert.equal((await organisationsNamed(db, 'OLDHAM youth service')).length, 0)
  })

  test('an edit made from a stale page is refused with 409, shows the latest version and keeps the input', async () => {
    const organisations = organisationService(db)
    const created = await organisations.create(editorActor, { name: 'Oldham Foodbank', sector: 'vcfs', isStatutory: false, website: null, description: '' })
    const editPage = `/organisations/${created.id}/edit`
    const token = await editor.csrfToken(editPage)
    // Someone else saves while this editor has the form open.
    await organisations.update(editorActor, created.id, created.version, {
      name: 'Oldham Foodbank Network',
      sector: 'vcfs',
      isStatutory: false,
      website: null,
      description: '',
    })

    const response = await editor.post(
      editPage,
      { version: String(created.version), name: 'Oldham Food Bank', sector: 'vcfs', isStatutory: 'no', website: '', description: 'My change' },
      { csrf: token },
    )
    assert.equal(response.statusCode, 409)
    assert.match(response.body, /‘Oldham Foodbank Network’ was changed by someone else while you were editing it\. Your changes have not been saved\./)
    assert.match(response.body, /The latest saved version/)
    assert.match(response.body, /value="Oldham Food Bank"/)
    assert.match(response.body, /My change<\/textarea>/)
    // Saving again is allowed, having seen the latest version.
    assert.match(response.body, /name="version" value="2"/)
    const [stored] = await organisationsNamed(db, 'Oldham Foodbank Network')
    assert.equal(stored?.version, 2)
    assert.equal(stored?.description, '')
  })

  test('a viewer posting any directory form gets 403 and nothing changes', async () => {
    const organisations = organisationService(db)
    const existing = await organisations.create(editorActor, {
      name: 'Oldham Music Service',
      sector: 'education',
      isStatutory: false,
      website: null,
      description: '',
    })
    const audits = await auditCount(db)
    const attempts: [string, Record<string, string>][] = [
      ['/organisations', { ...organisationFields, name: 'Added by a viewer' }],
      ['/organisations', { name: '' }],
      [`/organisations/${existing.id}/edit`, { ...organisationFields, name: 'Renamed by a viewer', version: '1' }],
      [`/organisations/${existing.id}/archive`, { version: '1' }],
      ['/people', { name: 'Added by a viewer' }],
    ]
    for (const [url, fields] of attempts) {
      const response = await viewer.post(url, fields, { formPage: '/organisations' })
      assert.equal(response.statusCode, 403, url)
      assert.match(response.body, /You do not have permission/)
    }
    assert.deepEqual(await organisationsNamed(db, 'Oldham Music Service'), [existing])
    assert.equal((await organisationsNamed(db, 'Added by a viewer')).length, 0)
    assert.equal(await auditCount(db), audits)

    // A viewer reads, but is not offered the forms.
    const page = await viewer.get(`/organisations/${existing.id}`)
    assert.equal(page.statusCode, 200)
    assert.doesNotMatch(page.body, /Change organisation/)
    assert.equal((await viewer.get('/organisations/new')).statusCode, 403)
    assert.equal((await viewer.get('/people/new')).statusCode, 403)
  })

  test('a form posted without a CSRF token, or with a wrong one, gets 403 and changes nothing', async () => {
    const audits = await auditCount(db)
    for (const csrf of [null, 'not-the-token']) {
      const response = await editor.post('/organisations', { ...organisationFields, name: 'Forged Organisation' }, { csrf })
      assert.equal(response.statusCode, 403)
      assert.match(response.body, /Your form has expired/)
    }
    assert.equal((await organisationsNamed(db, 'Forged Organisation')).length, 0)
    assert.equal(await auditCount(db), audits)
  })

  test('an editor adds a person to an organisation, and the person’s page links to it', async () => {
    const [organisation] = await organisationsNamed(db, 'Oldham Youth Service')
    assert.ok(organisation)
    const formPage = `/people/new?organisation=${organisation.id}`
    const form = await editor.get(formPage)
    assert.match(form.body, new RegExp(`<option value="${organisation.id}" selected>Oldham Youth Service</option>`))

    const response = await editor.post(
      '/people',
      { name: '', roleTitle: 'Head of Youth Service', jobTitle: 'Head of Service', organisationId: organisation.id, email: 'Youth@Oldham.gov.uk' },
      { formPage },
    )
    assert.equal(response.statusCode, 303)
    const page = await editor.get(String(response.headers.location))
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h1 class="govuk-heading-l">Head of Youth Service<\/h1>/)
    assert.match(page.body, new RegExp(`<a class="govuk-link" href="/organisations/${organisation.id}">Oldham Youth Service</a>`))
    assert.match(page.body, /href="mailto:youth@oldham.gov.uk"/)
    assert.doesNotMatch(page.body, /Sits on/)

    const list = await editor.get(`/people?organisation=${organisation.id}`)
    assert.match(list.body, /1 person<\/caption>/)
    assert.match(list.body, /Head of Youth Service/)
  })

  test('a person form with neither name nor role comes back with the messages in the order of the form', async () => {
    const response = await editor.post(
      '/people',
      { name: ' ', roleTitle: '', jobTitle: 'Kept job title', organisationId: '', email: 'not-an-email' },
      { formPage: '/people/new' },
    )
    assert.equal(response.statusCode, 400)
    const links = [...response.body.matchAll(/<a href="#(\w+)">/g)].map((m) => m[1])
    assert.deepEqual(links, ['name', 'email'])
    assert.match(response.body, /Enter a name or a role title/)
    assert.match(response.body, /value="Kept job title"/)
    assert.match(response.body, /value="not-an-email"/)
  })

  test('a stale edit of a person is refused with 409 and the latest version shown', async () => {
    const people = peopleService(db)
    const created = await people.create(editorActor, { name: 'Pat Doyle', roleTitle: null, jobTitle: null, organisationId: null, email: null })
    const editPage = `/people/${created.id}/edit`
    const token = await editor.csrfToken(editPage)
    await people.update(editorActor, created.id, created.version, {
      name: 'Patricia Doyle',
      roleTitle: null,
      jobTitle: null,
      organisationId: null,
      email: null,
    })
    const response = await editor.post(
      editPage,
      { version: '1', name: 'Pat Doyle-Smith', roleTitle: '', jobTitle: '', organisationId: '', email: '' },
      { csrf: token },
    )
    assert.equal(response.statusCode, 409)
    assert.match(response.body, /‘Patricia Doyle’ was changed by someone else/)
    assert.match(response.body, /value="Pat Doyle-Smith"/)
    assert.equal((await people.get(editorActor, created.id)).name, 'Patricia Doyle')
  })

  test('archiving a person through the confirm page, then restoring them', async () => {
    const people = peopleService(db)
    const created = await people.create(editorActor, { name: 'Chris Archer', roleTitle: null, jobTitle: null, organisationId: null, email: null })
    const confirm = await editor.get(`/people/${created.id}/archive`)
    assert.match(confirm.body, /Archive Chris Archer\?/)
    const archived = await editor.post(`/people/${created.id}/archive`, { version: '1' }, { formPage: `/people/${created.id}/archive` })
    assert.equal(archived.statusCode, 303)
    const page = await editor.get(`/people/${created.id}`)
    assert.match(page.body, /This person was archived on/)
    assert.match(page.body, /Restore person/)
    // The same confirm page sent twice: the second is stale, and says so.
    const again = await editor.post(`/people/${created.id}/archive`, { version: '1' }, { formPage: `/people/${created.id}` })
    assert.equal(again.statusCode, 409)
    const restored = await editor.post(`/people/${created.id}/restore`, { version: '2' }, { formPage: `/people/${created.id}` })
    assert.equal(restored.statusCode, 303)
    assert.equal((await people.get(editorActor, created.id)).archived_at, null)
  })
})
