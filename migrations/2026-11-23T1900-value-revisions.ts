import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// The figures an import replaced: re-importing a newer Fingertips export
// revises published values, and what they said before is kept here rather
// than lost. One row per value and import that changed it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE indicator_value_revisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      -- Not a foreign key: a value removed later keeps its history.
      value_id uuid NOT NULL,
      indicator_id uuid NOT NULL,
      area_code text NOT NULL,
      period_starts_on date NOT NULL,
      sex text NOT NULL,
      age text NOT NULL,
      category_type text NOT NULL,
      category text NOT NULL,
      category_rank integer,
      count numeric,
      denominator numeric,
      value numeric,
      lower_95 numeric,
      upper_95 numeric,
      lower_998 numeric,
      upper_998 numeric,
      note text NOT NULL,
      illustrative boolean NOT NULL,
      -- The import the superseded figures came in, if any, and the one that replaced them.
      previous_import_id uuid,
      import_id uuid NOT NULL,
      superseded_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (partnership_id, indicator_id) REFERENCES indicators (partnership_id, id),
      FOREIGN KEY (partnership_id, import_id) REFERENCES value_imports (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE INDEX indicator_value_revisions_value ON indicator_value_revisions (partnership_id, value_id, superseded_at)`.execute(db)
  await sql`CREATE INDEX indicator_value_revisions_import ON indicator_value_revisions (partnership_id, import_id)`.execute(db)
  await sql`ALTER TABLE indicator_value_revisions ENABLE ROW LEVEL SECURITY`.execute(db)
  await sql`
    CREATE POLICY partnership_isolation ON indicator_value_revisions
    USING (partnership_id = thrive_current_partnership())
    WITH CHECK (partnership_id = thrive_current_partnership())
  `.execute(db)
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON indicator_value_revisions TO thrive_app`.execute(db)
}
