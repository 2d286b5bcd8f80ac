import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { inPartnership } from '../../src/platform/db/tenancy.ts'
import { planService } from '../../src/strategy/plans/service.ts'
import { aimForm, planForm } from '../../src/strategy/plans/schema.ts'
import { objectiveService } from '../../src/strategy/objectives/service.ts'
import { objectiveForm, progressUpdateForm } from '../../src/strategy/objectives/schema.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

let t: TestApp
let partnershipId: string
let indicator: string
let editorEmail: string
let leadEmail: string
let otherContributorEmail: string
let viewerEmail: string
let outsiderEmail: string
let admin: Actor
const objectives: Record<string, string> = {}

const signedIn = async (email: string) => {
  const client = new TestClient(t.app)
  await client.signIn(email)
  return client
}

before(async () => {
  t = await testApp()
  const db = t.database.db
  partnershipId = (await createPartnership(db, 'cards')).id
  admin = (await createMember(db, partnershipId, 'admin')).actor
  editorEmail = (await createMember(db, partnershipId, 'editor')).user.email
  viewerEmail = (await createMember(db, partnershipId, 'viewer')).user.email
  const lead = await createMember(db, partnershipId, 'contributor', 'lead@example.org')
  leadEmail = lead.user.email
  otherContributorEmail = (await createMember(db, partnershipId, 'contributor', 'other@example.org')).user.email
  const person = await db
    .insertInto('people')
    .values({ partnership_id: partnershipId, role_title: 'Director of Public Health', user_id: lead.user.id })
    .returning('id')
    .executeTakeFirstOrThrow()
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
        target_lead_id: person.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const plans = planService(db)
  const plan = await plans.create(admin, planForm.parse({ title: 'Healthy weight plan', summary: '', strategyId: '', leadBodyId: '' }))
  const aim = await plans.addAim(admin, plan.id, aimForm.parse({ number: '1', title: 'Children move more and eat well' }))
  const service = objectiveService(db)
  for (const [key, title] of [
    ['daily-mile', 'Every primary school runs the Daily Mile'],
    ['fast-food', 'Limit new hot food takeaways near schools'],
    ['dropped', 'A dropped idea'],
  ] as const) {
    objectives[key] = (
      await service.create(admin, aim.id, objectiveForm.parse({ title, timescale: 'Q2 2019', ownerId: '', leadBodyId: '', expectedOutcome: '' }))
    ).id
  }
  await service.addUpdate(
    admin,
    objectives['daily-mile']!,
    progressUpdateForm.parse({ reportedOn: '2019-06-30', status: 'on-track', rag: 'green', commentary: '' }),
    '2026-01-01',
  )
  const archived = await service.get(admin, objectives.dropped!)
  await service.archive(admin, archived.id, archived.version)

  const other = (await createPartnership(db, 'elsewhere')).id
  outsiderEmail = (await createMember(db, other, 'admin')).user.email
})

after(() => t.close())

