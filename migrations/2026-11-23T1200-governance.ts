import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// Governance: bodies and their accountability lines, who sits on them, their
// terms of reference, meetings with papers, recommendations and decisions,
// attendance, the action log and the forward plan.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A person in the directory may be a user of the service: their "my work" page.
  await sql`ALTER TABLE people ADD COLUMN user_id uuid REFERENCES users(id)`.execute(db)
  await sql`CREATE UNIQUE INDEX people_user ON people (partnership_id, user_id) WHERE user_id IS NOT NULL`.execute(db)
  await sql`ALTER TABLE people ADD CONSTRAINT people_partnership_id_key UNIQUE (partnership_id, id)`.execute(db)

  await sql`
    CREATE TABLE stored_files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
      content_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes >= 0),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      uploaded_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (partnership_id, id)
    )
  `.execute(db)

  await sql`
    CREATE TABLE bodies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      short_name text CHECK (length(short_name) BETWEEN 1 AND 40),
      kind text NOT NULL CHECK (kind IN ('health-and-wellbeing-board', 'strategic-partnership-board', 'strategy-group',
        'commissioning-group', 'delivery-partnership', 'locality-group', 'stakeholder-board', 'children-and-young-peoples-board',
        'sub-group', 'working-group')),
      purpose text NOT NULL DEFAULT '',
      accountable_to_id uuid,
      established_on date,
      ended_on date,
      superseded_by_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      CHECK (ended_on IS NULL OR established_on IS NULL OR ended_on >= established_on),
      CHECK (accountable_to_id IS DISTINCT FROM id),
      CHECK (superseded_by_id IS DISTINCT FROM id),
      FOREIGN KEY (partnership_id, accountable_to_id) REFERENCES bodies (partnership_id, id),
      FOREIGN KEY (partnership_id, superseded_by_id) REFERENCES bodies (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE UNIQUE INDEX bodies_name ON bodies (partnership_id, lower(name))`.execute(db)
  await sql`CREATE INDEX bodies_accountable_to ON bodies (partnership_id, accountable_to_id)`.execute(db)

  await sql`
    CREATE TABLE body_members (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      body_id uuid NOT NULL,
      person_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('chair', 'vice-chair', 'lead-officer', 'member', 'adviser', 'observer')),
      representing_id uuid,
      starts_on date,
      ends_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
      FOREIGN KEY (partnership_id, body_id) REFERENCES bodies (partnership_id, id),
      FOREIGN KEY (partnership_id, person_id) REFERENCES people (partnership_id, id),
      FOREIGN KEY (partnership_id, representing_id) REFERENCES organisations (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE INDEX body_members_body ON body_members (partnership_id, body_id)`.execute(db)
  await sql`CREATE INDEX body_members_person ON body_members (partnership_id, person_id)`.execute(db)

  await sql`
    CREATE TABLE terms_of_reference (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      body_id uuid NOT NULL,
      version_number integer NOT NULL CHECK (version_number > 0),
      purpose text NOT NULL DEFAULT '',
      membership text NOT NULL DEFAULT '',
      quorum integer CHECK (quorum > 0),
      quorum_notes text NOT NULL DEFAULT '',
      delegated_powers text NOT NULL DEFAULT '',
      reporting_arrangements text NOT NULL DEFAULT '',
      agreed_on date,
      review_due_on date,
      file_id uuid,
      created_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (partnership_id, body_id, version_number),
      FOREIGN KEY (partnership_id, body_id) REFERENCES bodies (partnership_id, id),
      FOREIGN KEY (partnership_id, file_id) REFERENCES stored_files (partnership_id, id)
    )
  `.execute(db)

  await sql`
    CREATE TABLE meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      body_id uuid NOT NULL,
      starts_at timestamptz NOT NULL,
      location text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
      notes text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      FOREIGN KEY (partnership_id, body_id) REFERENCES bodies (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE INDEX meetings_body ON meetings (partnership_id, body_id, starts_at)`.execute(db)

  await sql`
    CREATE TABLE agenda_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      meeting_id uuid NOT NULL,
      position integer NOT NULL CHECK (position > 0),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      presenter_id uuid,
      purpose text NOT NULL CHECK (purpose IN ('decision', 'noting', 'information')),
      report text NOT NULL DEFAULT '',
      file_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      FOREIGN KEY (partnership_id, meeting_id) REFERENCES meetings (partnership_id, id),
      FOREIGN KEY (partnership_id, presenter_id) REFERENCES people (partnership_id, id),
      FOREIGN KEY (partnership_id, file_id) REFERENCES stored_files (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE INDEX agenda_items_meeting ON agenda_items (partnership_id, meeting_id, position)`.execute(db)

  await sql`
    CREATE TABLE recommendations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      agenda_item_id uuid NOT NULL,
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 10),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
      decision text CHECK (decision IN ('approved', 'endorsed', 'noted', 'agreed', 'deferred', 'rejected', 'amended')),
      decision_text text NOT NULL DEFAULT '',
      decided_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      FOREIGN KEY (partnership_id, agenda_item_id) REFERENCES agenda_items (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE INDEX recommendations_item ON recommendations (partnership_id, agenda_item_id)`.execute(db)

  await sql`
    CREATE TABLE attendance (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      meeting_id uuid NOT NULL,
      person_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('present', 'apologies', 'absent', 'substitute')),
      substitute_for_id uuid,
      PRIMARY KEY (partnership_id, meeting_id, person_id),
      CHECK ((status = 'substitute') = (substitute_for_id IS NOT NULL)),
      FOREIGN KEY (partnership_id, meeting_id) REFERENCES meetings (partnership_id, id),
      FOREIGN KEY (partnership_id, person_id) REFERENCES people (partnership_id, id),
      FOREIGN KEY (partnership_id, substitute_for_id) REFERENCES people (partnership_id, id)
    )
  `.execute(db)

  await sql`
    CREATE TABLE actions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      body_id uuid NOT NULL,
      meeting_id uuid,
      agenda_item_id uuid,
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
      owner_id uuid,
      due_on date,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress', 'done', 'dropped')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      FOREIGN KEY (partnership_id, body_id) REFERENCES bodies (partnership_id, id),
      FOREIGN KEY (partnership_id, meeting_id) REFERENCES meetings (partnership_id, id),
      FOREIGN KEY (partnership_id, agenda_item_id) REFERENCES agenda_items (partnership_id, id),
      FOREIGN KEY (partnership_id, owner_id) REFERENCES people (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE INDEX actions_body ON actions (partnership_id, body_id, status)`.execute(db)
  await sql`CREATE INDEX actions_owner ON actions (partnership_id, owner_id, status)`.execute(db)

  await sql`
    CREATE TABLE action_updates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      action_id uuid NOT NULL,
      note text NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),
      status text NOT NULL CHECK (status IN ('open', 'in-progress', 'done', 'dropped')),
      author_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (partnership_id, action_id) REFERENCES actions (partnership_id, id)
    )
  `.execute(db)

  // The forward plan: items a body expects to take, once or on a cycle (the quarterly update to the HWB).
  await sql`
    CREATE TABLE planned_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      body_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      purpose text NOT NULL CHECK (purpose IN ('decision', 'noting', 'information')),
      lead_id uuid,
      meeting_id uuid,
      first_due_on date NOT NULL,
      recurrence text NOT NULL DEFAULT 'once' CHECK (recurrence IN ('once', 'monthly', 'quarterly', 'six-monthly', 'annually')),
      ends_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      FOREIGN KEY (partnership_id, body_id) REFERENCES bodies (partnership_id, id),
      FOREIGN KEY (partnership_id, lead_id) REFERENCES people (partnership_id, id),
      FOREIGN KEY (partnership_id, meeting_id) REFERENCES meetings (partnership_id, id)
    )
  `.execute(db)

  const owned = ['stored_files', 'bodies', 'body_members', 'terms_of_reference', 'meetings', 'agenda_items', 'recommendations', 'attendance', 'actions', 'action_updates', 'planned_items']
  for (const table of owned) {
    await sql`ALTER TABLE ${sql.table(table)} ENABLE ROW LEVEL SECURITY`.execute(db)
    await sql`
      CREATE POLICY partnership_isolation ON ${sql.table(table)}
      USING (partnership_id = thrive_current_partnership())
      WITH CHECK (partnership_id = thrive_current_partnership())
    `.execute(db)
    await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${sql.table(table)} TO thrive_app`.execute(db)
  }
}
