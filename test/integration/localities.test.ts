import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { inPartnership } from '../../src/platform/db/tenancy.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let t: TestApp
let partnershipId: string
let otherPartnership: string
let editorEmail: string
let viewerEmail: string
let outsiderEmail: string
let indicator: string

const signedIn = async (email: string) => {
  const client = new TestClient(t.app)
  await client.signIn(email)
  return client
}

before(async () => {
  t = await testApp()
  const db = t.database.db
  partnershipId = (await createPartnership(db, 'places')).id
  otherPartnership = (await createPartnership(db, 'rochdale')).id
  await db.updateTable('partnerships').set({ area_code: 'E08000004' }).where('id', '=', partnershipId).execute()
  await db.updateTable('partnerships').set({ area_code: 'E08000005' }).where('id', '=', otherPartnership).execute()
  editorEmail = (await createMember(db, partnershipId, 'editor')).user.email
  viewerEmail = (await createMember(db, partnershipId, 'viewer')).user.email
  outsiderEmail = (await createMember(db, otherPartnership, 'admin')).user.email
  // A ward another partnership put in the register first.
  await db
    .insertInto('areas')
    .values({ code: 'E05000999', partnership_id: otherPartnership, name: 'Their ward', kind: 'ward', parent_code: 'E08000005' })
    .execute()
  indicator = (
    await db
      .insertInto('indicators')
      .values({
        partnership_id: partnershipId,
        title: 'Year 6: prevalence of obesity',
        value_type: 'proportion',
        multiplier: 100,
        polarity: 'low-is-good',
        frequency: 'annual',
        period_type: 'academic-year',
        comparison_method: 'ci-95',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
})

after(() => t.close())

const add = (client: TestClient, fields: Record<string, string>) => client.post('/localities/new', fields, { formPage: '/localities/new' })
const versionOf = async (client: TestClient, code: string) =>
  /name="version" value="([0-9a-f]{16})"/.exec((await client.get(`/localities/${code}/edit`)).body)![1]!

describe('localities and wards', () => {
  test('an editor adds a locality with its own code and a ward in it with its ONS code; values can then be entered for them', async () => {
    const editor = await signedIn(editorEmail)
    assert.equal((await add(editor, { kind: 'locality', code: 'e08000004-west', name: 'Oldham West', parentCode: 'E08000004' })).statusCode, 303)
    assert.equal((await add(editor, { kind: 'ward', code: 'E05000870', name: 'Coldhurst', parentCode: 'E08000004-WEST' })).statusCode, 303)
    const viewer = await signedIn(viewerEmail)
    const list = (await viewer.get('/localities')).body
    assert.match(
      list,
      /Oldham West<\/td>\s*<td class="govuk-table__cell">E08000004-WEST<\/td>\s*<td class="govuk-table__cell">Locality<\/td>\s*<td class="govuk-table__cell">Oldham<\/td>/,
    )
    assert.match(
      list,
      /Coldhurst<\/td>\s*<td class="govuk-table__cell">E05000870<\/td>\s*<td class="govuk-table__cell">Ward<\/td>\s*<td class="govuk-table__cell">Oldham West<\/td>/,
    )
    assert.doesNotMatch(list, /Their ward/)
    assert.equal((await viewer.get('/localities/new')).statusCode, 403)
    const audit = await t.database.db.selectFrom('audit_events').select('summary').where('entity_type', '=', 'area').orderBy('id').execute()
    assert.deepEqual(
      audit.map((a) => a.summary),
      ['Added the locality ‘Oldham West’ (E08000004-WEST), part of Oldham', 'Added the ward ‘Coldhurst’ (E05000870), part of Oldham West'],
    )

    const form = (await editor.get(`/indicators/${indicator}/values/new`)).body
    assert.match(form, /<option value="E08000004-WEST">Oldham West \(E08000004-WEST\)<\/option>/)
    assert.match(form, /<option value="E05000870">Coldhurst \(E05000870\)<\/option>/)
    const value = await editor.post(
      `/indicators/${indicator}/values`,
      { areaCode: 'E08000004-WEST', period: '2019/20', sex: 'persons', count: '150', denominator: '500', illustrative: 'yes' },
      { formPage: '/' },
    )
    assert.equal(value.statusCode, 303)
    assert.match((await viewer.get('/localities')).body, /Oldham West[\s\S]*?govuk-table__cell--numeric">1</)
  })

  test('codes of the wrong shape, codes already in the register (even another partnership’s) and parents not on offer are refused together', async () => {
    const editor = await signedIn(editorEmail)
    const count = async () => (await t.database.db.selectFrom('areas').select('code').where('partnership_id', 'is not', null).execute()).length
    const before = await count()
    const bad = await add(editor, { kind: 'ward', code: 'E08000001', name: ' ', parentCode: 'E05000870' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter the ward’s ONS code: E05 and six digits, like E05000870/)
    assert.match(bad.body, /Enter the name/)
    assert.match(bad.body, /Select the area it is part of from the list/, 'a ward cannot hold other areas')
    const local = await add(editor, { kind: 'locality', code: 'E08000005-EAST', name: 'East', parentCode: 'E08000004' })
    assert.match(local.body, /Enter the locality’s code as E08000004- followed by up to 10 letters or digits, like E08000004-WEST/)
    assert.match(
      (await add(editor, { kind: 'locality', code: 'E08000004-WEST', name: 'Again', parentCode: 'E08000004' })).body,
      /E08000004-WEST is already in the register of areas/,
    )
    assert.match(
      (await add(editor, { kind: 'ward', code: 'E05000999', name: 'Mine now?', parentCode: 'E08000004' })).body,
      /E05000999 is already in the register of areas/,
    )
    assert.match(
      (await add(editor, { kind: 'ward', code: 'E05000998', name: 'Under theirs', parentCode: 'E08000005' })).body,
      /Select the area it is part of from the list/,
    )
    assert.match(
      (await add(editor, { kind: '', code: '', name: 'x', parentCode: '' })).body,
      /Select whether it is a locality or a ward[\s\S]*Select the area it is part of/,
    )
    assert.equal(await count(), before)
  })

  test('the name and parent change with the fingerprint the form was opened at; the code never; no loops', async () => {
    const editor = await signedIn(editorEmail)
    assert.equal((await add(editor, { kind: 'locality', code: 'E08000004-INNER', name: 'Inner West', parentCode: 'E08000004-WEST' })).statusCode, 303)
    const form = (await editor.get('/localities/E08000004-WEST/edit')).body
    assert.doesNotMatch(form, /<option value="E08000004-INNER">/, 'a locality cannot be put inside one of its own')
    assert.doesNotMatch(form, /<option value="E08000004-WEST">/, 'nor inside itself')
    const looped = await editor.post(
      '/localities/E08000004-WEST/edit',
      { name: 'Oldham West', parentCode: 'E08000004-INNER', version: await versionOf(editor, 'E08000004-WEST') },
      { formPage: '/' },
    )
    assert.equal(looped.statusCode, 400)
    assert.match(looped.body, /Select the area it is part of from the list/)

    const opened = await versionOf(editor, 'E05000870')
    const moved = await editor.post(
      '/localities/E05000870/edit',
      { name: 'Coldhurst ward', parentCode: 'E08000004-INNER', version: opened, code: 'E05000871' },
      { formPage: '/' },
    )
    assert.equal(moved.statusCode, 303)
    const row = await t.database.db.selectFrom('areas').select(['code', 'name', 'parent_code', 'kind']).where('code', 'like', 'E0500087%').execute()
    assert.deepEqual(row, [{ code: 'E05000870', name: 'Coldhurst ward', parent_code: 'E08000004-INNER', kind: 'ward' }])
    const stale = await editor.post('/localities/E05000870/edit', { name: 'Coldhurst', parentCode: 'E08000004-WEST', version: opened }, { formPage: '/' })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /changed by someone else/)
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('entity_id', '=', 'E05000870')
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow()
    assert.deepEqual([(audit.before as { name: string }).name, (audit.after as { name: string }).name], ['Coldhurst', 'Coldhurst ward'])
  })

  test('another partnership cannot see or change them, and the database keeps them apart', async () => {
    const outsider = await signedIn(outsiderEmail)
    assert.equal((await outsider.get('/localities/E08000004-WEST/edit')).statusCode, 404)
    assert.equal(
      (await outsider.post('/localities/E08000004-WEST/edit', { name: 'Taken', parentCode: 'E08000005', version: '0000000000000000' }, { formPage: '/' }))
        .statusCode,
      404,
    )
    assert.doesNotMatch((await outsider.get('/localities')).body, /Oldham West/)
    assert.equal((await outsider.get('/localities/not%20a%20code/edit')).statusCode, 404)
    const seen = await inPartnership(t.database.db, otherPartnership, (trx) =>
      trx.selectFrom('areas').select('code').where('code', 'in', ['E08000004-WEST', 'E05000870']).execute(),
    )
    assert.deepEqual(seen, [])
    const changed = await inPartnership(t.database.db, otherPartnership, (trx) =>
      trx.updateTable('areas').set({ name: 'Hijacked' }).where('code', '=', 'E08000004-WEST').returning('code').execute(),
    )
    assert.deepEqual(changed, [])
    assert.equal(
      (await inPartnership(t.database.db, partnershipId, (trx) => trx.selectFrom('areas').select('code').where('code', '=', 'E08000004-WEST').execute()))
        .length,
      1,
    )
  })
})
