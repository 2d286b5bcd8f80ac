import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { DatabaseHandle, Db } from '../../src/platform/db/database.ts'
import { inPartnership, type Trx } from '../../src/platform/db/tenancy.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { NotFoundError } from '../../src/platform/errors.ts'
import { organisationService } from '../../src/directory/organisations/service.ts'
import { peopleService } from '../../src/directory/people/service.ts'
import { issueInvitation } from '../../src/directory/users/service.ts'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

// Row-level security is the second wall between partnerships: these tests
// write queries that "forget" the partnership filter and show the database
// itself keeps each partnership to its own rows.

/** Every partnership-owned table, and the column that says whose a row is. */
const owned = [
  { table: 'partnerships', column: 'id' },
  { table: 'memberships', column: 'partnership_id' },
  { table: 'audit_events', column: 'partnership_id' },
  { table: 'organisations', column: 'partnership_id' },
  { table: 'people', column: 'partnership_id' },
  { table: 'invitations', column: 'partnership_id' },
] as const
type OwnedTable = (typeof owned)[number]['table']

class RolledBack extends Error {}

/** Runs work inside a partnership, then undoes it, so each test starts from the same rows. */
async function thenRollBack(db: Db, partnershipId: string, work: (trx: Trx) => Promise<void>): Promise<void> {
  await assert.rejects(
    inPartnership(db, partnershipId, async (trx) => {
      await work(trx)
      throw new RolledBack()
    }),
    RolledBack,
  )
}

/** Leaves the row-level-security role within the same transaction, to see every partnership's rows as they now stand. */
async function ownerView(trx: Trx): Promise<void> {
  await sql`RESET ROLE`.execute(trx)
}

