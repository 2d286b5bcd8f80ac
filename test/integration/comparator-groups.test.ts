import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let t: TestApp
let editorEmail: string
let viewerEmail: string
let otherPartnership: string

const gm = 'E08000001, E08000002, E08000003\nE08000004 E08000005 e08000006;E08000007,E08000008,E08000009,E08000010'

before(async () => {
  t = await testApp()
  const db = t.database.db
  const partnershipId = (await createPartnership(db, 'comparators')).id
  editorEmail = (await createMember(db, partnershipId, 'editor')).user.email
  viewerEmail = (await createMember(db, partnershipId, 'viewer')).user.email
  otherPartnership = (await createPartnership(db, 'elsewhere')).id
  // Another partnership's own locality is not in this partnership's register.
  await db.insertInto('areas').values({ code: 'X-ELSEWHERE-1', partnership_id: otherPartnership, name: 'Somewhere else', kind: 'locality' }).execute()
})

after(() => t.close())

describe('comparator groups', () => {
  test('the shared register holds England, the regions and the Greater Manchester boroughs', async () => {
    const areas = await t.database.db
      .selectFrom('areas')
      .select(['code', 'name', 'kind', 'parent_code'])
      .where('code', 'in', ['E92000001', 'E12000002', 'E08000004'])
      .orderBy('code')
      .execute()
    assert.deepEqual(areas, [
      { code: 'E08000004', name: 'Oldham', kind: 'local-authority', parent_code: 'E12000002' },
      { code: 'E12000002', name: 'North West', kind: 'region', parent_code: 'E92000001' },
      { code: 'E92000001', name: 'England', kind: 'country', parent_code: null },
    ])
  })

  test('an editor defines the ten Greater Manchester boroughs from their codes, and a viewer reads them by name', async () => {
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const created = await editor.post(
      '/comparator-groups',
      { name: 'Greater Manchester', kind: 'regional-partnership', areaCodes: gm, description: 'The ten boroughs of the combined authority' },
      { formPage: '/comparator-groups/new' },
    )
    assert.equal(created.statusCode, 303)
    const viewer = new TestClient(t.app)
    await viewer.signIn(viewerEmail)
    const page = (await viewer.get(String(created.headers.location))).body
    assert.match(page, /10 areas/)
    assert.match(page, /Oldham<\/td>\s*<td class="govuk-table__cell">E08000004/)
    assert.match((await viewer.get('/comparator-groups')).body, /Greater Manchester[\s\S]*>10</)
    assert.equal((await viewer.get('/comparator-groups/new')).statusCode, 403)
  })

  test('codes that are not codes, not in the register or another partnership’s are refused with the form kept; nothing is saved', async () => {
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const count = async () => (await t.database.db.selectFrom('comparator_groups').select('id').execute()).length
    const before = await count()
    const notCodes = await editor.post(
      '/comparator-groups',
      { name: 'Neighbours', kind: 'statistical-neighbours', areaCodes: 'Rochdale, Bolton!' },
      { formPage: '/comparator-groups/new' },
    )
    assert.equal(notCodes.statusCode, 400)
    assert.match(notCodes.body, /Enter ONS codes only, like E08000004: ROCHDALE, BOLTON! are not codes/)
    assert.match(notCodes.body, /Rochdale, Bolton!<\/textarea>/)
    const unknown = await editor.post(
      '/comparator-groups',
      { name: 'Neighbours', kind: 'statistical-neighbours', areaCodes: 'E08000005 E08099999 X-ELSEWHERE-1' },
      { formPage: '/comparator-groups/new' },
    )
    assert.match(unknown.body, /These codes are not in the register of areas: E08099999, X-ELSEWHERE-1/)
    const england = await editor.post(
      '/comparator-groups',
      { name: 'England', kind: 'england', areaCodes: 'E92000001 E12000002' },
      { formPage: '/comparator-groups/new' },
    )
    assert.match(england.body, /An England group is England alone/)
    const duplicate = await editor.post(
      '/comparator-groups',
      { name: 'greater manchester', kind: 'other', areaCodes: 'E08000004' },
      { formPage: '/comparator-groups/new' },
    )
    assert.match(duplicate.body, /already exists/)
    assert.equal(await count(), before)
  })

  test('changing the areas is audited with the codes before and after; a stale change is refused; archive and restore', async () => {
    const db = t.database.db
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const created = await editor.post(
      '/comparator-groups',
      { name: 'England', kind: 'england', areaCodes: 'E92000001' },
      { formPage: '/comparator-groups/new' },
    )
    const id = String(created.headers.location).split('/').pop()!
    const changed = await editor.post(
      `/comparator-groups/${id}/edit`,
      { name: 'North West', kind: 'region', areaCodes: 'E12000002', version: '1' },
      { formPage: `/comparator-groups/${id}/edit` },
    )
    assert.equal(changed.statusCode, 303)
    const audit = await db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('entity_id', '=', id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow()
    assert.deepEqual((audit.before as { areaCodes: string[] }).areaCodes, ['E92000001'])
    assert.deepEqual((audit.after as { areaCodes: string[] }).areaCodes, ['E12000002'])
    const stale = await editor.post(
      `/comparator-groups/${id}/edit`,
      { name: 'Stale', kind: 'region', areaCodes: 'E12000002', version: '1' },
      { formPage: `/comparator-groups/${id}/edit` },
    )
    assert.equal(stale.statusCode, 409)
    const archived = await editor.post(`/comparator-groups/${id}/archive`, { version: '2' }, { formPage: `/comparator-groups/${id}/archive` })
    assert.equal(archived.statusCode, 303)
    assert.doesNotMatch((await editor.get('/comparator-groups')).body, new RegExp(`href="/comparator-groups/${id}"`))
    const restored = await editor.post(`/comparator-groups/${id}/restore`, { version: '3' }, { formPage: `/comparator-groups/${id}` })
    assert.equal(restored.statusCode, 303)
  })
})
