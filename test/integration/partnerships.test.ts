import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership, testPassword } from '../support/fixtures.ts'
import { hashPassword } from '../../src/platform/auth/passwords.ts'

// Creating a partnership: no longer SQL by hand, but an operator's page (and
// `thrive partnership add`, tested in cli.test.ts) through one service.

describe('the operator’s partnerships page', () => {
  let web: TestApp
  let operatorEmail: string
  let memberEmail: string

  before(async () => {
    web = await testApp()
    const existing = await createPartnership(web.database.db, 'existing', 'Existing partnership')
    memberEmail = (await createMember(web.database.db, existing.id, 'admin')).user.email
    operatorEmail = 'it.operator@council.example'
    await web.database.db
      .insertInto('users')
      .values({ email: operatorEmail, display_name: 'Council IT', password_hash: await hashPassword(testPassword), is_operator: true })
      .execute()
  })

  after(() => web.close())

  test('only operators see it: a partnership admin is refused, and signed-out visitors are sent to sign in', async () => {
    assert.equal((await new TestClient(web.app).get('/operator/partnerships')).statusCode, 302)
    const admin = new TestClient(web.app)
    await admin.signIn(memberEmail)
    assert.equal((await admin.get('/operator/partnerships')).statusCode, 403)
    const before = await web.database.db.selectFrom('partnerships').select('id').execute()
    const refused = await admin.post('/operator/partnerships', {
      slug: 'sneaky',
      name: 'Sneaky',
      areaCode: 'E08000004',
      adminEmail: 'x@example.org',
      adminName: 'X',
    })
    assert.equal(refused.statusCode, 403)
    assert.equal((await web.database.db.selectFrom('partnerships').select('id').execute()).length, before.length)
  })

  test('an operator creates a partnership for a local authority; its first admin accepts the link and runs it', async () => {
    const operator = new TestClient(web.app)
    const signedIn = await operator.signIn(operatorEmail)
    assert.equal(signedIn.headers.location, '/operator/partnerships', 'an operator with no partnership lands on their page')
    const page = await operator.get('/operator/partnerships')
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Existing partnership/)
    assert.match(page.body, /<option value="E08000004"[^>]*>Oldham \(E08000004\)<\/option>/)

    const created = await operator.post(
      '/operator/partnerships',
      {
        slug: 'Oldham',
        name: 'Oldham Children and Young People’s Partnership',
        areaCode: 'e08000004',
        adminEmail: 'Head.Of.Service@Oldham.example',
        adminName: 'Head of Service',
      },
      { formPage: '/operator/partnerships' },
    )
    assert.equal(created.statusCode, 303)
    const confirmation = (await operator.get('/operator/partnerships')).body
    assert.match(
      confirmation,
      /Oldham Children and Young People’s Partnership has been created\. We’ve invited head\.of\.service@oldham\.example to be its first admin/,
    )
    const link = /\/join\/[A-Za-z0-9_-]{43}/.exec(confirmation)?.[0]
    assert.ok(link)

    const partnership = await web.database.db.selectFrom('partnerships').selectAll().where('slug', '=', 'oldham').executeTakeFirstOrThrow()
    assert.equal(partnership.area_code, 'E08000004')
    const audit = await web.database.db
      .selectFrom('audit_events')
      .select(['entity_type', 'action', 'actor_label'])
      .where('partnership_id', '=', partnership.id)
      .orderBy('id')
      .execute()
    assert.deepEqual(audit, [
      { entity_type: 'partnership', action: 'create', actor_label: 'Council IT' },
      { entity_type: 'invitation', action: 'create', actor_label: 'Council IT' },
    ])

    const head = new TestClient(web.app)
    const joined = await head.post(`${link}/account`, { displayName: 'Head of Service', password: 'a long enough passphrase' }, { formPage: link })
    assert.equal(joined.statusCode, 303)
    assert.equal((await head.get('/admin/users')).statusCode, 200, 'the first admin manages the new partnership')
    assert.equal((await head.get('/operator/partnerships')).statusCode, 403, 'being its admin does not make them an operator')
  })

  test('mistakes are shown with the GOV.UK error summary, and nothing is created', async () => {
    const operator = new TestClient(web.app)
    await operator.signIn(operatorEmail)
    const count = async () => (await web.database.db.selectFrom('partnerships').select('id').execute()).length
    const before = await count()
    const bad = await operator.post(
      '/operator/partnerships',
      { slug: 'no spaces', name: '', areaCode: '', adminEmail: 'not-an-email', adminName: '' },
      { formPage: '/operator/partnerships' },
    )
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /href="#slug">The short name may use only letters, numbers and single hyphens/)
    assert.match(bad.body, /href="#name">Enter the partnership’s name/)
    assert.match(bad.body, /href="#adminEmail">Enter the first admin’s email address in the correct format/)
    assert.match(bad.body, /value="no spaces"/)

    const notAnAuthority = await operator.post(
      '/operator/partnerships',
      { slug: 'england', name: 'England', areaCode: 'E92000001', adminEmail: 'a@example.org', adminName: 'A' },
      { formPage: '/operator/partnerships' },
    )
    assert.equal(notAnAuthority.statusCode, 400)
    assert.match(notAnAuthority.body, /href="#areaCode">E92000001 is not a local authority in the register of areas/)

    const taken = await operator.post(
      '/operator/partnerships',
      { slug: 'existing', name: 'Again', areaCode: 'E08000005', adminEmail: 'a@example.org', adminName: 'A' },
      { formPage: '/operator/partnerships' },
    )
    assert.equal(taken.statusCode, 400)
    assert.match(taken.body, /A partnership already has the short name ‘existing’/)

    const noAdmin = await operator.post(
      '/operator/partnerships',
      { slug: 'lonely', name: 'Lonely', areaCode: 'E08000005', adminEmail: '', adminName: '' },
      { formPage: '/operator/partnerships' },
    )
    assert.equal(noAdmin.statusCode, 400)
    assert.match(noAdmin.body, /href="#adminEmail">Enter the first admin’s email address/)
    assert.equal(await count(), before)
  })
})
