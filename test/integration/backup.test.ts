import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DatabaseHandle, type Db } from '../../src/platform/db/database.ts'
import { writeBackup } from '../../src/cli/backup.ts'
import { prepareSchemaFor, readBackupHeader, restoreBackup } from '../../src/cli/restore.ts'
import { BackupError } from '../../src/cli/backup-format.ts'
import { applicationTables } from '../../src/cli/schema.ts'
import { seedDemo } from '../../demo/seed.ts'
import { organisationService } from '../../src/directory/organisations/service.ts'
import { testDatabase } from '../support/database.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'

/**
 * Every row of every table as PostgreSQL's own JSON text, sorted: equal
 * snapshots mean equal data, timestamps to the microsecond included.
 */
async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {}
  for (const table of await applicationTables(db)) {
    const rows = await sql<{ row: string }>`SELECT to_jsonb(t)::text AS row FROM ${sql.table(table.name)} t`.execute(db)
    result[table.name] = rows.rows.map((r) => r.row).sort()
  }
  return result
}

/** to_jsonb shows SQL NULL and JSON null alike, so count each kind separately. */
async function nullKinds(db: Db) {
  const result = await sql<{ sqlNull: number; jsonNull: number }>`
    SELECT count(*) FILTER (WHERE before IS NULL)::int AS "sqlNull", count(*) FILTER (WHERE before = 'null'::jsonb)::int AS "jsonNull" FROM audit_events
  `.execute(db)
  return result.rows[0]
}

/** A body accountable to another body: the shape governance will need, a table referring to itself. */
async function addSelfReferencingTable(db: Db): Promise<void> {
  await sql`CREATE TABLE test_bodies (id uuid PRIMARY KEY, accountable_to uuid REFERENCES test_bodies(id), name text NOT NULL)`.execute(db)
}

