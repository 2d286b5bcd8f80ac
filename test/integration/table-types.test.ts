import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import { testDatabase } from '../support/database.ts'
import { compareTableTypes, readSchema, readTableTypes, type Untyped } from '../support/table-types.ts'

// The Kysely table types (src/platform/db/tables.ts and the files it extends)
// are written by hand; the schema is whatever the migrations make. Nothing but
// this test ties them together: a column typed `string` that the database
// lets be NULL compiles, and fails only on the page that meets the NULL.

/** What the migrations make that the table types leave out on purpose, and why. Anything else untyped fails. */
const ALLOWED_UNTYPED: Untyped[] = [
  { name: 'public.kysely_migration', reason: "Kysely's Migrator keeps its record of run migrations here; the app never queries it" },
  { name: 'public.kysely_migration_lock', reason: "Kysely's Migrator locks here while it runs; the app never queries it" },
  {
    name: 'public.thrive_current_partnership()',
    reason: 'row-level security helper: every partnership_isolation policy calls it to read the transaction’s thrive.partnership_id',
  },
  {
    name: 'public.thrive_end_sessions_in_partnership(member uuid)',
    reason: 'row-level security helper (SECURITY DEFINER): ends a removed member’s sessions, which the app role cannot see; called through sql``',
  },
  {
    name: 'public.thrive_note_data_change()',
    reason: 'trigger function (SECURITY DEFINER): every watched table’s writing statements note their scope for the page cache’s data versions',
  },
  {
    name: 'public.thrive_move_data_version()',
    reason: 'deferred trigger function (SECURITY DEFINER): moves a committing transaction’s data versions on; never called by the app',
  },
  {
    name: 'public.thrive_tell_proposer_of_answer(proposal uuid, told text, detail jsonb)',
    reason: 'row-level security helper (SECURITY DEFINER): writes the answer to the proposing partnership’s audit trail; called through sql``',
  },
]

let database: DatabaseHandle

before(async () => {
  database = await testDatabase()
})

after(async () => {
  await database?.close()
})

test('the Kysely table types match the schema the migrations make', async () => {
  const types = readTableTypes()
  const schema = await readSchema(database.db)
  assert.ok(types.tables.size > 0, `no tables found in ${types.database}`)
  const problems = compareTableTypes(types, schema, ALLOWED_UNTYPED)
  assert.ok(
    problems.length === 0,
    `The table types (${types.database}) and the migrated schema (${database.kind}) disagree in ${problems.length} place(s):\n` +
      problems.map((p) => `  - ${p}`).join('\n'),
  )
})
