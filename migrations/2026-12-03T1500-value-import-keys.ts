import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// Two of indicator_values' four foreign keys checked nothing the others did
// not, at a trigger call a row: a million-row import spent seconds on them.
// - partnership_id → partnerships: (partnership_id, indicator_id) → indicators
//   already holds it, indicators.partnership_id referring to partnerships.
// - (partnership_id, import_id) → value_imports: only an import sets import_id,
//   to the value_imports row it has just written in the same transaction, and
//   a value_imports row is deleted only when its unfinished import is taken
//   back, after the values naming it are deleted or given back their previous
//   import (value-transfer/repository.ts, undoImport).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE indicator_values DROP CONSTRAINT indicator_values_partnership_id_fkey`.execute(db)
  await sql`ALTER TABLE indicator_values DROP CONSTRAINT indicator_values_partnership_id_import_id_fkey`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE indicator_values ADD FOREIGN KEY (partnership_id) REFERENCES partnerships(id)`.execute(db)
  await sql`ALTER TABLE indicator_values ADD FOREIGN KEY (partnership_id, import_id) REFERENCES value_imports (partnership_id, id)`.execute(db)
}
