import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let t: TestApp
let indicator: string
let editorEmail: string
let leadEmail: string
let otherContributorEmail: string
let viewerEmail: string

before(async () => {
  t = await testApp()
  const db = t.database.db
  const partnership = await createPartnership(db, 'values')
  await db.updateTable('partnerships').set({ area_code: 'E08000004' }).where('id', '=', partnership.id).execute()
  editorEmail = (await createMember(db, partnership.id, 'editor')).user.email
  viewerEmail = (await createMember(db, partnership.id, 'viewer')).user.email
  const lead = await createMember(db, partnership.id, 'contributor', 'lead@example.org')
  leadEmail = lead.user.email
  otherContributorEmail = (await createMember(db, partnership.id, 'contributor', 'other@example.org')).user.email
  const person = await db
    .insertInto('people')
    .values({ partnership_id: partnership.id, role_title: 'Director of Public Health', user_id: lead.user.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  const england = await db
    .insertInto('comparator_groups')
    .values({ partnership_id: partnership.id, name: 'England', kind: 'england' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('comparator_group_areas').values({ partnership_id: partnership.id, group_id: england.id, area_code: 'E92000001' }).execute()
  indicator = (
    await db
      .insertInto('indicators')
      .values({
        partnership_id: partnership.id,
        title: 'Year 6: prevalence of obesity (including severe obesity)',
        value_type: 'proportion',
        multiplier: 100,
        decimal_places: 1,
        polarity: 'low-is-good',
        frequency: 'annual',
        period_type: 'academic-year',
        comparison_method: 'ci-95',
        target_lead_id: person.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
})

after(() => t.close())

const figures = (overrides: Record<string, string> = {}) => ({
  areaCode: 'E08000004',
  period: '2018/19',
  sex: 'persons',
  count: '65',
  denominator: '100',
  value: '',
  note: '',
  ...overrides,
})

describe('indicator values', () => {
  test('the target lead adds a value from its count and denominator, and everyone sees its Wilson limits marked as calculated', async () => {
    const lead = new TestClient(t.app)
    await lead.signIn(leadEmail)
    const added = await lead.post(`/indicators/${indicator}/values`, figures(), { formPage: `/indicators/${indicator}/values/new` })
    assert.equal(added.statusCode, 303)
    const viewer = new TestClient(t.app)
    await viewer.signIn(viewerEmail)
    const page = (await viewer.get(`/indicators/${indicator}/values`)).body
    assert.match(page, /2018\/19<\/td>\s*<td class="govuk-table__cell">Oldham<\/td>\s*<td class="govuk-table__cell">Persons<\/td>/)
    assert.match(page, /65\.0 <span class="govuk-body-s">\(calculated\)<\/span>/)
    assert.match(page, /55\.3 to 73\.6 <span class="govuk-body-s">\(calculated\)<\/span>/)
    assert.match(page, /49\.5 to 77\.8/)
    assert.doesNotMatch(page, /Add a value/, 'a viewer is not offered changes')
    const audit = await t.database.db.selectFrom('audit_events').select('summary').where('entity_type', '=', 'indicator-value').executeTakeFirstOrThrow()
    assert.match(audit.summary, /Added the value of ‘Year 6: prevalence of obesity \(including severe obesity\)’ for Oldham, 2018\/19 \(Persons\)/)
  })

  test('a period of the wrong shape, an area outside the partnership’s, impossible figures and a second value for the same key are refused together', async () => {
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const before = (await t.database.db.selectFrom('indicator_values').select('id').execute()).length
    const bad = await editor.post(`/indicators/${indicator}/values`, figures({ areaCode: 'E08000001', period: '2018', count: '120' }), {
      formPage: `/indicators/${indicator}/values/new`,
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Select the area from the list/)
    assert.match(bad.body, /Enter the period like 2018\/19/)
    assert.match(bad.body, /The count cannot be more than the denominator/)
    const again = await editor.post(`/indicators/${indicator}/values`, figures({ period: '2018-19' }), { formPage: `/indicators/${indicator}/values/new` })
    assert.match(again.body, /There is already a value for this area, period and breakdown \(2018\/19, Persons\)/)
    const limits = await editor.post(`/indicators/${indicator}/values`, figures({ period: '2019/20', value: '40', lower95: '10', upper95: '30' }), {
      formPage: `/indicators/${indicator}/values/new`,
    })
    assert.match(limits.body, /within its 95% limits/)
    assert.equal((await t.database.db.selectFrom('indicator_values').select('id').execute()).length, before)
  })

  test('another contributor and a viewer are refused; a correction is audited with the figures before and after, and a stale one refused', async () => {
    const db = t.database.db
    const other = new TestClient(t.app)
    await other.signIn(otherContributorEmail)
    assert.equal((await other.get(`/indicators/${indicator}/values/new`)).statusCode, 403)
    const viewer = new TestClient(t.app)
    await viewer.signIn(viewerEmail)
    assert.equal(
      (await viewer.post(`/indicators/${indicator}/values`, figures({ period: '2020/21' }), { formPage: `/indicators/${indicator}/values` })).statusCode,
      403,
    )

    const value = await db.selectFrom('indicator_values').select(['id', 'version']).where('indicator_id', '=', indicator).executeTakeFirstOrThrow()
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const corrected = await editor.post(`/indicator-values/${value.id}/edit`, figures({ count: '66', version: String(value.version) }), {
      formPage: `/indicator-values/${value.id}/edit`,
    })
    assert.equal(corrected.statusCode, 303)
    const audit = await db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('entity_id', '=', value.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow()
    assert.equal(Number((audit.before as { count: string }).count), 65)
    assert.equal(Number((audit.after as { count: string }).count), 66)
    const stale = await editor.post(`/indicator-values/${value.id}/edit`, figures({ count: '67', version: String(value.version) }), {
      formPage: `/indicator-values/${value.id}/edit`,
    })
    assert.equal(stale.statusCode, 409)
    const removed = await editor.post(
      `/indicator-values/${value.id}/remove`,
      { version: String(value.version + 1) },
      { formPage: `/indicator-values/${value.id}/edit` },
    )
    assert.equal(removed.statusCode, 303)
    assert.equal(await db.selectFrom('indicator_values').select('id').where('id', '=', value.id).executeTakeFirst(), undefined)
    assert.ok(await db.selectFrom('audit_events').select('id').where('entity_id', '=', value.id).where('action', '=', 'delete').executeTakeFirst())
  })
})
