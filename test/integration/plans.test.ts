import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../../src/platform/db/database.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { ConflictError, ForbiddenError, ValidationError } from '../../src/platform/errors.ts'
import { addDays, londonToday } from '../../src/platform/dates/index.ts'
import { objectiveService } from '../../src/strategy/objectives/service.ts'
import { objectiveForm, progressUpdateForm } from '../../src/strategy/objectives/schema.ts'
import { planService } from '../../src/strategy/plans/service.ts'
import { aimForm, planForm } from '../../src/strategy/plans/schema.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

/** The messages in the error summary, in order. */
function summaryErrors(html: string): string[] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...summary.matchAll(/<a href="#[^"]+">([^<]+)<\/a>/g)].map((m) => m[1] as string)
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
/** A date as a plan writes it: '2 June 2008'. */
const words = (iso: string) => `${Number(iso.slice(8))} ${months[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`

describe('strategies, plans and objectives', () => {
  let t: TestApp
  let db: Db
  let partnershipId: string
  let admin: Actor
  let contributorActor: Actor
  let editor: TestClient
  let viewer: TestClient
  let owner: TestClient
  let otherContributor: TestClient
  let spb: string
  let hwb: string
  let ownerPerson: string
  let outcomes: { safe: string; healthy: string; dropped: string }

  before(async () => {
    t = await testApp()
    db = t.database.db
    partnershipId = (await createPartnership(db, 'oldham', 'Oldham')).id
    admin = (await createMember(db, partnershipId, 'admin')).actor
    const e = await createMember(db, partnershipId, 'editor')
    const v = await createMember(db, partnershipId, 'viewer')
    const c = await createMember(db, partnershipId, 'contributor')
    const c2 = await createMember(db, partnershipId, 'contributor', 'other-contributor@example.org')
    contributorActor = c.actor
    editor = new TestClient(t.app)
    await editor.signIn(e.user.email)
    viewer = new TestClient(t.app)
    await viewer.signIn(v.user.email)
    owner = new TestClient(t.app)
    await owner.signIn(c.user.email)
    otherContributor = new TestClient(t.app)
    await otherContributor.signIn(c2.user.email)
    const body = (name: string) =>
      db.insertInto('bodies').values({ partnership_id: partnershipId, name, kind: 'strategic-partnership-board' }).returning('id').executeTakeFirstOrThrow()
    spb = (await body('Children and Young People’s Strategic Partnership Board')).id
    hwb = (await body('Health and Wellbeing Board')).id
    ownerPerson = (
      await db
        .insertInto('people')
        .values({ partnership_id: partnershipId, role_title: 'Assistant Director Safeguarding and Partnerships', user_id: c.user.id })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await db.insertInto('people').values({ partnership_id: partnershipId, role_title: 'Someone else', user_id: c2.user.id }).execute()
    // Two framework versions: the newer (in force) drops an outcome the older had.
    const outcome = async () => (await db.insertInto('outcomes').values({ partnership_id: partnershipId }).returning('id').executeTakeFirstOrThrow()).id
    outcomes = { safe: await outcome(), healthy: await outcome(), dropped: await outcome() }
    const version = async (number: number, stage: 'draft' | 'superseded', adoptedOn: string | null) =>
      (
        await db
          .insertInto('framework_versions')
          .values({
            partnership_id: partnershipId,
            number,
            title: `Framework ${number}`,
            ambition: 'A place where children and young people thrive',
            stage,
            adopted_on: adoptedOn,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const first = await version(1, 'superseded', '2019-01-29')
    const second = await version(2, 'draft', null)
    await db
      .insertInto('framework_outcomes')
      .values([
        { partnership_id: partnershipId, framework_id: first, outcome_id: outcomes.dropped, position: 1, title: 'Have things to do' },
        { partnership_id: partnershipId, framework_id: second, outcome_id: outcomes.safe, position: 1, title: 'Are safe and feel safe' },
        { partnership_id: partnershipId, framework_id: second, outcome_id: outcomes.healthy, position: 2, title: 'Are as healthy as they can be' },
      ])
      .execute()
  })

  after(() => t.close())

  test('a strategy is added through its form, shown with its period, changed, archived and restored, each audited', async () => {
    const bad = await editor.post(
      '/strategies',
      {
        title: '',
        'startsOn-day': '1',
        'startsOn-month': '4',
        'startsOn-year': '2022',
        'endsOn-day': '31',
        'endsOn-month': '3',
        'endsOn-year': '2019',
        ownerBodyId: '',
      },
      { formPage: '/strategies/new' },
    )
    assert.equal(bad.statusCode, 400)
    assert.deepEqual(summaryErrors(bad.body), ['Enter the strategy’s title', 'Select the body that owns the strategy', 'Select the strategy’s status'])
    assert.match(bad.body, /value="2022"/, 'what was typed is kept')
    const reversed = await editor.post('/strategies', {
      title: 'Reversed',
      'startsOn-day': '1',
      'startsOn-month': '4',
      'startsOn-year': '2022',
      'endsOn-day': '31',
      'endsOn-month': '3',
      'endsOn-year': '2019',
      ownerBodyId: spb,
      status: 'draft',
    })
    assert.deepEqual(summaryErrors(reversed.body), ['The end date must be the same as or after the start date'])

    const fields = {
      title: 'Oldham Children and Young People Strategy 2019–2022',
      summary: '',
      'startsOn-day': '1',
      'startsOn-month': '4',
      'startsOn-year': '2019',
      'endsOn-day': '31',
      'endsOn-month': '3',
      'endsOn-year': '2022',
      ownerBodyId: spb,
      status: 'active',
    }
    const created = await editor.post('/strategies', fields, { formPage: '/strategies/new' })
    assert.equal(created.statusCode, 303)
    const id = String(created.headers.location).split('/').pop()!
    const list = await viewer.get('/strategies')
    assert.match(list.body, /2019–2022/)
    assert.match(list.body, /Active/)
    assert.equal((await viewer.get(`/strategies/${id}/edit`)).statusCode, 403)
    assert.equal((await viewer.post('/strategies', fields)).statusCode, 403)

    const stale = await editor.post(`/strategies/${id}/edit`, { ...fields, status: 'ended', version: '1' })
    assert.equal(stale.statusCode, 303)
    const conflict = await editor.post(`/strategies/${id}/edit`, { ...fields, title: 'Lost', version: '1' })
    assert.equal(conflict.statusCode, 409)
    assert.match(conflict.body, /The latest saved version/)
    assert.match(conflict.body, /value="Lost"/, 'the form keeps the change that was refused')

    assert.equal((await editor.post(`/strategies/${id}/archive`, { version: '2' })).statusCode, 303)
    assert.match((await viewer.get('/strategies')).body, /Archived strategies/)
    assert.equal((await editor.post(`/strategies/${id}/archive`, { version: '3' })).statusCode, 409, 'archiving twice is refused')
    assert.equal((await editor.post(`/strategies/${id}/restore`, { version: '3' })).statusCode, 303)
    const audit = await db.selectFrom('audit_events').select('action').where('entity_id', '=', id).orderBy('at').execute()
    assert.deepEqual(
      audit.map((a) => a.action),
      ['create', 'update', 'archive', 'restore'],
    )
  })

  test('a plan’s aims are numbered uniquely and shown in number order; objectives take the seed’s timescale wordings', async () => {
    const strategy = (await db.selectFrom('strategies').select('id').executeTakeFirstOrThrow()).id
    const created = await editor.post(
      '/plans',
      { title: 'Strategy action plan', summary: '', strategyId: strategy, leadBodyId: spb },
      { formPage: '/plans/new' },
    )
    assert.equal(created.statusCode, 303)
    const planId = String(created.headers.location).split('/').pop()!
    assert.equal((await editor.post(`/plans/${planId}/aims`, { number: '2', title: 'Hold partners to account', expectedOutcome: '' })).statusCode, 303)
    assert.equal(
      (await editor.post(`/plans/${planId}/aims`, { number: '1', title: 'Co-produce the framework', expectedOutcome: 'A jointly owned framework' })).statusCode,
      303,
    )
    const duplicate = await editor.post(`/plans/${planId}/aims`, { number: '1', title: 'Again', expectedOutcome: '' })
    assert.equal(duplicate.statusCode, 400)
    assert.deepEqual(summaryErrors(duplicate.body), ['Aim 1 already exists in this plan: choose another number'])
    assert.deepEqual(summaryErrors((await editor.post(`/plans/${planId}/aims`, { number: 'two', title: '' })).body), [
      'The aim’s number must be a whole number, like 1 or 2',
      'Enter the aim',
    ])

    const aims = await db.selectFrom('plan_aims').select(['id', 'number']).where('plan_id', '=', planId).orderBy('number').execute()
    const aim1 = aims[0]!.id
    const badTimescale = await editor.post(`/aims/${aim1}/objectives`, { title: 'Run the workshops', timescale: 'soonish', ownerId: '', leadBodyId: '' })
    assert.equal(badTimescale.statusCode, 400)
    assert.equal(summaryErrors(badTimescale.body).length, 1)
    assert.match(summaryErrors(badTimescale.body)[0]!, /Enter the timescale as/)
    assert.match(badTimescale.body, /value="soonish"/)

    for (const [title, timescale] of [
      ['Workshop 1 with senior leaders', '7 February 2019'],
      ['Workshop 2 with systems leaders', 'Q2 2019'],
      ['Regular updates to the Health and Wellbeing Board', 'quarterly'],
      ['Partnership KPIs', 'Nov 2019'],
      ['Inform the JSNA work plan', 'in line with the planning cycle'],
      ['Review the action plan', 'April 2019 to March 2022'],
      ['Report on progress', 'Jan 2020 then annually'],
    ] as const) {
      const response = await editor.post(`/aims/${aim1}/objectives`, {
        title,
        timescale,
        ownerId: ownerPerson,
        leadBodyId: spb,
        expectedOutcome: '',
        outcomeIds: [outcomes.safe],
      })
      assert.equal(response.statusCode, 303, `${timescale}: ${summaryErrors(response.body).join()}`)
    }
    const page = await viewer.get(`/plans/${planId}`)
    assert.equal(page.statusCode, 200)
    assert.ok(page.body.indexOf('Aim 1: Co-produce the framework') < page.body.indexOf('Aim 2: Hold partners to account'), 'aims in number order')
    for (const shown of [
      '7 February 2019',
      'Q2 2019',
      'Quarterly',
      'November 2019',
      'In line with the planning cycle',
      'April 2019 to March 2022',
      'January 2020, then annually',
    ])
      assert.ok(page.body.includes(shown), shown)
    assert.match(page.body, /href="\/outcomes\/[0-9a-f-]+">Are safe and feel safe/)
    assert.match(page.body, /href="\/plans\/[0-9a-f-]+\/export.xlsx">Download as Excel/)
    assert.match(page.body, /href="\/plans\/[0-9a-f-]+\/export.csv">Download as CSV/)
    assert.match(page.body, /Needs attention/, 'dated objectives long past with no update are overdue')
    assert.match(page.body, /0 of 7 complete, 5 overdue/)
    assert.match((await editor.get('/plans')).body, /href="\/plans\/import">Import a plan from a spreadsheet/)
    assert.doesNotMatch((await viewer.get('/plans')).body, /Import a plan from a spreadsheet/, 'only for those who may import')
  })

  test('an objective’s status and RAG are its latest update; the owner records progress, others cannot', async () => {
    const objective = await db.selectFrom('plan_objectives').selectAll().where('title', '=', 'Workshop 2 with systems leaders').executeTakeFirstOrThrow()
    const update = (status: string, rag: string, day: string) => ({
      'reportedOn-day': day,
      'reportedOn-month': '6',
      'reportedOn-year': '2019',
      status,
      rag,
      commentary: `Reported ${day} June`,
    })
    assert.equal((await viewer.post(`/objectives/${objective.id}/updates`, update('complete', 'green', '30'))).statusCode, 403)
    assert.equal((await otherContributor.post(`/objectives/${objective.id}/updates`, update('complete', 'green', '30'))).statusCode, 403)
    assert.equal(
      (await owner.post(`/objectives/${objective.id}/edit`, { title: 'x', timescale: 'ongoing', version: String(objective.version) })).statusCode,
      403,
      'an owner records progress and nothing else',
    )
    const empty = await owner.post(`/objectives/${objective.id}/updates`, { 'reportedOn-day': '31', 'reportedOn-month': '2', 'reportedOn-year': '2019' })
    assert.equal(empty.statusCode, 400)
    assert.deepEqual(summaryErrors(empty.body), ['The date reported on must be a real date', 'Select where the objective stands'])
    const future = addDays(londonToday(), 2).split('-')
    const ahead = await owner.post(`/objectives/${objective.id}/updates`, {
      'reportedOn-day': future[2]!,
      'reportedOn-month': future[1]!,
      'reportedOn-year': future[0]!,
      status: 'on-track',
      rag: 'none',
    })
    assert.deepEqual(summaryErrors(ahead.body), ['The date reported on must be today or in the past'])

    assert.equal((await owner.post(`/objectives/${objective.id}/updates`, update('complete', 'green', '30'))).statusCode, 303)
    assert.equal((await owner.post(`/objectives/${objective.id}/updates`, update('at-risk', 'amber', '1'))).statusCode, 303, 'an earlier report recorded later')
    const page = await viewer.get(`/objectives/${objective.id}`)
    assert.ok(page.body.indexOf('Reported 30 June') < page.body.indexOf('Reported 1 June'), 'newest first')
    const status = /Status\s*<\/dt>\s*<dd class="govuk-summary-list__value">([\s\S]*?)<\/dd>/.exec(page.body)?.[1] ?? ''
    assert.match(status, /Complete/, 'the latest by date reported on, not by when it was typed')
    assert.match(page.body, /Test contributor/, 'who reported it')
    const audit = await db.selectFrom('audit_events').select('summary').where('entity_type', '=', 'objective-update').execute()
    assert.equal(audit.length, 2)
  })

  test('what slips or is overdue shows on the plan, on the owner’s my work and for its lead body, and finishing it clears it', async () => {
    const objectives = objectiveService(db)
    const plans = planService(db)
    const plan = await plans.create(admin, planForm.parse({ title: 'Partnership KPIs plan', leadBodyId: hwb }))
    const aim = await plans.addAim(admin, plan.id, aimForm.parse({ number: '1', title: 'Measure what matters' }))
    const soon = words(addDays(londonToday(), 10))
    const dueSoon = await objectives.create(admin, aim.id, objectiveForm.parse({ title: 'Agree the KPI set', timescale: soon, ownerId: ownerPerson }))
    const ongoing = await objectives.create(
      admin,
      aim.id,
      objectiveForm.parse({ title: 'Draw KPIs from existing ones', timescale: 'ongoing', ownerId: ownerPerson, leadBodyId: spb }),
    )
    const onTrack = await objectives.create(
      admin,
      aim.id,
      objectiveForm.parse({ title: 'Publish the scorecard', timescale: words(addDays(londonToday(), 200)) }),
    )
    await objectives.addUpdate(admin, onTrack.id, progressUpdateForm.parse({ reportedOn: londonToday(), status: 'on-track', rag: 'green' }))

    const page = await viewer.get(`/plans/${plan.id}`)
    const panel = /<div class="govuk-inset-text" id="needs-attention">([\s\S]*?)<\/table>/.exec(page.body)?.[1] ?? ''
    assert.match(panel, /Agree the KPI set/, 'due within 30 days and not started')
    assert.doesNotMatch(panel, /Draw KPIs from existing ones/, 'ongoing work is never overdue, and it has no red flag')
    assert.doesNotMatch(panel, /Publish the scorecard/)

    await objectives.addUpdate(
      contributorActor,
      ongoing.id,
      progressUpdateForm.parse({ reportedOn: londonToday(), status: 'on-track', rag: 'red', commentary: 'Data sharing not agreed' }),
    )
    const mine = await owner.get('/my-work')
    assert.match(mine.body, /Your objectives that need attention/)
    assert.match(mine.body, /Agree the KPI set/)
    assert.match(mine.body, /Draw KPIs from existing ones/)
    assert.doesNotMatch(mine.body, /Publish the scorecard/, 'not theirs')

    const forHwb = await objectives.needingAttention(admin, { bodyId: hwb })
    assert.deepEqual(forHwb.map((o) => o.title).sort(), ['Agree the KPI set', 'Draw KPIs from existing ones'], 'through the plan’s lead body')
    const forSpb = (await objectives.needingAttention(admin, { bodyId: spb })).map((o) => o.title)
    assert.ok(forSpb.includes('Draw KPIs from existing ones'), 'through its own lead body')
    assert.ok(!forSpb.includes('Agree the KPI set'))

    await objectives.addUpdate(admin, dueSoon.id, progressUpdateForm.parse({ reportedOn: londonToday(), status: 'complete', rag: 'green' }))
    await objectives.addUpdate(admin, ongoing.id, progressUpdateForm.parse({ reportedOn: londonToday(), status: 'on-track', rag: 'green' }))
    assert.deepEqual(await objectives.needingAttention(admin, { bodyId: hwb }), [])
    const cleared = await owner.get('/my-work')
    assert.doesNotMatch(cleared.body, /Agree the KPI set|Draw KPIs from existing ones/)
    assert.match(cleared.body, /Workshop 1 with senior leaders/, 'their overdue objectives in the other plan are still there')
    await assert.rejects(
      objectives.addUpdate(contributorActor, onTrack.id, progressUpdateForm.parse({ reportedOn: londonToday(), status: 'complete' })),
      ForbiddenError,
    )
  })

  test('editing keeps links to outcomes the framework in force dropped until they are unticked', async () => {
    const objectives = objectiveService(db)
    const aim = await db.selectFrom('plan_aims').select('id').where('title', '=', 'Measure what matters').executeTakeFirstOrThrow()
    const created = await objectives.create(admin, aim.id, objectiveForm.parse({ title: 'Youth forum', timescale: 'annually', outcomeIds: [outcomes.safe] }))
    await assert.rejects(
      objectives.create(admin, aim.id, objectiveForm.parse({ title: 'Linked to a dropped outcome', timescale: 'annually', outcomeIds: [outcomes.dropped] })),
      ValidationError,
    )
    // Linked while the older version was in force.
    await db.insertInto('objective_outcomes').values({ partnership_id: partnershipId, objective_id: created.id, outcome_id: outcomes.dropped }).execute()
    const form = await editor.get(`/objectives/${created.id}/edit`)
    assert.match(form.body, /Have things to do/)
    assert.match(form.body, /No longer in the framework in force/)
    assert.match(form.body, /value="Annually"/)
    const saved = await editor.post(`/objectives/${created.id}/edit`, {
      title: 'Youth forum',
      timescale: 'Annually',
      ownerId: '',
      leadBodyId: '',
      expectedOutcome: '',
      outcomeIds: [outcomes.dropped, outcomes.healthy],
      version: '1',
    })
    assert.equal(saved.statusCode, 303)
    const links = await db.selectFrom('objective_outcomes').select('outcome_id').where('objective_id', '=', created.id).execute()
    assert.deepEqual(links.map((l) => l.outcome_id).sort(), [outcomes.dropped, outcomes.healthy].sort())
    const page = await viewer.get(`/objectives/${created.id}`)
    assert.match(page.body, /Have things to do/, 'shown by its last wording')
    await assert.rejects(objectives.update(admin, created.id, 1, objectiveForm.parse({ title: 'Stale', timescale: 'annually' })), ConflictError)
  })

  test('objectives move up and down within their aim, and archive and restore; aims archive and restore', async () => {
    const plan = await db.selectFrom('plans').select('id').where('title', '=', 'Strategy action plan').executeTakeFirstOrThrow()
    const aim = await db.selectFrom('plan_aims').selectAll().where('plan_id', '=', plan.id).where('number', '=', 1).executeTakeFirstOrThrow()
    const order = async () =>
      (await db.selectFrom('plan_objectives').select('title').where('aim_id', '=', aim.id).where('archived_at', 'is', null).orderBy('position').execute()).map(
        (o) => o.title,
      )
    const before = await order()
    const second = await db.selectFrom('plan_objectives').selectAll().where('title', '=', before[1]!).executeTakeFirstOrThrow()
    assert.equal((await editor.post(`/objectives/${second.id}/move`, { direction: 'up' })).statusCode, 303)
    assert.deepEqual((await order()).slice(0, 2), [before[1], before[0]])
    assert.equal((await owner.post(`/objectives/${second.id}/move`, { direction: 'down' })).statusCode, 403)

    assert.equal((await editor.post(`/objectives/${second.id}/archive`, { version: String(second.version) })).statusCode, 303)
    assert.ok(!(await order()).includes(second.title))
    assert.match((await viewer.get(`/plans/${plan.id}`)).body, /Archived objectives/)
    assert.equal((await editor.post(`/objectives/${second.id}/restore`, { version: String(second.version + 1) })).statusCode, 303)

    assert.equal((await editor.post(`/aims/${aim.id}/archive`, { version: String(aim.version) })).statusCode, 303)
    const afterArchive = await viewer.get(`/plans/${plan.id}`)
    assert.doesNotMatch(afterArchive.body, /<h2[^>]*>Aim 1: Co-produce/)
    assert.match(afterArchive.body, /Archived aims/)
    // Its number is free again, so a new aim 1 may take it; restoring the old one is then refused.
    assert.equal((await editor.post(`/plans/${plan.id}/aims`, { number: '1', title: 'A new first aim', expectedOutcome: '' })).statusCode, 303)
    const refused = await editor.post(`/aims/${aim.id}/restore`, { version: String(aim.version + 1) })
    assert.equal(refused.statusCode, 409)
    assert.match(refused.body, /another aim now has its number/)
  })
})
