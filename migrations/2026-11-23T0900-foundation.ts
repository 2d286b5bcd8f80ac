import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// Tenancy is enforced twice: services filter by partnership, and row-level
// security (as the thrive_app role) refuses rows of any other partnership even
// when a query forgets to filter.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$ BEGIN
      CREATE ROLE thrive_app NOLOGIN;
    EXCEPTION WHEN duplicate_object THEN NULL;
    END $$;
  `.execute(db)
  // The connecting role must be able to SET ROLE thrive_app inside transactions.
  await sql`
    DO $$ BEGIN
      EXECUTE format('GRANT thrive_app TO %I', current_user);
    EXCEPTION WHEN others THEN NULL;
    END $$;
  `.execute(db)
  await sql`GRANT USAGE ON SCHEMA public TO thrive_app`.execute(db)

  await sql`
    CREATE FUNCTION thrive_current_partnership() RETURNS uuid
    LANGUAGE sql STABLE AS $$
      SELECT nullif(current_setting('thrive.partnership_id', true), '')::uuid
    $$
  `.execute(db)

  await sql`
    CREATE TABLE partnerships (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      area_code text CHECK (area_code ~ '^[EWSNK][0-9]{8}$'),
      description text NOT NULL DEFAULT '',
      is_published boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )
  `.execute(db)

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
      password_hash text NOT NULL,
      failed_sign_ins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz,
      version integer NOT NULL DEFAULT 1
    )
  `.execute(db)

  await sql`
    CREATE TABLE memberships (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      user_id uuid NOT NULL REFERENCES users(id),
      role text NOT NULL CHECK (role IN ('admin', 'editor', 'contributor', 'viewer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (partnership_id, user_id)
    )
  `.execute(db)
  await sql`CREATE INDEX memberships_user ON memberships (user_id)`.execute(db)

  await sql`
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      partnership_id uuid REFERENCES partnerships(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )
  `.execute(db)
  await sql`CREATE INDEX sessions_user ON sessions (user_id)`.execute(db)

  await sql`
    CREATE TABLE audit_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      partnership_id uuid REFERENCES partnerships(id),
      actor_id uuid REFERENCES users(id),
      actor_label text NOT NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      summary text NOT NULL,
      before jsonb,
      after jsonb,
      at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db)
  await sql`CREATE INDEX audit_events_partnership_at ON audit_events (partnership_id, at DESC)`.execute(db)

  await sql`
    CREATE TABLE organisations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      sector text NOT NULL CHECK (sector IN ('local-authority', 'nhs', 'police', 'education', 'vcfs', 'other')),
      is_statutory boolean NOT NULL,
      website text,
      description text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE UNIQUE INDEX organisations_name ON organisations (partnership_id, lower(name))`.execute(db)

  await sql`
    CREATE TABLE people (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      name text CHECK (length(name) BETWEEN 1 AND 200),
      role_title text CHECK (length(role_title) BETWEEN 1 AND 200),
      job_title text CHECK (length(job_title) BETWEEN 1 AND 200),
      organisation_id uuid,
      email text CHECK (email = lower(email) AND email LIKE '%_@_%'),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      CHECK (name IS NOT NULL OR role_title IS NOT NULL),
      -- Composite key: a person can only belong to an organisation of their own partnership.
      FOREIGN KEY (partnership_id, organisation_id) REFERENCES organisations (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE INDEX people_organisation ON people (partnership_id, organisation_id)`.execute(db)

  for (const [table, column] of [
    ['partnerships', 'id'],
    ['memberships', 'partnership_id'],
    ['audit_events', 'partnership_id'],
    ['organisations', 'partnership_id'],
    ['people', 'partnership_id'],
  ] as const) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db)
    await sql`
      CREATE POLICY partnership_isolation ON ${sql.table(table)}
      USING (${sql.ref(column)} = thrive_current_partnership())
      WITH CHECK (${sql.ref(column)} = thrive_current_partnership())
    `.execute(db)
  }

  await sql`GRANT SELECT, UPDATE ON partnerships TO thrive_app`.execute(db)
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, organisations, people TO thrive_app`.execute(db)
  // The audit trail is append-only for the application role.
  await sql`GRANT SELECT, INSERT ON audit_events TO thrive_app`.execute(db)
  // Users are shared across partnerships; inside a partnership only their public columns are readable.
  await sql`GRANT SELECT (id, email, display_name, created_at, disabled_at) ON users TO thrive_app`.execute(db)
}
