import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// Strategy: the strategic framework (ambition, outcomes, commitments) in
// versions, the regional and national priority sets it aligns to, strategies,
// delivery plans (aims, objectives, progress updates) and the workstreams
// under each body.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A framework version is drafted, consulted on and adopted; an adopted
  // version is frozen and a new draft starts as a copy of it.
  await sql`
    CREATE TABLE framework_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      number integer NOT NULL CHECK (number >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      ambition text NOT NULL CHECK (length(ambition) BETWEEN 1 AND 1000),
      introduction text NOT NULL DEFAULT '',
      stage text NOT NULL DEFAULT 'draft' CHECK (stage IN ('draft', 'consultation', 'adopted', 'superseded')),
      consultation_starts_on date,
      consultation_ends_on date,
      adopted_on date,
      adopted_by_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      UNIQUE (partnership_id, number),
      CHECK (consultation_ends_on IS NULL OR consultation_starts_on IS NULL OR consultation_ends_on >= consultation_starts_on),
      CHECK ((stage IN ('adopted', 'superseded')) = (adopted_on IS NOT NULL)),
      FOREIGN KEY (partnership_id, adopted_by_id) REFERENCES bodies (partnership_id, id)
    )
  `.execute(db)
  // Only one version is in force at a time.
  await sql`CREATE UNIQUE INDEX framework_versions_adopted ON framework_versions (partnership_id) WHERE stage = 'adopted'`.execute(db)

  // Outcomes and commitments keep one identity across versions, so plans,
  // workstreams and indicators linked to them survive a new version; the
  // wording belongs to each version.
  await sql`
    CREATE TABLE outcomes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (partnership_id, id)
    )
  `.execute(db)
  await sql`
    CREATE TABLE framework_outcomes (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      framework_id uuid NOT NULL,
      outcome_id uuid NOT NULL,
      position integer NOT NULL CHECK (position >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      description text NOT NULL DEFAULT '',
      PRIMARY KEY (framework_id, outcome_id),
      FOREIGN KEY (partnership_id, framework_id) REFERENCES framework_versions (partnership_id, id),
      FOREIGN KEY (partnership_id, outcome_id) REFERENCES outcomes (partnership_id, id)
    )
  `.execute(db)
  await sql`
    CREATE TABLE commitments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (partnership_id, id)
    )
  `.execute(db)
  await sql`
    CREATE TABLE framework_commitments (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      framework_id uuid NOT NULL,
      commitment_id uuid NOT NULL,
      position integer NOT NULL CHECK (position >= 1),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
      PRIMARY KEY (framework_id, commitment_id),
      FOREIGN KEY (partnership_id, framework_id) REFERENCES framework_versions (partnership_id, id),
      FOREIGN KEY (partnership_id, commitment_id) REFERENCES commitments (partnership_id, id)
    )
  `.execute(db)
  // Which outcomes a commitment serves, as this version says.
  await sql`
    CREATE TABLE commitment_outcomes (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      framework_id uuid NOT NULL,
      commitment_id uuid NOT NULL,
      outcome_id uuid NOT NULL,
      PRIMARY KEY (framework_id, commitment_id, outcome_id),
      FOREIGN KEY (framework_id, commitment_id) REFERENCES framework_commitments (framework_id, commitment_id) ON DELETE CASCADE,
      FOREIGN KEY (framework_id, outcome_id) REFERENCES framework_outcomes (framework_id, outcome_id) ON DELETE CASCADE
    )
  `.execute(db)

  // Regional and national priority sets, defined once for every partnership
  // (the GM Children's Plan): no partnership column, so no row-level security.
  await sql`
    CREATE TABLE external_frameworks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      publisher text NOT NULL CHECK (length(publisher) BETWEEN 1 AND 200),
      scope text NOT NULL CHECK (scope IN ('regional', 'national')),
      description text NOT NULL DEFAULT '',
      published_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1
    )
  `.execute(db)
  await sql`CREATE UNIQUE INDEX external_frameworks_title ON external_frameworks (lower(title))`.execute(db)
  await sql`
    CREATE TABLE external_priorities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      framework_id uuid NOT NULL REFERENCES external_frameworks(id),
      position integer NOT NULL CHECK (position >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1
    )
  `.execute(db)
  await sql`CREATE INDEX external_priorities_framework ON external_priorities (framework_id, position)`.execute(db)

  // The alignment matrix: which local outcomes and commitments serve which external priorities.
  await sql`
    CREATE TABLE outcome_alignments (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      outcome_id uuid NOT NULL,
      priority_id uuid NOT NULL REFERENCES external_priorities(id),
      PRIMARY KEY (outcome_id, priority_id),
      FOREIGN KEY (partnership_id, outcome_id) REFERENCES outcomes (partnership_id, id)
    )
  `.execute(db)
  await sql`
    CREATE TABLE commitment_alignments (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      commitment_id uuid NOT NULL,
      priority_id uuid NOT NULL REFERENCES external_priorities(id),
      PRIMARY KEY (commitment_id, priority_id),
      FOREIGN KEY (partnership_id, commitment_id) REFERENCES commitments (partnership_id, id)
    )
  `.execute(db)

  await sql`
    CREATE TABLE strategies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      summary text NOT NULL DEFAULT '',
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      owner_body_id uuid,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'ended', 'withdrawn')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      CHECK (ends_on >= starts_on),
      FOREIGN KEY (partnership_id, owner_body_id) REFERENCES bodies (partnership_id, id)
    )
  `.execute(db)

  await sql`
    CREATE TABLE plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      strategy_id uuid,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      summary text NOT NULL DEFAULT '',
      lead_body_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      FOREIGN KEY (partnership_id, strategy_id) REFERENCES strategies (partnership_id, id),
      FOREIGN KEY (partnership_id, lead_body_id) REFERENCES bodies (partnership_id, id)
    )
  `.execute(db)

  await sql`
    CREATE TABLE plan_aims (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      plan_id uuid NOT NULL,
      number integer NOT NULL CHECK (number >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      expected_outcome text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      FOREIGN KEY (partnership_id, plan_id) REFERENCES plans (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE UNIQUE INDEX plan_aims_number ON plan_aims (plan_id, number) WHERE archived_at IS NULL`.execute(db)

  // An objective or milestone. Its timescale is kept in the structured form the
  // seed's wording maps to ("November 2007", "Q2 2008", "ongoing", "annually",
  // "in line with the planning cycle", "April 2008 then annually"); the words are
  // rendered from it, never stored beside it. Its status and RAG are its latest
  // progress update, so they cannot drift from the updates.
  await sql`
    CREATE TABLE plan_objectives (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      aim_id uuid NOT NULL,
      position integer NOT NULL CHECK (position >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
      timescale_kind text NOT NULL CHECK (timescale_kind IN ('date', 'month', 'quarter', 'range', 'ongoing', 'annually', 'quarterly', 'planning-cycle')),
      timescale_starts_on date,
      timescale_ends_on date,
      timescale_then text CHECK (timescale_then IN ('ongoing', 'annually', 'quarterly')),
      timescale_note text CHECK (length(timescale_note) BETWEEN 1 AND 200),
      owner_id uuid,
      lead_body_id uuid,
      expected_outcome text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      CHECK (timescale_ends_on IS NULL OR timescale_starts_on IS NULL OR timescale_ends_on >= timescale_starts_on),
      CHECK ((timescale_kind IN ('date', 'month', 'quarter', 'range')) = (timescale_ends_on IS NOT NULL)),
      FOREIGN KEY (partnership_id, aim_id) REFERENCES plan_aims (partnership_id, id),
      FOREIGN KEY (partnership_id, owner_id) REFERENCES people (partnership_id, id),
      FOREIGN KEY (partnership_id, lead_body_id) REFERENCES bodies (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE INDEX plan_objectives_aim ON plan_objectives (partnership_id, aim_id, position)`.execute(db)
  await sql`CREATE INDEX plan_objectives_owner ON plan_objectives (partnership_id, owner_id)`.execute(db)
  await sql`CREATE INDEX plan_objectives_lead_body ON plan_objectives (partnership_id, lead_body_id)`.execute(db)

  await sql`
    CREATE TABLE objective_updates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      objective_id uuid NOT NULL,
      reported_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('not-started', 'on-track', 'at-risk', 'off-track', 'complete', 'dropped')),
      rag text CHECK (rag IN ('red', 'amber', 'green')),
      commentary text NOT NULL DEFAULT '' CHECK (length(commentary) <= 4000),
      author_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (partnership_id, objective_id) REFERENCES plan_objectives (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE INDEX objective_updates_latest ON objective_updates (partnership_id, objective_id, reported_on DESC, created_at DESC)`.execute(db)

  await sql`
    CREATE TABLE objective_outcomes (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      objective_id uuid NOT NULL,
      outcome_id uuid NOT NULL,
      PRIMARY KEY (objective_id, outcome_id),
      FOREIGN KEY (partnership_id, objective_id) REFERENCES plan_objectives (partnership_id, id),
      FOREIGN KEY (partnership_id, outcome_id) REFERENCES outcomes (partnership_id, id)
    )
  `.execute(db)

  // Strategies, services and projects under a body (seed 001 Appendix 1).
  await sql`
    CREATE TABLE workstreams (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      body_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('strategy', 'service', 'project')),
      description text NOT NULL DEFAULT '',
      lead_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      FOREIGN KEY (partnership_id, body_id) REFERENCES bodies (partnership_id, id),
      FOREIGN KEY (partnership_id, lead_id) REFERENCES people (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE UNIQUE INDEX workstreams_title ON workstreams (partnership_id, body_id, lower(title)) WHERE archived_at IS NULL`.execute(db)
  await sql`
    CREATE TABLE workstream_outcomes (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      workstream_id uuid NOT NULL,
      outcome_id uuid NOT NULL,
      PRIMARY KEY (workstream_id, outcome_id),
      FOREIGN KEY (partnership_id, workstream_id) REFERENCES workstreams (partnership_id, id),
      FOREIGN KEY (partnership_id, outcome_id) REFERENCES outcomes (partnership_id, id)
    )
  `.execute(db)
  await sql`
    CREATE TABLE workstream_objectives (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      workstream_id uuid NOT NULL,
      objective_id uuid NOT NULL,
      PRIMARY KEY (workstream_id, objective_id),
      FOREIGN KEY (partnership_id, workstream_id) REFERENCES workstreams (partnership_id, id),
      FOREIGN KEY (partnership_id, objective_id) REFERENCES plan_objectives (partnership_id, id)
    )
  `.execute(db)

  const owned = [
    'framework_versions', 'outcomes', 'framework_outcomes', 'commitments', 'framework_commitments', 'commitment_outcomes',
    'outcome_alignments', 'commitment_alignments', 'strategies', 'plans', 'plan_aims', 'plan_objectives', 'objective_updates',
    'objective_outcomes', 'workstreams', 'workstream_outcomes', 'workstream_objectives',
  ]
  for (const table of owned) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db)
    await sql`
      CREATE POLICY partnership_isolation ON ${sql.table(table)}
      USING (partnership_id = thrive_current_partnership())
      WITH CHECK (partnership_id = thrive_current_partnership())
    `.execute(db)
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${sql.table(table)} TO thrive_app`.execute(db)
  }
  for (const table of ['external_frameworks', 'external_priorities']) {
    await sql`GRANT SELECT, INSERT, UPDATE ON ${sql.table(table)} TO thrive_app`.execute(db)
  }
}