describe('backup and restore', () => {
  let source: DatabaseHandle
  let target: DatabaseHandle
  let directory: string
  let file: string

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'thrive-backup-'))
    file = join(directory, 'backup.jsonl')
    source = await testDatabase()
    target = await testDatabase()
    const db = source.db

    // Two partnerships: the demo, and a second one with its own members, records and a session.
    await seedDemo(db)
    const rochdale = await createPartnership(db, 'rochdale', 'Rochdale Children’s Partnership')
    const { user, actor } = await createMember(db, rochdale.id, 'editor')
    await organisationService(db).create(actor, {
      name: 'Rochdale Council',
      sector: 'local-authority',
      isStatutory: true,
      website: 'https://www.rochdale.gov.uk',
      description: 'Council',
    })
    // Microseconds, which a JavaScript Date would lose (PGlite's clock stops at milliseconds, so they are set here).
    await sql`
      INSERT INTO organisations (partnership_id, name, sector, is_statutory, created_at, archived_at)
      VALUES (${rochdale.id}, 'Archived Trust', 'nhs', true, '2019-01-29T09:30:00.123456Z', '2020-03-31T23:59:59.999999+01:00')
    `.execute(db)
    await db
      .insertInto('sessions')
      .values({ id: 'session-token', user_id: user.id, partnership_id: rochdale.id, expires_at: new Date(Date.now() + 3_600_000) })
      .execute()
    // More audit rows than one page of the backup's reads, with JSON null, SQL NULL and nested JSON among them.
    await sql`
      INSERT INTO audit_events (partnership_id, actor_id, actor_label, action, entity_type, entity_id, summary, before, after)
      SELECT ${rochdale.id}, ${user.id}, 'Test editor', 'update', 'organisation', g::text, 'Change ' || g,
        CASE WHEN g % 3 = 0 THEN 'null'::jsonb WHEN g % 3 = 1 THEN NULL ELSE jsonb_build_object('n', g, 'list', jsonb_build_array(1.5, 'two', null)) END,
        jsonb_build_object('text', 'quote " and newline \n and ’', 'precise', 0.1000000000000000000001)
      FROM generate_series(1, 2500) AS g
    `.execute(db)
    // A child row whose key sorts before its parent's, so rows cannot simply be inserted in key order.
    await addSelfReferencingTable(db)
    await sql`INSERT INTO test_bodies VALUES ('ffffffff-0000-4000-8000-000000000000', NULL, 'Health and Wellbeing Board'),
      ('00000000-0000-4000-8000-000000000000', 'ffffffff-0000-4000-8000-000000000000', 'Strategic Partnership Board')`.execute(db)
    await addSelfReferencingTable(target.db)
  })

  after(async () => {
    await source.close()
    await target.close()
    await rm(directory, { recursive: true, force: true })
  })

  /** Records what a progress bar would be told. */
  function progressRecorder() {
    const seen = { total: -1, advanced: 0, stopped: false }
    return {
      seen,
      progress: { start: (total: number) => (seen.total = total), advance: (rows: number) => (seen.advanced += rows), stop: () => (seen.stopped = true) },
    }
  }

  test('a backup restored into a fresh database reproduces every row of every table exactly', async () => {
    const writing = progressRecorder()
    const backedUp = await writeBackup(source.db, file, writing.progress)
    assert.deepEqual(writing.seen, { total: backedUp.rows, advanced: backedUp.rows, stopped: true })
    const tables = await applicationTables(source.db)
    assert.equal(backedUp.tables, tables.length)
    assert.equal(
      backedUp.rows,
      Object.values(await snapshot(source.db)).reduce((sum, rows) => sum + rows.length, 0),
    )

    const reading = progressRecorder()
    const restored = await restoreBackup(target.db, file, { progress: reading.progress })
    assert.deepEqual(restored, backedUp)
    assert.deepEqual(reading.seen, { total: backedUp.rows, advanced: backedUp.rows, stopped: true })
    const [before, after] = [await snapshot(source.db), await snapshot(target.db)]
    assert.deepEqual(Object.keys(after).sort(), tables.map((t) => t.name).sort())
    for (const table of Object.keys(before)) assert.deepEqual(after[table], before[table], `table ${table} differs`)
    assert.deepEqual([before.partnerships!.length, before.sessions!.length, before.test_bodies!.length], [2, 1, 2])
    assert.ok(
      after.organisations!.some((row) => row.includes('"created_at": "2019-01-29T09:30:00.123456+00:00"')),
      'microseconds kept',
    )
    assert.deepEqual(await nullKinds(target.db), await nullKinds(source.db))
    assert.ok((await nullKinds(source.db))!.jsonNull > 0)
  })

  test('identity numbering carries on after the restored rows', async () => {
    const { max } = await target.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow()
    const next = await target.db
      .insertInto('audit_events')
      .values({
        partnership_id: null,
        actor_label: 'test',
        action: 'create',
        entity_type: 'x',
        entity_id: 'x',
        summary: 'after restore',
        before: null,
        after: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    assert.equal(Number(next.id), Number(max) + 1)
  })

  test('the backup is readable by its owner only, no partial file is left behind, and only a file is ever replaced', async () => {
    assert.equal((await stat(file)).mode & 0o777, 0o600)
    assert.deepEqual((await readdir(directory)).sort(), ['backup.jsonl'])
    await assert.rejects(writeBackup(source.db, directory), /not a regular file/)
    await assert.rejects(writeBackup(source.db, join(directory, 'missing', 'backup.jsonl')), { code: 'ENOENT' })
    assert.deepEqual((await readdir(directory)).sort(), ['backup.jsonl'])
  })

  test('a database that is not empty is refused unless forced', async () => {
    const before = await snapshot(target.db)
    await assert.rejects(restoreBackup(target.db, file), (error) => error instanceof BackupError && /not empty/.test(error.message))
    assert.deepEqual(await snapshot(target.db), before)
    await restoreBackup(target.db, file, { force: true })
    assert.deepEqual(await snapshot(target.db), await snapshot(source.db))
  })

  describe('a damaged or altered backup is refused and the database is left as it was', () => {
    let lines: string[]
    before(async () => {
      lines = (await readFile(file, 'utf8')).trimEnd().split('\n')
      // Make the target differ from the backup, so a partial restore would show.
      await target.db.updateTable('partnerships').set({ name: 'Changed since the backup' }).where('slug', '=', 'rochdale').execute()
    })

    const alter = (change: (lines: string[]) => string[]) => async () => {
      const damaged = join(directory, 'damaged.jsonl')
      await writeFile(damaged, change([...lines]).join('\n') + '\n')
      const before = await snapshot(target.db)
      await assert.rejects(restoreBackup(target.db, damaged, { force: true }), BackupError)
      assert.deepEqual(await snapshot(target.db), before)
    }
    const header = (lines: string[]) => JSON.parse(lines[0]!) as { migrations: string[]; tables: { name: string }[] }

    test(
      'a row that is not valid JSON',
      alter((l) => l.map((line, i) => (i === l.length - 3 ? line.slice(0, -5) : line))),
    )
    test(
      'a table the database does not have',
      alter((l) => {
        const h = header(l)
        h.tables[0]!.name = 'ledger'
        return [JSON.stringify(h), ...l.slice(1)]
      }),
    )
    test(
      'a migration newer than this version of Thrive',
      alter((l) => {
        const h = header(l)
        h.migrations.push('2099-01-01T0000-from-the-future')
        return [JSON.stringify(h), ...l.slice(1)]
      }),
    )
    test(
      'a file cut short',
      alter((l) => l.slice(0, Math.floor(l.length / 2))),
    )
    test(
      'a row with a column the table lacks',
      alter((l) => l.map((line, i) => (i === 2 ? line.replace(/^\{/, '{"smuggled": 1, ') : line))),
    )
    test(
      'a row missing from a table',
      alter((l) => l.filter((_, i) => i !== 2)),
    )
    test(
      'a row value of the wrong type',
      alter((l) => l.map((line) => line.replace(/"is_published": (true|false)/, '"is_published": "perhaps"'))),
    )
    test(
      'a file that is not a backup at all',
      alter(() => ['name,sector', 'Oldham Council,local-authority']),
    )
    test(
      'an empty file',
      alter(() => []),
    )
  })

  test('a database already past the backup’s migrations is refused; a new one is brought to them first', async () => {
    const header = await readBackupHeader(file)
    await assert.rejects(prepareSchemaFor(target.db, { ...header, migrations: [] }), /newer schema than the backup/)

    const fresh = await testDatabase({ migrate: false })
    try {
      await prepareSchemaFor(fresh.db, header)
      await addSelfReferencingTable(fresh.db)
      await restoreBackup(fresh.db, file)
      assert.deepEqual(await snapshot(fresh.db), await snapshot(source.db))
    } finally {
      await fresh.close()
    }
  })
})
