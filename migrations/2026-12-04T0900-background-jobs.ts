import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// Work done in the background (browser imports of indicator values today,
// report packs and reminders next), as the partnership sees it: what was asked
// for, by whom, how far it has got and how it ended. Any instance of the
// service reads it, so the progress page answers wherever the work runs.
// Handing the work to an instance, retrying it when one dies, is pg-boss's, in
// a schema of its own (src/platform/jobs); this table is the partnership's
// record, kept apart by row-level security like every partnership table, and
// found by an id nobody can guess (gen_random_uuid: 122 random bits).
//
// Progress moves every second or so while work runs, so the page-cache's data
// versions do not watch the table (no note_data_change trigger): the progress
// page is never kept (no-store), and what an ended job changed (the values, the
// value_imports row, the audit event) moves the versions as any change does.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE background_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      kind text NOT NULL CHECK (kind IN ('value-import')),
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'refused', 'failed')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 255),
      requested_by uuid REFERENCES users(id),
      requested_by_label text NOT NULL,
      -- The upload the work reads, kept until the work ends.
      file_id uuid,
      total_bytes bigint NOT NULL DEFAULT 0 CHECK (total_bytes >= 0),
      options jsonb NOT NULL DEFAULT '{}',
      progress jsonb NOT NULL DEFAULT '{}',
      -- How it ended: the counts, or the problems found in the file (capped), or what stopped it.
      result jsonb,
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      UNIQUE (partnership_id, id),
      FOREIGN KEY (partnership_id, file_id) REFERENCES stored_files (partnership_id, id),
      CHECK ((state IN ('succeeded', 'refused', 'failed')) = (finished_at IS NOT NULL))
    )
  `.execute(db)
  // The metrics count jobs under way and lately ended; the queue looks for work left queued.
  await sql`CREATE INDEX background_jobs_unfinished ON background_jobs (state) WHERE finished_at IS NULL`.execute(db)
  await sql`CREATE INDEX background_jobs_finished ON background_jobs (finished_at) WHERE finished_at IS NOT NULL`.execute(db)
  await sql`ALTER TABLE background_jobs ENABLE ROW LEVEL SECURITY`.execute(db)
  await sql`
    CREATE POLICY partnership_isolation ON background_jobs
    USING (partnership_id = thrive_current_partnership())
    WITH CHECK (partnership_id = thrive_current_partnership())
  `.execute(db)
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON background_jobs TO thrive_app`.execute(db)
}
