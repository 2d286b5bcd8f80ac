import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'csv-parse/sync'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let t: TestApp
let indicator: string
let england: string
let editorEmail: string
let leadEmail: string
let otherContributorEmail: string
let viewerEmail: string

before(async () => {
  t = await testApp()
  const db = t.database.db
  const partnership = await createPartnership(db, 'targets')
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
  england = (
    await db
      .insertInto('comparator_groups')
      .values({ partnership_id: partnership.id, name: 'England', kind: 'england' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db.insertInto('comparator_group_areas').values({ partnership_id: partnership.id, group_id: england, area_code: 'E92000001' }).execute()
  indicator = (
    await db
      .insertInto('indicators')
      .values({
        partnership_id: partnership.id,
        title: 'Smoking status at time of delivery',
        value_type: 'proportion',
        multiplier: 100,
        decimal_places: 1,
        polarity: 'low-is-good',
        frequency: 'annual',
        period_type: 'financial-year',
        comparison_method: 'ci-95',
        target_lead_id: person.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  // Oldham falling steadily from 14% to 9%; England level at 10%.
  const years = [2018, 2019, 2020, 2021, 2022]
  await db
    .insertInto('indicator_values')
    .values([
      ...years.map((y, i) => ({
        partnership_id: partnership.id,
        indicator_id: indicator,
        area_code: 'E08000004',
        period_starts_on: `${y}-04-01`,
        count: 420 - i * 40,
        denominator: 3000,
      })),
      ...years.map((y) => ({
        partnership_id: partnership.id,
        indicator_id: indicator,
        area_code: 'E92000001',
        period_starts_on: `${y}-04-01`,
        value: 10,
        lower_95: 9.9,
        upper_95: 10.1,
      })),
    ])
    .execute()
})

after(() => t.close())

const form = (overrides: Record<string, string> = {}) => ({ period: '2022/23', kind: 'value', value: '9.5', groupId: '', amberTolerance: '0.5', ...overrides })
const page = () => `/indicators/${indicator}/targets`

describe('targets', () => {
  test('the target lead sets a value target; everyone sees its RAG beside the comparison with England and the recent trend', async () => {
    const lead = new TestClient(t.app)
    await lead.signIn(leadEmail)
    const added = await lead.post(page(), form(), { formPage: page() })
    assert.equal(added.statusCode, 303)
    const viewer = new TestClient(t.app)
    await viewer.signIn(viewerEmail)
    const body = (await viewer.get(page())).body
    // 2022/23: 260 of 3000 = 8.7%, at most 9.5: green; England's 10% is above the interval: better; five falling years: getting better.
    assert.match(body, /2022\/23<\/td>\s*<td class="govuk-table__cell">At most 9\.5%, amber within 0\.5<\/td>\s*<td[^>]*>8\.7<\/td>/)
    assert.match(body, /govuk-tag--green">Green</)
    assert.match(body, /Better than England \(95%\)/)
    assert.match(body, /Decreasing and getting better/)
    assert.match(body, /How the RAG is worked out/)
    assert.doesNotMatch(body, /Set a target/, 'a viewer is not offered changes')
    const csv = await viewer.get(`/indicators/${indicator}/targets.csv`)
    const [row] = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[]
    assert.deepEqual(
      [row!.Period, row!.Target, Number(row!['Value for Oldham']).toFixed(3), row!.RAG, row!['Compared with England']],
      ['2022/23', 'At most 9.5%, amber within 0.5', '8.667', 'Green', 'Better than England (95%)'],
    )
    const audit = await t.database.db.selectFrom('audit_events').select('summary').where('entity_type', '=', 'target').executeTakeFirstOrThrow()
    assert.equal(audit.summary, 'Set the target of ‘Smoking status at time of delivery’ for 2022/23')
  })

  test('every mistake at once: a period of the wrong shape, no value for a value target, no group for a group target, a second target for a period', async () => {
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const count = async () => (await t.database.db.selectFrom('targets').select('id').execute()).length
    const before = await count()
    const bad = await editor.post(page(), form({ period: '2022', value: '', amberTolerance: '-1' }), { formPage: page() })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /The amber tolerance cannot be negative/)
    const missing = await editor.post(page(), form({ period: '2022', value: '' }), { formPage: page() })
    assert.match(missing.body, /Enter the period like 2018\/19/)
    assert.match(missing.body, /Enter the value to reach/)
    const noGroup = await editor.post(page(), form({ period: '2021/22', kind: 'better-than-group' }), { formPage: page() })
    assert.match(noGroup.body, /Select the comparator group the target is against/)
    const again = await editor.post(page(), form({ period: '2022-23' }), { formPage: page() })
    assert.match(again.body, /There is already a target for 2022\/23: change that one instead/)
    assert.equal(await count(), before)
  })

  test('a target against England names its figure; level with it is amber, and the comparison says similar', async () => {
    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const added = await editor.post(page(), form({ period: '2021/22', kind: 'better-than-group', groupId: england, value: '' }), { formPage: page() })
    assert.equal(added.statusCode, 303)
    const body = (await editor.get(page())).body
    // 2021/22: 300 of 3000 = 10.0%, level with England's 10.0.
    assert.match(
      body,
      /Better than England \(10\.0\), amber within 0\.5<\/td>\s*<td[^>]*>10\.0<\/td>[\s\S]*?govuk-tag--orange">Amber<[\s\S]*?Similar to England/,
    )
    const stored = await t.database.db.selectFrom('targets').select(['value', 'group_id']).where('group_id', '=', england).executeTakeFirstOrThrow()
    assert.equal(stored.value, null, 'the value typed for another kind is not kept')
  })

  test('another contributor and a viewer are refused; a change is audited before and after, a stale one refused, and removal audited', async () => {
    const db = t.database.db
    const target = await db.selectFrom('targets').select(['id', 'version']).where('kind', '=', 'value').executeTakeFirstOrThrow()
    const other = new TestClient(t.app)
    await other.signIn(otherContributorEmail)
    assert.equal((await other.get(`/targets/${target.id}/edit`)).statusCode, 403)
    assert.equal((await other.post(page(), form({ period: '2020/21' }), { formPage: page() })).statusCode, 403)
    const viewer = new TestClient(t.app)
    await viewer.signIn(viewerEmail)
    assert.equal((await viewer.post(`/targets/${target.id}/remove`, { version: String(target.version) }, { formPage: page() })).statusCode, 403)

    const editor = new TestClient(t.app)
    await editor.signIn(editorEmail)
    const edit = `/targets/${target.id}/edit`
    const changed = await editor.post(edit, form({ value: '8.0', version: String(target.version) }), { formPage: edit })
    assert.equal(changed.statusCode, 303)
    const audit = await db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('entity_id', '=', target.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow()
    assert.equal(Number((audit.before as { value: string }).value), 9.5)
    assert.equal(Number((audit.after as { value: string }).value), 8)
    assert.match((await editor.get(page())).body, /govuk-tag--red">Red</, '8.7% misses 8.0 by more than 0.5')
    const stale = await editor.post(edit, form({ value: '7.0', version: String(target.version) }), { formPage: edit })
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /The latest saved version/)
    const removed = await editor.post(`/targets/${target.id}/remove`, { version: String(target.version + 1) }, { formPage: edit })
    assert.equal(removed.statusCode, 303)
    assert.equal(await db.selectFrom('targets').select('id').where('id', '=', target.id).executeTakeFirst(), undefined)
    assert.ok(await db.selectFrom('audit_events').select('id').where('entity_id', '=', target.id).where('action', '=', 'delete').executeTakeFirst())
  })
})