describe('report cards', () => {
  test('the target lead writes the card; everyone reads it; a second save from the same starting point is refused, not lost', async () => {
    const lead = await signedIn(leadEmail)
    const written = await lead.post(
      `/indicators/${indicator}/report-card/edit`,
      { version: '0', story: 'Obesity rises with deprivation.', partners: 'Schools; school nursing', whatWorks: 'Whole-school approaches' },
      { formPage: `/indicators/${indicator}/report-card/edit` },
    )
    assert.equal(written.statusCode, 303)
    const viewer = await signedIn(viewerEmail)
    const page = await viewer.get(`/indicators/${indicator}/report-card`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Obesity rises with deprivation\./)
    assert.match(page.body, /Schools; school nursing/)
    assert.match(page.body, /Whole-school approaches/)
    assert.doesNotMatch(page.body, /Change the report card|Add commentary/, 'a viewer is offered no changes')
    assert.equal((await viewer.get(`/indicators/${indicator}/report-card/edit`)).statusCode, 403)

    const editor = await signedIn(editorEmail)
    const stale = await editor.post(
      `/indicators/${indicator}/report-card/edit`,
      { version: '0', story: 'Overwritten?', partners: '', whatWorks: '' },
      { formPage: '/' },
    )
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /changed by someone else/)
    assert.match(stale.body, /Obesity rises with deprivation\./, 'the latest saved card is shown')
    const changed = await editor.post(
      `/indicators/${indicator}/report-card/edit`,
      { version: '1', story: 'Obesity rises with deprivation, and fell in 2019/20.', partners: 'Schools', whatWorks: 'Whole-school approaches' },
      { formPage: '/' },
    )
    assert.equal(changed.statusCode, 303)
    const audits = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'summary', 'before', 'after'])
      .where('entity_type', '=', 'report-card')
      .where('entity_id', '=', indicator)
      .orderBy('id')
      .execute()
    assert.deepEqual(
      audits.map((a) => a.action),
      ['create', 'update'],
    )
    assert.equal((audits[1]!.before as { story: string }).story, 'Obesity rises with deprivation.')
    assert.equal((audits[1]!.after as { story: string }).story, 'Obesity rises with deprivation, and fell in 2019/20.')
    const tooLong = await editor.post(
      `/indicators/${indicator}/report-card/edit`,
      { version: '2', story: 'x'.repeat(8001), partners: 'y'.repeat(4001), whatWorks: '' },
      { formPage: '/' },
    )
    assert.equal(tooLong.statusCode, 400)
    assert.match(tooLong.body, /The story behind the curve must be 8,000 characters or fewer/)
    assert.match(tooLong.body, /Partners with a role must be 4,000 characters or fewer/)
  })

  test('another contributor and another partnership are refused; the other partnership cannot even see the card', async () => {
    const other = await signedIn(otherContributorEmail)
    assert.equal((await other.get(`/indicators/${indicator}/report-card/edit`)).statusCode, 403)
    assert.equal(
      (
        await other.post(
          `/indicators/${indicator}/commentary`,
          { text: 'Not mine to say', 'writtenOn-day': '1', 'writtenOn-month': '1', 'writtenOn-year': '2020' },
          { formPage: '/' },
        )
      ).statusCode,
      403,
    )
    const outsider = await signedIn(outsiderEmail)
    assert.equal((await outsider.get(`/indicators/${indicator}/report-card`)).statusCode, 404)
    assert.equal(
      (await outsider.post(`/indicators/${indicator}/report-card/edit`, { version: '2', story: 'x', partners: '', whatWorks: '' }, { formPage: '/' }))
        .statusCode,
      404,
    )
  })

  test('linking delivery-plan objectives shows where each stands; archived and unknown ones cannot be linked; unlinking is audited', async () => {
    const lead = await signedIn(leadEmail)
    const editPage = (await lead.get(`/indicators/${indicator}/report-card/edit`)).body
    assert.match(editPage, /Healthy weight plan/)
    assert.match(editPage, /Aim 1: Every primary school runs the Daily Mile/)
    assert.doesNotMatch(editPage, /A dropped idea/, 'archived objectives are not offered')

    const none = await lead.post(`/indicators/${indicator}/report-card/objectives`, {}, { formPage: '/' })
    assert.equal(none.statusCode, 400)
    assert.match(none.body, /Select at least one objective to link/)
    const archived = await lead.post(`/indicators/${indicator}/report-card/objectives`, { objectiveIds: [objectives.dropped!] }, { formPage: '/' })
    assert.match(archived.body, /Select objectives from the list/)

    const linked = await lead.post(
      `/indicators/${indicator}/report-card/objectives`,
      { objectiveIds: [objectives['daily-mile']!, objectives['fast-food']!] },
      { formPage: '/' },
    )
    assert.equal(linked.statusCode, 303)
    const card = (await (await signedIn(viewerEmail)).get(`/indicators/${indicator}/report-card`)).body
    assert.match(
      card,
      /Every primary school runs the Daily Mile<\/a><\/td>\s*<td class="govuk-table__cell"><a class="govuk-link" href="\/plans\/[^"]+">Healthy weight plan<\/a>, aim 1/,
    )
    assert.match(card, /On track<\/strong> <strong class="govuk-tag govuk-tag--green">Green/)
    assert.match(card, /30 June 2019/)
    assert.match(card, /Limit new hot food takeaways near schools[\s\S]*Not started/)

    const unlinked = await lead.post(`/indicators/${indicator}/report-card/objectives/${objectives['fast-food']}/remove`, {}, { formPage: '/' })
    assert.equal(unlinked.statusCode, 303)
    const actions = (await lead.get(`/indicators/${indicator}/report-card`)).body.split('id="actions"')[1]!.split('id="commentary"')[0]!
    assert.match(actions, /Every primary school runs the Daily Mile/)
    assert.doesNotMatch(actions, /Limit new hot food takeaways/)
    const again = await lead.post(`/indicators/${indicator}/report-card/objectives/${objectives['fast-food']}/remove`, {}, { formPage: '/' })
    assert.equal(again.statusCode, 404)
    const summaries = (await t.database.db.selectFrom('audit_events').select('summary').where('entity_type', '=', 'report-card').orderBy('id').execute()).map(
      (a) => a.summary,
    )
    assert.ok(
      summaries.includes(
        'Linked objective ‘Limit new hot food takeaways near schools’ of plan ‘Healthy weight plan’ to the report card of ‘Year 6: prevalence of obesity’',
      ),
    )
    assert.ok(
      summaries.includes(
        'Took objective ‘Limit new hot food takeaways near schools’ of plan ‘Healthy weight plan’ off the report card of ‘Year 6: prevalence of obesity’',
      ),
    )
  })

  test('commentary: dated, newest first with its author, never in the future, audited, and kept apart from other partnerships by the database', async () => {
    const lead = await signedIn(leadEmail)
    const form = (await lead.get(`/indicators/${indicator}/report-card`)).body
    assert.match(form, /name="writtenOn-year"[^>]*value="\d{4}"/, 'the date written defaults to today')
    const bad = await lead.post(
      `/indicators/${indicator}/commentary`,
      { text: '  ', 'writtenOn-day': '1', 'writtenOn-month': '1', 'writtenOn-year': '2999' },
      { formPage: '/' },
    )
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter the commentary/)
    const future = await lead.post(
      `/indicators/${indicator}/commentary`,
      { text: 'From the future', 'writtenOn-day': '1', 'writtenOn-month': '1', 'writtenOn-year': '2199' },
      { formPage: '/' },
    )
    assert.match(future.body, /The date written must be today or in the past/)
    const impossible = await lead.post(
      `/indicators/${indicator}/commentary`,
      { text: 'Oops', 'writtenOn-day': '31', 'writtenOn-month': '2', 'writtenOn-year': '2020' },
      { formPage: '/' },
    )
    assert.match(impossible.body, /The date written must be a real date/)

    for (const [day, text] of [
      ['30', 'The 2018/19 figure is worse than England.'],
      ['31', 'Correction to 30 March: worse than England and the North West.'],
    ] as const) {
      const added = await lead.post(
        `/indicators/${indicator}/commentary`,
        { text, 'writtenOn-day': day, 'writtenOn-month': '3', 'writtenOn-year': '2020' },
        { formPage: '/' },
      )
      assert.equal(added.statusCode, 303)
    }
    const editor = await signedIn(editorEmail)
    assert.equal(
      (
        await editor.post(
          `/indicators/${indicator}/commentary`,
          { text: 'Earlier note', 'writtenOn-day': '1', 'writtenOn-month': '1', 'writtenOn-year': '2020' },
          { formPage: '/' },
        )
      ).statusCode,
      303,
    )
    const page = (await (await signedIn(viewerEmail)).get(`/indicators/${indicator}/report-card`)).body
    assert.match(
      page,
      /31 March 2020[\s\S]*By Test contributor[\s\S]*Correction to 30 March[\s\S]*30 March 2020[\s\S]*The 2018\/19 figure[\s\S]*1 January 2020[\s\S]*By Test editor[\s\S]*Earlier note/,
    )
    assert.equal((await t.database.db.selectFrom('audit_events').select('id').where('entity_type', '=', 'indicator-commentary').execute()).length, 3)

    const db = t.database.db
    const other = (await db.selectFrom('partnerships').select('id').where('slug', '=', 'elsewhere').executeTakeFirstOrThrow()).id
    const seen = await inPartnership(db, other, async (trx) => ({
      cards: await trx.selectFrom('report_cards').select('indicator_id').execute(),
      commentary: await trx.selectFrom('indicator_commentary').select('id').execute(),
      links: await trx.selectFrom('report_card_objectives').select('objective_id').execute(),
    }))
    assert.deepEqual(seen, { cards: [], commentary: [], links: [] })
    const own = await inPartnership(db, partnershipId, (trx) => trx.selectFrom('indicator_commentary').select('id').execute())
    assert.equal(own.length, 3, 'the same query in the partnership sees its rows, so the empty result above is the wall, not an empty table')
  })

  test('an archived indicator’s card is kept as it was: its page says so and every change is refused with the reason', async () => {
    const db = t.database.db
    const archived = (
      await db
        .insertInto('indicators')
        .values({
          partnership_id: partnershipId,
          title: 'A measure no longer used',
          value_type: 'count',
          polarity: 'no-judgement',
          frequency: 'annual',
          period_type: 'calendar-year',
          comparison_method: 'none',
          archived_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const editor = await signedIn(editorEmail)
    const edit = await editor.get(`/indicators/${archived}/report-card/edit`)
    assert.equal(edit.statusCode, 200)
    assert.match(edit.body, /so its report card is kept as it was: restore the indicator to change it/)
    const before = (await db.selectFrom('audit_events').select('id').execute()).length
    const saved = await editor.post(
      `/indicators/${archived}/report-card/edit`,
      { version: '0', story: 'Too late', partners: '', whatWorks: '' },
      { formPage: '/' },
    )
    assert.equal(saved.statusCode, 409)
    assert.match(saved.body, /has been archived, so its report card is kept as it was/)
    const commentary = await editor.post(
      `/indicators/${archived}/commentary`,
      { text: 'Too late', 'writtenOn-day': '1', 'writtenOn-month': '1', 'writtenOn-year': '2020' },
      { formPage: '/' },
    )
    assert.equal(commentary.statusCode, 409)
    const linked = await editor.post(`/indicators/${archived}/report-card/objectives`, { objectiveIds: [objectives['daily-mile']!] }, { formPage: '/' })
    assert.equal(linked.statusCode, 409)
    assert.equal((await db.selectFrom('audit_events').select('id').execute()).length, before)
    assert.doesNotMatch((await editor.get(`/indicators/${archived}/report-card`)).body, /Add commentary/)
  })
})