async function rowsOf(executor: Db | Trx, table: OwnedTable, column: string, partnershipId?: string): Promise<Record<string, unknown>[]> {
  const where = partnershipId ? sql`WHERE ${sql.ref(column)} = ${partnershipId}` : sql``
  const result = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ${where} ORDER BY 1, 2`.execute(executor)
  return result.rows
}

describe('tenancy: one partnership cannot reach another’s rows', () => {
  let database: DatabaseHandle
  let db: Db
  let alpha: string
  let beta: string
  let alphaEditor: Actor
  let betaOrganisationId: string
  let betaPersonId: string
  let betaUserId: string

  before(async () => {
    database = await testDatabase()
    db = database.db
    alpha = (await createPartnership(db, 'alpha')).id
    beta = (await createPartnership(db, 'beta')).id
    alphaEditor = (await createMember(db, alpha, 'editor')).actor
    await createMember(db, alpha, 'admin')
    const betaMember = await createMember(db, beta, 'editor')
    betaUserId = betaMember.user.id
    const organisations = organisationService(db)
    const people = peopleService(db)
    // Services write the audit rows too, so every owned table has rows in both partnerships.
    for (const [actor, prefix] of [
      [alphaEditor, 'Alpha'],
      [betaMember.actor, 'Beta'],
    ] as const) {
      const council = await organisations.create(actor, {
        name: `${prefix} Council`,
        sector: 'local-authority',
        isStatutory: true,
        website: null,
        description: '',
      })
      await organisations.create(actor, { name: `${prefix} Police`, sector: 'police', isStatutory: true, website: null, description: '' })
      const person = await people.create(actor, {
        name: null,
        roleTitle: `${prefix} Director of Children’s Services`,
        jobTitle: null,
        organisationId: council.id,
        email: null,
      })
      await people.create(actor, { name: null, roleTitle: `${prefix} Lead officer`, jobTitle: null, organisationId: null, email: null })
      if (prefix === 'Beta') {
        betaOrganisationId = council.id
        betaPersonId = person.id
      }
    }
    for (const [partnershipId, prefix] of [
      [alpha, 'alpha'],
      [beta, 'beta'],
    ] as const) {
      await inPartnership(db, partnershipId, (trx) =>
        issueInvitation(
          trx,
          { userId: null, label: 'tenancy test', partnershipId },
          { email: `invited@${prefix}.example`, displayName: 'Invited', role: 'viewer' },
        ),
      )
    }
  })

  after(() => database.close())

  test('row-level security covers the partnership-owned tables, and every table with a partnership_id is secured or closed to the application role', async () => {
    const secured = await sql<{ table: string }>`
      SELECT c.relname AS "table" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relrowsecurity ORDER BY 1
    `.execute(db)
    const securedTables = new Set(secured.rows.map((r) => r.table))
    for (const { table } of owned) assert.ok(securedTables.has(table), `${table} has no row-level security`)

    const withPartnershipColumn = await sql<{ table: string; secured: boolean; appCanRead: boolean }>`
      SELECT c.relname AS "table", c.relrowsecurity AS secured,
        has_table_privilege('thrive_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE') AS "appCanRead"
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attname = 'partnership_id' AND NOT a.attisdropped
    `.execute(db)
    for (const table of withPartnershipColumn.rows) {
      assert.ok(table.secured || !table.appCanRead, `${table.table} has a partnership_id and is open to thrive_app without row-level security`)
    }
  })

  for (const { table, column } of owned) {
    test(`a query on ${table} that forgets the partnership filter sees only its own partnership’s rows`, async () => {
      const ownAlpha = await rowsOf(db, table, column, alpha)
      const ownBeta = await rowsOf(db, table, column, beta)
      assert.ok(ownAlpha.length > 0 && ownBeta.length > 0, `the test needs ${table} rows in both partnerships`)

      for (const [partnershipId, expected] of [
        [alpha, ownAlpha],
        [beta, ownBeta],
      ] as const) {
        const seen = await inPartnership(db, partnershipId, (trx) => rowsOf(trx, table, column))
        assert.deepEqual(seen, expected)
      }
    })
  }

  test('Kysely’s selectFrom(…).selectAll() with no where clause returns only the partnership’s organisations', async () => {
    const rows = await inPartnership(db, alpha, (trx) => trx.selectFrom('organisations').selectAll().execute())
    assert.deepEqual(rows.map((r) => r.name).sort(), ['Alpha Council', 'Alpha Police'])
  })

  test('an UPDATE with no where clause changes only its own partnership’s rows', async () => {
    const updatable = ['partnerships', 'memberships', 'organisations', 'people'] as const
    await thenRollBack(db, alpha, async (trx) => {
      const updated: Record<string, number> = {}
      for (const table of updatable) {
        const result = await sql`UPDATE ${sql.table(table)} SET version = version + 100`.execute(trx)
        updated[table] = Number(result.numAffectedRows)
      }
      await ownerView(trx)
      for (const table of updatable) {
        const column = owned.find((o) => o.table === table)!.column
        const alphaRows = await rowsOf(trx, table, column, alpha)
        const betaRows = await rowsOf(trx, table, column, beta)
        assert.equal(updated[table], alphaRows.length, `${table}: rows updated`)
        assert.ok(
          alphaRows.every((r) => Number(r.version) > 100),
          `${table}: alpha rows were updated`,
        )
        assert.ok(betaRows.length > 0 && betaRows.every((r) => Number(r.version) < 100), `${table}: beta rows were left alone`)
      }
    })
  })

  test('a DELETE with no where clause removes only its own partnership’s rows', async () => {
    const before = Object.fromEntries(
      await Promise.all(owned.map(async ({ table, column }) => [table, (await rowsOf(db, table, column, beta)).length] as const)),
    )
    await thenRollBack(db, alpha, async (trx) => {
      const people = await trx.deleteFrom('people').executeTakeFirst()
      const memberships = await trx.deleteFrom('memberships').executeTakeFirst()
      const organisations = await trx.deleteFrom('organisations').executeTakeFirst()
      assert.equal(Number(people.numDeletedRows), 2)
      assert.equal(Number(memberships.numDeletedRows), 2)
      assert.equal(Number(organisations.numDeletedRows), 2)
      await ownerView(trx)
      for (const { table, column } of owned) {
        assert.equal((await rowsOf(trx, table, column, beta)).length, before[table], `${table}: beta keeps its rows`)
      }
      assert.equal((await rowsOf(trx, 'organisations', 'partnership_id', alpha)).length, 0)
    })
  })

  test('the audit trail and the partnerships table cannot be rewritten or deleted from inside a partnership', async () => {
    for (const statement of [
      sql`UPDATE audit_events SET summary = 'rewritten'`,
      sql`DELETE FROM audit_events`,
      sql`DELETE FROM partnerships`,
      sql`INSERT INTO partnerships (slug, name) VALUES ('gamma', 'Gamma')`,
    ]) {
      await assert.rejects(
        inPartnership(db, alpha, (trx) => statement.execute(trx)),
        /permission denied/,
      )
    }
  })

  test('a row carrying another partnership’s id cannot be inserted, nor an existing row moved across', async () => {
    const attempts: [string, (trx: Trx) => Promise<unknown>][] = [
      [
        'organisations',
        (trx) => trx.insertInto('organisations').values({ partnership_id: beta, name: 'Smuggled', sector: 'other', is_statutory: false }).execute(),
      ],
      ['people', (trx) => trx.insertInto('people').values({ partnership_id: beta, role_title: 'Smuggled' }).execute()],
      ['memberships', (trx) => trx.insertInto('memberships').values({ partnership_id: beta, user_id: alphaEditor.userId!, role: 'admin' }).execute()],
      [
        'audit_events',
        (trx) =>
          trx
            .insertInto('audit_events')
            .values({
              partnership_id: beta,
              actor_label: 'forger',
              action: 'create',
              entity_type: 'x',
              entity_id: 'x',
              summary: 'forged',
              before: null,
              after: null,
            })
            .execute(),
      ],
      [
        'invitations',
        (trx) =>
          issueInvitation(
            trx,
            { userId: null, label: 'forger', partnershipId: beta },
            { email: 'smuggled@example.org', displayName: 'Smuggled', role: 'admin' },
          ),
      ],
      ['organisations (moved)', (trx) => trx.updateTable('organisations').set({ partnership_id: beta }).execute()],
    ]
    for (const [what, attempt] of attempts) {
      await assert.rejects(inPartnership(db, alpha, attempt), /row-level security/, `${what} should be refused`)
    }
    assert.equal((await rowsOf(db, 'organisations', 'partnership_id', beta)).length, 2)
    assert.equal((await db.selectFrom('memberships').selectAll().where('partnership_id', '=', beta).execute()).length, 1)
  })

  test('users’ password hashes (and sessions) cannot be read by the application role', async () => {
    await assert.rejects(
      inPartnership(db, alpha, (trx) => trx.selectFrom('users').select('password_hash').execute()),
      /permission denied/,
    )
    await assert.rejects(
      inPartnership(db, alpha, (trx) => trx.selectFrom('users').selectAll().execute()),
      /permission denied/,
    )
    await assert.rejects(
      inPartnership(db, alpha, (trx) => trx.updateTable('users').set({ password_hash: 'x' }).execute()),
      /permission denied/,
    )
    await assert.rejects(
      inPartnership(db, alpha, (trx) => trx.selectFrom('sessions').selectAll().execute()),
      /permission denied/,
    )
    // The public columns stay readable: names are shown beside the records people changed.
    const names = await inPartnership(db, alpha, (trx) => trx.selectFrom('users').select(['id', 'email', 'display_name']).execute())
    assert.ok(names.some((u) => u.id === betaUserId))
  })

  test('the service layer answers another partnership’s ids with NotFoundError', async () => {
    const organisations = organisationService(db)
    const people = peopleService(db)
    await assert.rejects(organisations.get(alphaEditor, betaOrganisationId), NotFoundError)
    await assert.rejects(
      organisations.update(alphaEditor, betaOrganisationId, 1, { name: 'Taken', sector: 'other', isStatutory: false, website: null, description: '' }),
      NotFoundError,
    )
    await assert.rejects(organisations.archive(alphaEditor, betaOrganisationId, 1), NotFoundError)
    await assert.rejects(people.get(alphaEditor, betaPersonId), NotFoundError)
    await assert.rejects(people.archive(alphaEditor, betaPersonId, 1), NotFoundError)
    const listed = await organisations.list(alphaEditor, { status: 'all' })
    assert.deepEqual(listed.map((o) => o.name).sort(), ['Alpha Council', 'Alpha Police'])
    const stored = await db.selectFrom('organisations').selectAll().where('id', '=', betaOrganisationId).executeTakeFirstOrThrow()
    assert.equal(stored.name, 'Beta Council')
    assert.equal(stored.archived_at, null)
  })
})
