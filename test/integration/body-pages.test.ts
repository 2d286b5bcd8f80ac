import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../../src/platform/db/database.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-') as [string, string, string]
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year }
}

async function bodyNamed(db: Db, name: string) {
  return db.selectFrom('bodies').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
}

/** The messages in the error summary, in order. */
function summaryErrors(html: string): string[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...summary.matchAll(/<a href="#[^"]+">([^<]+)<\/a>/g)].map((m) => m[1] as string)
}

describe('board and group pages, through the browser forms', () => {
  let t: TestApp
  let db: Db
  let editor: TestClient
  let viewer: TestClient
  let contributor: TestClient
  let partnershipId: string
  let councillor: string
  let police: string

  before(async () => {
    t = await testApp()
    db = t.database.db
    const partnership = await createPartnership(db, 'oldham', 'Oldham Children and Young People’s Partnership')
    partnershipId = partnership.id
    const e = await createMember(db, partnership.id, 'editor')
    const v = await createMember(db, partnership.id, 'viewer')
    const c = await createMember(db, partnership.id, 'contributor')
    editor = new TestClient(t.app)
    await editor.signIn(e.user.email)
    viewer = new TestClient(t.app)
    await viewer.signIn(v.user.email)
    contributor = new TestClient(t.app)
    await contributor.signIn(c.user.email)
    const council = await db
      .insertInto('organisations')
      .values({ partnership_id: partnershipId, name: 'Oldham Council', sector: 'local-authority', is_statutory: true })
      .returning('id')
      .executeTakeFirstOrThrow()
    const gmp = await db
      .insertInto('organisations')
      .values({ partnership_id: partnershipId, name: 'Greater Manchester Police', sector: 'police', is_statutory: true })
      .returning('id')
      .executeTakeFirstOrThrow()
    councillor = (
      await db
        .insertInto('people')
        .values({ partnership_id: partnershipId, role_title: 'Cabinet Member for Children’s Services', organisation_id: council.id, user_id: c.user.id })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    police = (
      await db
        .insertInto('people')
        .values({ partnership_id: partnershipId, role_title: 'Chief Superintendent', organisation_id: gmp.id })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  })

  after(() => t.close())

  test('an editor adds a board through the form, with its date as three boxes, and sees its page', async () => {
    const response = await editor.post(
      '/bodies',
      {
        name: 'Health and Wellbeing Board',
        shortName: 'HWB',
        kind: 'health-and-wellbeing-board',
        purpose: 'The statutory board',
        accountableToId: '',
        ...date('establishedOn', '2013-04-01'),
      },
      { formPage: '/bodies/new' },
    )
    assert.equal(response.statusCode, 303)
    const page = await editor.get(String(response.headers.location))
    assert.match(page.body, /<h1 class="govuk-heading-l">Health and Wellbeing Board<\/h1>/)
    assert.match(page.body, /1 April 2013/)
    assert.match(page.body, /href="\/bodies\/[0-9a-f-]{36}\/terms-of-reference"/)
    assert.match(page.body, /href="\/meetings\?body=[0-9a-f-]{36}"/)
  })

  test('a form with mistakes comes back as 400 with the error summary and the input kept', async () => {
    const response = await editor.post(
      '/bodies',
      { name: '', kind: '', purpose: 'Kept', 'establishedOn-day': '31', 'establishedOn-month': '2', 'establishedOn-year': '2019' },
      { formPage: '/bodies/new' },
    )
    assert.equal(response.statusCode, 400)
    assert.deepEqual(summaryErrors(response.body), ['Enter the body’s name', 'Select the kind of body', 'Date established must be a real date'])
    assert.match(response.body, />Kept<\/textarea>/)
    assert.match(response.body, /name="establishedOn-day" type="text" value="31"/)

    const partial = await editor.post('/bodies', { name: 'Partial', kind: 'sub-group', 'establishedOn-year': '2019' }, { formPage: '/bodies/new' })
    assert.deepEqual(summaryErrors(partial.body), ['Date established must include a day and month'])
  })

  test('a body reporting to the board cannot become the board’s own accountable body; a stale edit gets the latest version', async () => {
    const hwb = await bodyNamed(db, 'Health and Wellbeing Board')
    const made = await editor.post(
      '/bodies',
      { name: 'Strategic Partnership Board', kind: 'strategic-partnership-board', accountableToId: hwb.id, ...date('establishedOn', '2019-04-01') },
      { formPage: '/bodies/new' },
    )
    assert.equal(made.statusCode, 303)
    const spb = await bodyNamed(db, 'Strategic Partnership Board')

    const loop = await editor.post(
      `/bodies/${hwb.id}/edit`,
      { version: String(hwb.version), name: hwb.name, kind: hwb.kind, accountableToId: spb.id },
      { formPage: `/bodies/${hwb.id}/edit` },
    )
    assert.equal(loop.statusCode, 400)
    assert.deepEqual(summaryErrors(loop.body), ['Strategic Partnership Board reports to this body already, so this body cannot be accountable to it'])

    const fields = { name: spb.name, kind: spb.kind, accountableToId: hwb.id, purpose: 'First', ...date('establishedOn', '2019-04-01') }
    assert.equal((await editor.post(`/bodies/${spb.id}/edit`, { ...fields, version: '1' }, { formPage: `/bodies/${spb.id}/edit` })).statusCode, 303)
    const stale = await editor.post(`/bodies/${spb.id}/edit`, { ...fields, purpose: 'Second', version: '1' }, { formPage: `/bodies/${spb.id}/edit` })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /The latest saved version/)
    assert.match(stale.body, /name="version" value="2"/)
    assert.equal((await bodyNamed(db, 'Strategic Partnership Board')).purpose, 'First')
  })

  test('ending a body records its successor, shown on both pages', async () => {
    const spb = await bodyNamed(db, 'Strategic Partnership Board')
    await editor.post(
      '/bodies',
      { name: 'Best Start in Life Partnership', kind: 'strategic-partnership-board', ...date('establishedOn', '2016-04-01') },
      { formPage: '/bodies/new' },
    )
    const bestStart = await bodyNamed(db, 'Best Start in Life Partnership')
    const missing = await editor.post(`/bodies/${bestStart.id}/end`, { version: '1' }, { formPage: `/bodies/${bestStart.id}/end` })
    assert.equal(missing.statusCode, 400)
    assert.deepEqual(summaryErrors(missing.body), ['Enter the date it ended'])
    const ended = await editor.post(
      `/bodies/${bestStart.id}/end`,
      { version: '1', supersededById: spb.id, ...date('endedOn', '2019-04-01') },
      { formPage: `/bodies/${bestStart.id}/end` },
    )
    assert.equal(ended.statusCode, 303)
    assert.match(
      (await viewer.get(`/bodies/${bestStart.id}`)).body,
      /Ended on 1 April 2019\. Superseded by <a class="govuk-link" href="\/bodies\/[0-9a-f-]+">Strategic Partnership Board<\/a>/,
    )
    assert.match((await viewer.get(`/bodies/${spb.id}`)).body, /Supersedes[\s\S]*?Best Start in Life Partnership/)
    assert.doesNotMatch((await viewer.get('/bodies')).body, /Best Start in Life Partnership/, 'ended bodies are not current')
    assert.match((await viewer.get('/bodies?on=2018-01-01')).body, /Best Start in Life Partnership/)
  })

  test('members are added through the form, grouped by role, with the sectors present and missing', async () => {
    const spb = await bodyNamed(db, 'Strategic Partnership Board')
    const noPerson = await editor.post(`/bodies/${spb.id}/members`, { role: 'chair' }, { formPage: `/bodies/${spb.id}/members/new` })
    assert.equal(noPerson.statusCode, 400)
    assert.deepEqual(summaryErrors(noPerson.body), ['Select the person'])

    const added = await editor.post(
      `/bodies/${spb.id}/members`,
      { personId: councillor, role: 'chair', representingId: '', ...date('startsOn', '2019-04-01') },
      { formPage: `/bodies/${spb.id}/members/new` },
    )
    assert.equal(added.statusCode, 303)
    let page = (await viewer.get(`/bodies/${spb.id}`)).body
    assert.match(
      page,
      /<h3 class="govuk-heading-s">Chair<\/h3>\s*<ul class="govuk-list">\s*<li><a class="govuk-link" href="\/people\/[0-9a-f-]+">Cabinet Member for Children’s Services<\/a>, representing Oldham Council \(since 1 April 2019\)/,
    )
    assert.match(page, /Represented[\s\S]*?Local authority[\s\S]*?Missing[\s\S]*?Police/)

    await editor.post(`/bodies/${spb.id}/members`, { personId: police, role: 'member' }, { formPage: `/bodies/${spb.id}/members/new` })
    page = (await viewer.get(`/bodies/${spb.id}`)).body
    assert.match(page, /None: every partner sector is represented/)

    const membership = await db.selectFrom('body_members').selectAll().where('person_id', '=', police).executeTakeFirstOrThrow()
    const badEnd = await editor.post(
      `/bodies/${spb.id}/members/${membership.id}/edit`,
      { version: '1', personId: police, role: 'member', ...date('startsOn', '2020-01-01'), ...date('endsOn', '2019-12-31') },
      { formPage: `/bodies/${spb.id}/members/${membership.id}/edit` },
    )
    assert.equal(badEnd.statusCode, 400)
    assert.deepEqual(summaryErrors(badEnd.body), ['End date must be the same as or after the start date'])
    const ended = await editor.post(
      `/bodies/${spb.id}/members/${membership.id}/edit`,
      { version: '1', personId: police, role: 'member', ...date('endsOn', '2020-01-01') },
      { formPage: `/bodies/${spb.id}/members/${membership.id}/edit` },
    )
    assert.equal(ended.statusCode, 303)
    assert.match((await viewer.get(`/bodies/${spb.id}`)).body, /Missing[\s\S]*?<dd class="govuk-summary-list__value">\s*Police/)

    const person = (await viewer.get(`/people/${councillor}/bodies`)).body
    assert.match(person, /Sits on now[\s\S]*?Strategic Partnership Board<\/a><\/td>\s*<td class="govuk-table__cell">Chair<\/td>/)
  })

  test('a membership recorded by mistake is removed from the body, kept in the record and audited; a stale removal is refused', async () => {
    const spb = await bodyNamed(db, 'Strategic Partnership Board')
    const added = await editor.post(`/bodies/${spb.id}/members`, { personId: police, role: 'observer' }, { formPage: `/bodies/${spb.id}/members/new` })
    assert.equal(added.statusCode, 303)
    const mistake = await db.selectFrom('body_members').selectAll().where('person_id', '=', police).where('role', '=', 'observer').executeTakeFirstOrThrow()
    const editUrl = `/bodies/${spb.id}/members/${mistake.id}/edit`
    assert.match((await editor.get(editUrl)).body, /Remove this membership/)

    const stale = await editor.post(`/bodies/${spb.id}/members/${mistake.id}/remove`, { version: String(mistake.version + 1) }, { formPage: editUrl })
    assert.equal(stale.statusCode, 409)
    const refused = await viewer.post(`/bodies/${spb.id}/members/${mistake.id}/remove`, { version: String(mistake.version) }, { formPage: `/bodies/${spb.id}` })
    assert.equal(refused.statusCode, 403)

    const removed = await editor.post(`/bodies/${spb.id}/members/${mistake.id}/remove`, { version: String(mistake.version) }, { formPage: editUrl })
    assert.equal(removed.statusCode, 303)
    assert.doesNotMatch((await viewer.get(`/bodies/${spb.id}`)).body, /Observer/)
    const kept = await db.selectFrom('body_members').select('archived_at').where('id', '=', mistake.id).executeTakeFirstOrThrow()
    assert.ok(kept.archived_at, 'the row is kept, archived')
    const audit = await db.selectFrom('audit_events').select('summary').where('entity_id', '=', mistake.id).where('action', '=', 'archive').executeTakeFirst()
    assert.match(audit?.summary ?? '', /recorded by mistake/)
    assert.equal((await editor.get(editUrl)).statusCode, 404)
  })

  test('viewers cannot open or send the forms; a contributor changes only the body they chair', async () => {
    const spb = await bodyNamed(db, 'Strategic Partnership Board')
    const hwb = await bodyNamed(db, 'Health and Wellbeing Board')
    for (const url of ['/bodies/new', `/bodies/${spb.id}/edit`, `/bodies/${spb.id}/end`, `/bodies/${spb.id}/archive`, `/bodies/${spb.id}/members/new`]) {
      assert.equal((await viewer.get(url)).statusCode, 403, url)
    }
    const csrf = await viewer.csrfToken('/bodies')
    assert.equal((await viewer.post('/bodies', { name: 'Viewer board', kind: 'sub-group' }, { csrf })).statusCode, 403)
    assert.equal((await viewer.post(`/bodies/${spb.id}/edit`, { version: '1', name: 'Taken', kind: 'sub-group' }, { csrf })).statusCode, 403)
    assert.equal((await viewer.post(`/bodies/${spb.id}/archive`, { version: '1' }, { csrf })).statusCode, 403)
    assert.doesNotMatch((await viewer.get(`/bodies/${spb.id}`)).body, /Change details|Add a member/)

    // The contributor's person record chairs the Strategic Partnership Board, and nothing else.
    assert.equal((await contributor.get(`/bodies/${spb.id}/edit`)).statusCode, 200)
    assert.match((await contributor.get(`/bodies/${spb.id}`)).body, /Change details/)
    assert.equal((await contributor.get(`/bodies/${hwb.id}/edit`)).statusCode, 403)
    assert.equal((await contributor.get('/bodies/new')).statusCode, 403)
    const token = await contributor.csrfToken('/bodies')
    assert.equal((await contributor.post(`/bodies/${hwb.id}/members`, { personId: police, role: 'member' }, { csrf: token })).statusCode, 403)
    const current = await bodyNamed(db, 'Strategic Partnership Board')
    const saved = await contributor.post(
      `/bodies/${spb.id}/edit`,
      {
        version: String(current.version),
        name: current.name,
        kind: current.kind,
        accountableToId: hwb.id,
        purpose: 'Set by its chair',
        ...date('establishedOn', '2019-04-01'),
      },
      { csrf: token },
    )
    assert.equal(saved.statusCode, 303)
  })

  test('the structure chart draws the bodies of a date as linked boxes, beside the same structure as a nested list', async () => {
    const hwb = await bodyNamed(db, 'Health and Wellbeing Board')
    const spb = await bodyNamed(db, 'Strategic Partnership Board')
    const page = (await viewer.get('/structure?on=2019-06-01')).body
    assert.match(page, /<title id="structure-title">The partnership structure on 1 June 2019<\/title>/)
    assert.match(page, new RegExp(`<a href="/bodies/${hwb.id}" data-body="${hwb.id}">`))
    assert.match(page, new RegExp(`<polyline data-from="${spb.id}" data-to="${hwb.id}"`))
    assert.doesNotMatch(page, /Best Start in Life/, 'ended before this date')
    const list = /<div id="structure-list">([\s\S]*?)<\/div>/.exec(page)?.[1] ?? ''
    assert.match(
      list,
      /Health and Wellbeing Board<\/a>, with reporting to it:\s*<ul class="govuk-list govuk-list--bullet">\s*<li><a class="govuk-link" href="\/bodies\/[0-9a-f-]+">Strategic Partnership Board<\/a>/,
    )

    const earlier = (await viewer.get('/structure?on=2017-01-01')).body
    assert.match(earlier, /Best Start in Life Partnership/)
    assert.doesNotMatch(earlier, /Strategic Partnership Board/)

    const byKind = (await viewer.get('/structure?on=2019-06-01&kind=health-and-wellbeing-board')).body
    assert.match(byKind, /Health and Wellbeing Board/)
    assert.doesNotMatch(byKind, /data-body="[^"]*"[^>]*>[\s\S]{0,400}Strategic Partnership Board/)

    const empty = (await viewer.get('/structure?on=1990-01-01')).body
    assert.match(empty, /No boards or groups existed on this date\./)
  })
})
