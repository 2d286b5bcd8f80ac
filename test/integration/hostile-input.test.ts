import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

// What the hostile probe sent that reached the database raw: each is now
// refused or checked at the edge, with a page that says what to do.

let t: TestApp
let adminEmail: string
let indicator: string

const refusedCharacter = /The request contained a character that is not allowed/

function assertRefused(response: LightMyRequestResponse, what: string) {
  assert.equal(response.statusCode, 400, what)
  assert.match(response.body, refusedCharacter, what)
  assert.match(String(response.headers['content-type']), /text\/html/, what)
}

before(async () => {
  t = await testApp()
  const db = t.database.db
  const partnership = await createPartnership(db, 'hostile')
  await db.updateTable('partnerships').set({ area_code: 'E08000004' }).where('id', '=', partnership.id).execute()
  adminEmail = (await createMember(db, partnership.id, 'admin')).user.email
  await db.insertInto('bodies').values({ partnership_id: partnership.id, name: 'Children’s Trust Board', kind: 'strategic-partnership-board' }).execute()
  indicator = (
    await db
      .insertInto('indicators')
      .values({
        partnership_id: partnership.id,
        title: 'Children in low income families',
        value_type: 'proportion',
        multiplier: 100,
        decimal_places: 1,
        polarity: 'low-is-good',
        frequency: 'annual',
        period_type: 'calendar-year',
        comparison_method: 'ci-95',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
})

after(() => t.close())

async function signedIn(): Promise<TestClient> {
  const client = new TestClient(t.app)
  await client.signIn(adminEmail)
  return client
}

describe('NUL characters', () => {
  test('in a query, an address or a form are refused with a page saying so', async () => {
    const admin = await signedIn()
    assertRefused(await admin.get('/people?q=%00'), 'a search')
    assertRefused(await admin.get('/organisations?q=Oldham%00&status=all'), 'a search with other filters')
    assertRefused(await admin.get('/people/%00'), 'an id in the address')
    assertRefused(
      await admin.post('/organisations', { name: 'Oldham\0Youth', sector: 'vcfs', isStatutory: 'no' }, { formPage: '/organisations/new' }),
      'a form field',
    )
    assertRefused(await admin.post('/organisations', { 'name\0': 'Oldham Youth' }, { formPage: '/organisations/new' }), 'a field’s name')
    const stillSignedIn = await admin.get('/people')
    assert.equal(stillSignedIn.statusCode, 200, 'the refusal leaves the person signed in')
  })

  test('on the sign-in form are refused, and nobody is signed in', async () => {
    const visitor = new TestClient(t.app)
    const response = await visitor.post('/sign-in', { email: '\0', password: 'x' }, { formPage: '/sign-in' })
    assertRefused(response, 'the email')
    assert.equal(
      response.cookies.find((c) => c.name === 'thrive_session'),
      undefined,
    )
  })

  test('in a multipart form’s text fields are refused too', async () => {
    const admin = await signedIn()
    const token = await admin.csrfToken('/plans/import')
    const boundary = '----thrivehostile'
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
    const payload = `${part('_csrf', token)}${part('title', 'Plan\0')}--${boundary}--\r\n`
    const response = await admin.send({
      method: 'POST',
      url: '/plans/import',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    })
    assertRefused(response, 'a multipart field')
  })

  test('in a cookie are ignored, as if the cookie had not been sent', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/sign-in', headers: { cookie: 'thrive_session=%00abc; thrive_flash=%00' } })
    assert.equal(response.statusCode, 200)
    assert.match(response.body, /Sign in/)
  })
})

describe('where to go after signing in', () => {
  test('a path with characters outside ASCII is sent on encoded, not as a server error', async () => {
    const admin = await signedIn()
    const response = await admin.get('/sign-in?returnTo=/%E2%88%95')
    assert.equal(response.statusCode, 302)
    assert.equal(response.headers.location, '/%E2%88%95')
  })

  test('after the form, the same: encoded, and only on this site', async () => {
    for (const [returnTo, location] of [
      ['/people?q=Smíth', '/people?q=Sm%C3%ADth'],
      ['/.//evil.example', '/'],
      ['//evil.example', '/'],
    ]) {
      const visitor = new TestClient(t.app)
      const response = await visitor.post(
        '/sign-in',
        { email: adminEmail, password: 'correct horse battery staple', returnTo: returnTo! },
        { formPage: '/sign-in' },
      )
      assert.equal(response.statusCode, 303, returnTo)
      assert.equal(response.headers.location, location, returnTo)
    }
  })
})

describe('ids in forms', () => {
  test('an action whose meeting is not an id re-shows the form with a message, and does not carry the text on', async () => {
    const admin = await signedIn()
    const response = await admin.post('/actions', { meetingId: 'abc', agendaItemId: 'x', bodyId: '', description: 'Report back' }, { formPage: '/actions/new' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Select a meeting from the list/)
    assert.match(response.body, /name="meetingId" value=""/)
    assert.match(response.body, /name="agendaItemId" value=""/)
  })
})

describe('ids in forms, where only the shape of an id was checked', () => {
  test('switching to a “partnership” of 36 dashes is a message, not a server error', async () => {
    const admin = await signedIn()
    const response = await admin.post('/partnerships/switch', { partnershipId: '-'.repeat(36) }, { formPage: '/partnerships' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /Select one of your partnerships/)
  })
})

describe('years', () => {
  test('a value or a target for year 0000 gets a message by the period, not a server error', async () => {
    const admin = await signedIn()
    const value = await admin.post(
      `/indicators/${indicator}/values`,
      { areaCode: 'E08000004', period: '0000', sex: 'persons', count: '5', denominator: '100' },
      { formPage: `/indicators/${indicator}/values/new` },
    )
    assert.equal(value.statusCode, 400)
    assert.match(value.body, /Enter a period between 1900 and 2200, like 2018/)
    const target = await admin.post(
      `/indicators/${indicator}/targets`,
      { period: '0000', kind: 'value', value: '9.5', groupId: '', amberTolerance: '' },
      { formPage: `/indicators/${indicator}/targets` },
    )
    assert.equal(target.statusCode, 400)
    assert.match(target.body, /Enter a period between 1900 and 2200, like 2018/)
  })

  test('a date in year 0000 says which years are allowed', async () => {
    const admin = await signedIn()
    const response = await admin.post(
      '/bodies',
      {
        name: 'Year nought board',
        shortName: '',
        kind: 'working-group',
        purpose: '',
        accountableToId: '',
        'establishedOn-day': '1',
        'establishedOn-month': '1',
        'establishedOn-year': '0000',
      },
      { formPage: '/bodies/new' },
    )
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /must be in a year from 1900 to 2200/)
  })
})
