import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts'
import { passwordProblem, verifyPassword } from '../../src/platform/auth/passwords.ts'
import { signIn } from '../../src/platform/auth/sign-in.ts'
import { applicationTables } from '../../src/cli/schema.ts'
import { demoAccounts, demoAdminEmail, demoSlug, seedDemo, seedDemoIfEmpty, type DemoCredentials } from '../../demo/seed.ts'
import { readablePassword } from '../../demo/password.ts'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

const throttle = { maxFailures: 5, lockMinutes: 15 }

/** Every row of every table, as text: two snapshots are equal only if nothing at all changed. */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const tables = await applicationTables(db)
  const result: Record<string, string[]> = {}
  for (const table of tables) {
    const rows = await sql<{ row: string }>`SELECT to_jsonb(t)::text AS row FROM ${sql.table(table.name)} t`.execute(db)
    result[table.name] = rows.rows.map((r) => r.row).sort()
  }
  return result
}

async function demoPartnership(db: Db) {
  return db.selectFrom('partnerships').selectAll().where('slug', '=', demoSlug).executeTakeFirstOrThrow()
}

describe('the demo partnership', () => {
  let database: DatabaseHandle
  let db: Db
  let first: DemoCredentials | null

  before(async () => {
    database = await testDatabase()
    db = database.db
    first = await seedDemoIfEmpty(db)
  })

  after(() => database.close())

  test('an empty database gets the Oldham partnership from the seed papers, published', async () => {
    assert.ok(first)
    assert.equal(first.email, 'admin@demo.thrive.local')
    const partnership = await demoPartnership(db)
    assert.equal(partnership.name, 'Oldham Children and Young People’s Strategic Partnership')
    assert.equal(partnership.area_code, 'E08000004')
    assert.equal(partnership.is_published, true)
    assert.match(partnership.description, /a place where children and young people thrive/)
  })

  test('it has partner organisations from both eras, with sectors and statutory flags', async () => {
    const partnership = await demoPartnership(db)
    const organisations = await db.selectFrom('organisations').selectAll().where('partnership_id', '=', partnership.id).execute()
    assert.ok(organisations.length >= 10, `only ${organisations.length} organisations`)
    const byName = new Map(organisations.map((o) => [o.name, o]))
    for (const name of ['Oldham Primary Care Trust', 'Learning and Skills Council', 'NHS Oldham Clinical Commissioning Group', 'The Staff College']) {
      assert.ok(byName.has(name), `missing ${name}`)
    }
    assert.equal(byName.get('Oldham Primary Care Trust')?.sector, 'nhs')
    assert.equal(byName.get('Oldham Primary Care Trust')?.is_statutory, true)
    assert.match(byName.get('Oldham Primary Care Trust')!.description, /2013/)
    assert.equal(byName.get('The Staff College')?.is_statutory, false)
    assert.equal(byName.get('Oldham Metropolitan Borough Council')?.website, 'https://www.oldham.gov.uk')
    assert.ok(organisations.every((o) => o.description.length > 0 && o.archived_at === null))
    assert.deepEqual(new Set(organisations.map((o) => o.sector)), new Set(['local-authority', 'nhs', 'police', 'education', 'vcfs', 'other']))
  })

  test('people appear by role, never by name, each linked to an organisation of the partnership where the papers say which', async () => {
    const partnership = await demoPartnership(db)
    const people = await db
      .selectFrom('people as p')
      .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(['p.name', 'p.role_title', 'p.email', 'p.organisation_id', 'o.name as organisation'])
      .where('p.partnership_id', '=', partnership.id)
      .execute()
    assert.ok(people.length >= 10)
    assert.ok(people.every((p) => p.name === null && p.email === null && p.role_title))
    const roles = new Map(people.map((p) => [p.role_title, p.organisation]))
    assert.equal(roles.get('Cabinet Member for Children’s Services'), 'Oldham Metropolitan Borough Council')
    assert.equal(roles.get('Director of Children’s Services'), 'Oldham Metropolitan Borough Council')
    assert.equal(roles.get('Chief Officer, NHS Oldham CCG'), 'NHS Oldham Clinical Commissioning Group')
    assert.ok(people.filter((p) => p.role_title!.startsWith('Lead officer,') && p.role_title!.endsWith('Delivery Partnership')).length === 7)
    // The office-holders the 2019 report names must not appear anywhere in the demo (Chadderton is also one of Oldham's districts, so the councillor is looked for by her first name and title).
    const everything = JSON.stringify(await snapshot(db))
    for (const name of ['Amanda', 'Cllr Chadderton', 'Councillor Chadderton', 'Merlin', 'Joseph', 'Ed Francis'])
      assert.ok(!everything.includes(name), `${name} appears in the demo`)
  })

  test('all four demo accounts sign in with the printed password, one per role', async () => {
    assert.ok(first)
    const partnership = await demoPartnership(db)
    const members = await db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['u.email', 'u.display_name', 'u.password_hash', 'm.role'])
      .where('m.partnership_id', '=', partnership.id)
      .orderBy('u.email')
      .execute()
    assert.deepEqual(
      members.map((m) => [m.email, m.role]),
      demoAccounts.map((a) => [a.email, a.role]).sort(),
    )
    assert.equal(members.find((m) => m.email === demoAdminEmail)?.display_name, 'Demo partnership manager')
    for (const member of members) assert.equal(await verifyPassword(member.password_hash, first.password), true, member.email)
    assert.equal(await verifyPassword(members[0]!.password_hash, 'not the password'), false)
    assert.ok(first.password.length >= 20)
    const signedIn = await signIn(db, demoAdminEmail, first.password, throttle)
    assert.ok(signedIn.ok)
    assert.equal(signedIn.firstPartnershipId, partnership.id)
  })

  test('every demo row is in the audit trail, labelled as the demo seed', async () => {
    const partnership = await demoPartnership(db)
    const audit = await db.selectFrom('audit_events').selectAll().where('partnership_id', '=', partnership.id).execute()
    assert.ok(audit.every((a) => a.actor_label === 'demo seed' && a.actor_id === null))
    const audited = new Set(audit.map((a) => `${a.entity_type}:${a.entity_id}`))
    const organisations = await db.selectFrom('organisations').select('id').where('partnership_id', '=', partnership.id).execute()
    const people = await db.selectFrom('people').select('id').where('partnership_id', '=', partnership.id).execute()
    for (const o of organisations) assert.ok(audited.has(`organisation:${o.id}`))
    for (const p of people) assert.ok(audited.has(`person:${p.id}`))
    assert.ok(audited.has(`partnership:${partnership.id}`))
    assert.ok(!JSON.stringify(audit).includes('$argon2'), 'a password hash reached the audit trail')
  })

  test('the Health and Wellbeing Board of 29 January 2019 decided seed 000’s two recommendations and raised the workshops action', async () => {
    const partnership = await demoPartnership(db)
    const meeting = await db
      .selectFrom('meetings as m')
      .innerJoin('bodies as b', 'b.id', 'm.body_id')
      .select(['m.id', 'm.status', 'm.starts_at'])
      .where('m.partnership_id', '=', partnership.id)
      .where('b.name', '=', 'Health and Wellbeing Board')
      .executeTakeFirstOrThrow()
    assert.equal(meeting.status, 'held')
    assert.equal(meeting.starts_at.toISOString().slice(0, 10), '2019-01-29')
    const item = await db
      .selectFrom('agenda_items as i')
      .innerJoin('people as p', 'p.id', 'i.presenter_id')
      .select(['i.id', 'i.title', 'i.purpose', 'p.role_title'])
      .where('i.meeting_id', '=', meeting.id)
      .executeTakeFirstOrThrow()
    assert.equal(item.title, 'Establishment of the Children and Young People’s Strategic Partnership')
    assert.equal(item.purpose, 'decision')
    assert.equal(item.role_title, 'Assistant Director Safeguarding and Partnerships')
    const recommendations = await db
      .selectFrom('recommendations')
      .select(['label', 'text', 'decision', 'decision_text'])
      .where('agenda_item_id', '=', item.id)
      .orderBy('label')
      .execute()
    assert.deepEqual(
      recommendations.map((r) => [r.label, r.decision, r.decision_text]),
      [
        ['a)', 'approved', ''],
        ['b)', 'endorsed', 'Noted and endorsed'],
      ],
    )
    assert.match(recommendations[0]!.text, /^Approve the approach to establish the Children and Young People’s Strategic Framework/)
    assert.match(recommendations[1]!.text, /^Note and endorse the approach to establishing the Children and Young People’s Strategic Partnership Board/)
    const action = await db
      .selectFrom('actions as a')
      .innerJoin('people as p', 'p.id', 'a.owner_id')
      .select(['a.description', 'a.due_on', 'a.agenda_item_id', 'p.role_title'])
      .where('a.meeting_id', '=', meeting.id)
      .executeTakeFirstOrThrow()
    assert.match(action.description, /Staff College workshops/)
    assert.equal(action.due_on, '2019-02-07')
    assert.equal(action.agenda_item_id, item.id)
    assert.equal(action.role_title, 'Assistant Director Safeguarding and Partnerships')
  })

  test('seedDemoIfEmpty on a database that has a partnership returns null and changes nothing', async () => {
    const before = await snapshot(db)
    assert.equal(await seedDemoIfEmpty(db), null)
    assert.deepEqual(await snapshot(db), before)
  })

  test('seedDemo rebuilds the demo: one demo partnership, a new password, other partnerships untouched', async () => {
    assert.ok(first)
    const other = await createPartnership(db, 'rochdale')
    await createMember(db, other.id, 'admin')
    await db.insertInto('organisations').values({ partnership_id: other.id, name: 'Rochdale Council', sector: 'local-authority', is_statutory: true }).execute()
    const old = await demoPartnership(db)
    const organisationCount = (await db.selectFrom('organisations').select('id').where('partnership_id', '=', old.id).execute()).length
    const adminBefore = await db.selectFrom('users').select(['id']).where('email', '=', demoAdminEmail).executeTakeFirstOrThrow()
    await db
      .insertInto('sessions')
      .values({ id: 'old-demo-session', user_id: adminBefore.id, partnership_id: old.id, expires_at: new Date(Date.now() + 3_600_000) })
      .execute()
    const otherBefore = (await snapshot(db)).organisations!.filter((row) => row.includes(other.id))

    await seedDemo(db)
    const second = await seedDemo(db)

    const demos = await db.selectFrom('partnerships').select(['id', 'slug']).where('slug', '=', demoSlug).execute()
    assert.equal(demos.length, 1)
    assert.notEqual(demos[0]!.id, old.id)
    assert.equal((await db.selectFrom('organisations').select('id').where('partnership_id', '=', demos[0]!.id).execute()).length, organisationCount)
    assert.equal((await db.selectFrom('partnerships').select('id').execute()).length, 2)
    for (const table of ['organisations', 'people', 'memberships', 'audit_events'] as const) {
      const leftovers = await db.selectFrom(table).select('partnership_id').where('partnership_id', '=', old.id).execute()
      assert.equal(leftovers.length, 0, `${table} still has rows of the old demo`)
    }
    assert.equal((await db.selectFrom('sessions').select('id').where('user_id', '=', adminBefore.id).execute()).length, 0)
    const admin = await db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', demoAdminEmail).executeTakeFirstOrThrow()
    assert.equal(admin.id, adminBefore.id, 'the demo accounts are kept, with a new password')
    assert.equal(await verifyPassword(admin.password_hash, second.password), true)
    assert.equal(await verifyPassword(admin.password_hash, first.password), false)
    assert.equal((await db.selectFrom('users').select('id').where('email', 'like', '%@demo.thrive.local').execute()).length, 4)
    assert.deepEqual(
      (await snapshot(db)).organisations!.filter((row) => row.includes(other.id)),
      otherBefore,
    )
  })
})

describe('the demo password', () => {
  test('is four groups of five unambiguous characters, accepted by the password rules', () => {
    const password = readablePassword()
    assert.match(password, /^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$/)
    assert.equal(passwordProblem(password), null)
  })

  test('differs every time and draws on the whole alphabet', () => {
    const passwords = Array.from({ length: 200 }, () => readablePassword())
    assert.equal(new Set(passwords).size, passwords.length)
    assert.equal(new Set(passwords.join('').replaceAll('-', '')).size, 31)
  })
})
