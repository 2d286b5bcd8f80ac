import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let t: TestApp
let partnershipId: string
let adminEmail: string
let editorEmail: string

before(async () => {
  t = await testApp()
  const db = t.database.db
  partnershipId = (await createPartnership(db, 'settings')).id
  adminEmail = (await createMember(db, partnershipId, 'admin')).user.email
  editorEmail = (await createMember(db, partnershipId, 'editor')).user.email
})

after(() => t.close())

const read = () => t.database.db.selectFrom('partnerships').selectAll().where('id', '=', partnershipId).executeTakeFirstOrThrow()
const fields = {
  name: 'Oldham Children and Young People’s Partnership',
  areaCode: 'E08000004',
  description: 'Working together for Oldham’s children',
  isPublished: 'yes',
}

describe('partnership settings', () => {
  test('an admin sets the area the partnership serves, from the register, and the change is audited', async () => {
    const admin = new TestClient(t.app)
    await admin.signIn(adminEmail)
    const form = await admin.get('/admin/partnership')
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /<option value="E08000004">Oldham \(E08000004\)<\/option>/)
    const { version } = await read()
    const saved = await admin.post('/admin/partnership', { ...fields, version: String(version) }, { formPage: '/admin/partnership' })
    assert.equal(saved.statusCode, 303)
    const after = await read()
    assert.deepEqual(
      [after.name, after.area_code, after.description, after.is_published, after.version],
      [fields.name, 'E08000004', fields.description, true, version + 1],
    )
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'entity_type'])
      .where('partnership_id', '=', partnershipId)
      .where('entity_type', '=', 'partnership')
      .execute()
    assert.deepEqual(audit, [{ action: 'update', entity_type: 'partnership' }])
  })

  test('every mistake at once; a region or an unknown code is not a local authority; nothing changes', async () => {
    const admin = new TestClient(t.app)
    await admin.signIn(adminEmail)
    const before = await read()
    const bad = await admin.post(
      '/admin/partnership',
      { name: ' ', areaCode: 'E12000002', description: 'x'.repeat(2001), version: String(before.version) },
      { formPage: '/admin/partnership' },
    )
    assert.equal(bad.statusCode, 400)
    for (const message of [
      'Enter the partnership’s name',
      'Select the local authority from the list',
      'Description must be 2,000 characters or fewer',
      'Select whether the public pages are published',
    ]) {
      assert.ok(bad.body.includes(message), message)
    }
    const unknown = await admin.post(
      '/admin/partnership',
      { ...fields, areaCode: 'E08999999', version: String(before.version) },
      { formPage: '/admin/partnership' },
    )
    assert.equal(unknown.statusCode, 400)
    assert.deepEqual(await read(), before)
  })

  test('a stale form is a conflict, not a lost change; editors may not change settings', async () => {
    const admin = new TestClient(t.app)
    await admin.signIn(adminEmail)
    const before = await read()
    const stale = await admin.post('/admin/partnership', { ...fields, name: 'Stale', version: String(before.version - 1) }, { formPage: '/admin/partnership' })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /Someone else changed the partnership’s settings/)
    assert.equal((await read()).name, before.name)
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    assert.equal((await editor.get('/admin/partnership')).statusCode, 403)
  })
})
