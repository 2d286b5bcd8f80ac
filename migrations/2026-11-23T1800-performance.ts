import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// Performance management: areas and comparator groups, the indicator library,
// values by area × period × breakdown, targets, report cards, data requests
// and the record of value imports.
export async function up(db: Kysely<unknown>): Promise<void> {
  // ONS GSS areas are shared by every partnership (partnership_id null); a
  // partnership's own localities are its own rows.
  await sql`
    CREATE TABLE areas (
      code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9-]{2,20}$'),
      partnership_id uuid REFERENCES partnerships(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('country', 'region', 'local-authority', 'ward', 'locality', 'health-area')),
      parent_code text REFERENCES areas(code),
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db)
  await sql`CREATE INDEX areas_partnership ON areas (partnership_id)`.execute(db)

  await sql`
    CREATE TABLE comparator_groups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('england', 'region', 'regional-partnership', 'statistical-neighbours', 'other')),
      description text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE UNIQUE INDEX comparator_groups_name ON comparator_groups (partnership_id, lower(name))`.execute(db)
  await sql`
    CREATE TABLE comparator_group_areas (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      group_id uuid NOT NULL,
      area_code text NOT NULL REFERENCES areas(code),
      PRIMARY KEY (group_id, area_code),
      FOREIGN KEY (partnership_id, group_id) REFERENCES comparator_groups (partnership_id, id)
    )
  `.execute(db)

  await sql`
    CREATE TABLE indicators (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      description text NOT NULL DEFAULT '',
      rationale text NOT NULL DEFAULT '',
      source text NOT NULL DEFAULT '',
      unit text NOT NULL DEFAULT '' CHECK (length(unit) <= 60),
      value_type text NOT NULL CHECK (value_type IN ('count', 'proportion', 'crude-rate', 'directly-standardised-rate', 'mean', 'score', 'ratio')),
      -- "per 100,000" for rates, 100 for a percentage; 1 otherwise.
      multiplier integer NOT NULL DEFAULT 1 CHECK (multiplier IN (1, 100, 1000, 10000, 100000)),
      decimal_places integer NOT NULL DEFAULT 1 CHECK (decimal_places BETWEEN 0 AND 4),
      polarity text NOT NULL CHECK (polarity IN ('high-is-good', 'low-is-good', 'no-judgement')),
      frequency text NOT NULL CHECK (frequency IN ('annual', 'quarterly', 'monthly')),
      period_type text NOT NULL CHECK (period_type IN ('financial-year', 'academic-year', 'calendar-year', 'quarter', 'month', 'rolling-3-years')),
      comparison_method text NOT NULL CHECK (comparison_method IN ('ci-95', 'ci-99.8', 'two-level', 'quintiles', 'none')),
      small_number_threshold integer NOT NULL DEFAULT 5 CHECK (small_number_threshold BETWEEN 0 AND 100),
      target_lead_id uuid,
      owning_body_id uuid,
      external_source text CHECK (external_source IN ('fingertips')),
      external_id text CHECK (length(external_id) BETWEEN 1 AND 40),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      CHECK ((external_source IS NULL) = (external_id IS NULL)),
      FOREIGN KEY (partnership_id, target_lead_id) REFERENCES people (partnership_id, id),
      FOREIGN KEY (partnership_id, owning_body_id) REFERENCES bodies (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE UNIQUE INDEX indicators_title ON indicators (partnership_id, lower(title))`.execute(db)
  await sql`CREATE UNIQUE INDEX indicators_external ON indicators (partnership_id, external_source, external_id) WHERE external_id IS NOT NULL`.execute(db)
  await sql`
    CREATE TABLE indicator_outcomes (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      indicator_id uuid NOT NULL,
      outcome_id uuid NOT NULL,
      PRIMARY KEY (indicator_id, outcome_id),
      FOREIGN KEY (partnership_id, indicator_id) REFERENCES indicators (partnership_id, id),
      FOREIGN KEY (partnership_id, outcome_id) REFERENCES outcomes (partnership_id, id)
    )
  `.execute(db)

  await sql`
    CREATE TABLE value_imports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
      layout text NOT NULL CHECK (layout IN ('thrive', 'fingertips')),
      row_count integer NOT NULL CHECK (row_count >= 0),
      imported_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (partnership_id, id)
    )
  `.execute(db)

  // A value for one area, period and breakdown. The period is kept as the date
  // it starts; its label ("2018/19", "2016 - 18") comes from the indicator's
  // period type. Limits left empty are computed on reading by the indicator's
  // method, never stored beside the count they come from.
  await sql`
    CREATE TABLE indicator_values (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      indicator_id uuid NOT NULL,
      area_code text NOT NULL REFERENCES areas(code),
      period_starts_on date NOT NULL,
      sex text NOT NULL DEFAULT 'persons' CHECK (sex IN ('persons', 'male', 'female')),
      age text NOT NULL DEFAULT '' CHECK (length(age) <= 40),
      category_type text NOT NULL DEFAULT '' CHECK (length(category_type) <= 100),
      category text NOT NULL DEFAULT '' CHECK (length(category) <= 100),
      -- Order within the category type (1 = most deprived decile), for the slope index of inequality.
      category_rank integer,
      count numeric,
      denominator numeric CHECK (denominator >= 0),
      value numeric,
      lower_95 numeric,
      upper_95 numeric,
      lower_998 numeric,
      upper_998 numeric,
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
      illustrative boolean NOT NULL DEFAULT false,
      import_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK (count IS NULL OR count >= 0),
      CHECK ((lower_95 IS NULL) = (upper_95 IS NULL) AND (lower_95 IS NULL OR lower_95 <= upper_95)),
      CHECK ((lower_998 IS NULL) = (upper_998 IS NULL) AND (lower_998 IS NULL OR lower_998 <= upper_998)),
      FOREIGN KEY (partnership_id, indicator_id) REFERENCES indicators (partnership_id, id),
      FOREIGN KEY (partnership_id, import_id) REFERENCES value_imports (partnership_id, id)
    )
  `.execute(db)
  await sql`
    CREATE UNIQUE INDEX indicator_values_key
    ON indicator_values (partnership_id, indicator_id, area_code, period_starts_on, sex, age, category_type, category)
  `.execute(db)

  // A target for a period: a value, or a position against a comparator group.
  await sql`
    CREATE TABLE targets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      indicator_id uuid NOT NULL,
      period_starts_on date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('value', 'better-than-group', 'top-quartile-of-group')),
      value numeric,
      group_id uuid,
      amber_tolerance numeric NOT NULL DEFAULT 0 CHECK (amber_tolerance >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      UNIQUE (indicator_id, period_starts_on),
      CHECK ((kind = 'value') = (value IS NOT NULL)),
      CHECK ((kind = 'value') = (group_id IS NULL)),
      FOREIGN KEY (partnership_id, indicator_id) REFERENCES indicators (partnership_id, id),
      FOREIGN KEY (partnership_id, group_id) REFERENCES comparator_groups (partnership_id, id)
    )
  `.execute(db)

  // The Outcomes-Based Accountability report card ("turn the curve") of an indicator.
  await sql`
    CREATE TABLE report_cards (
      indicator_id uuid PRIMARY KEY,
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      story text NOT NULL DEFAULT '' CHECK (length(story) <= 8000),
      partners text NOT NULL DEFAULT '' CHECK (length(partners) <= 4000),
      what_works text NOT NULL DEFAULT '' CHECK (length(what_works) <= 8000),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      FOREIGN KEY (partnership_id, indicator_id) REFERENCES indicators (partnership_id, id)
    )
  `.execute(db)
  await sql`
    CREATE TABLE report_card_objectives (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      indicator_id uuid NOT NULL,
      objective_id uuid NOT NULL,
      PRIMARY KEY (indicator_id, objective_id),
      FOREIGN KEY (partnership_id, indicator_id) REFERENCES indicators (partnership_id, id),
      FOREIGN KEY (partnership_id, objective_id) REFERENCES plan_objectives (partnership_id, id)
    )
  `.execute(db)
  await sql`
    CREATE TABLE indicator_commentary (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      indicator_id uuid NOT NULL,
      written_on date NOT NULL,
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
      author_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (partnership_id, indicator_id) REFERENCES indicators (partnership_id, id)
    )
  `.execute(db)
  await sql`CREATE INDEX indicator_commentary_indicator ON indicator_commentary (partnership_id, indicator_id, written_on DESC)`.execute(db)

  // Requests to partner organisations for a period's values. "Late" is not a
  // status kept here: it is a requested one past its due date.
  await sql`
    CREATE TABLE data_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      organisation_id uuid NOT NULL,
      period_label text NOT NULL CHECK (length(period_label) BETWEEN 1 AND 40),
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'submitted', 'approved')),
      notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      UNIQUE (partnership_id, id),
      FOREIGN KEY (partnership_id, organisation_id) REFERENCES organisations (partnership_id, id)
    )
  `.execute(db)
  await sql`
    CREATE TABLE data_request_indicators (
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      request_id uuid NOT NULL,
      indicator_id uuid NOT NULL,
      PRIMARY KEY (request_id, indicator_id),
      FOREIGN KEY (partnership_id, request_id) REFERENCES data_requests (partnership_id, id),
      FOREIGN KEY (partnership_id, indicator_id) REFERENCES indicators (partnership_id, id)
    )
  `.execute(db)

  const owned = [
    'comparator_groups', 'comparator_group_areas', 'indicators', 'indicator_outcomes', 'value_imports', 'indicator_values',
    'targets', 'report_cards', 'report_card_objectives', 'indicator_commentary', 'data_requests', 'data_request_indicators',
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
  // Shared areas are read by all; a partnership adds and sees only its own localities.
  await sql`ALTER TABLE areas ENABLE ROW LEVEL SECURITY`.execute(db)
  await sql`CREATE POLICY shared_or_own_read ON areas FOR SELECT USING (partnership_id IS NULL OR partnership_id = thrive_current_partnership())`.execute(db)
  await sql`CREATE POLICY own_write ON areas FOR INSERT WITH CHECK (partnership_id = thrive_current_partnership())`.execute(db)
  await sql`CREATE POLICY own_update ON areas FOR UPDATE USING (partnership_id = thrive_current_partnership()) WITH CHECK (partnership_id = thrive_current_partnership())`.execute(db)
  await sql`GRANT SELECT, INSERT, UPDATE ON areas TO thrive_app`.execute(db)
}
