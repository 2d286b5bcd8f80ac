import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// Accounts span partnerships, so no partnership's admin may attach or take
// over an account silently: a person joins a partnership by accepting an
// invitation. Platform operators (council IT, set only from the command line)
// create partnerships.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN is_operator boolean NOT NULL DEFAULT false`.execute(db)

  await sql`
    CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
      -- The name the inviter gave: offered to a new account, never written over an existing one.
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
      role text NOT NULL CHECK (role IN ('admin', 'editor', 'contributor', 'viewer')),
      -- Null when an operator invited from the command line.
      invited_by uuid REFERENCES users(id),
      invited_by_label text NOT NULL,
      -- Only the hash: the link is shown once to the inviter and never stored.
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      accepted_at timestamptz,
      declined_at timestamptz,
      withdrawn_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      CHECK (num_nonnulls(accepted_at, declined_at, withdrawn_at) <= 1)
    )
  `.execute(db)
  // One open invitation per person and partnership: inviting again replaces it.
  await sql`
    CREATE UNIQUE INDEX invitations_open ON invitations (partnership_id, email)
    WHERE accepted_at IS NULL AND declined_at IS NULL AND withdrawn_at IS NULL
  `.execute(db)
  await sql`CREATE INDEX invitations_email ON invitations (email)`.execute(db)
  await sql`ALTER TABLE invitations ENABLE ROW LEVEL SECURITY`.execute(db)
  await sql`
    CREATE POLICY partnership_isolation ON invitations
    USING (partnership_id = thrive_current_partnership())
    WITH CHECK (partnership_id = thrive_current_partnership())
  `.execute(db)
  await sql`GRANT SELECT, INSERT, UPDATE ON invitations TO thrive_app`.execute(db)

  // Removing a member or changing their role ends their sessions in that
  // partnership. Sessions are platform rows the application role cannot
  // touch, so it may do only this, and only in the partnership it is in.
  await sql`
    CREATE FUNCTION thrive_end_sessions_in_partnership(member uuid) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
      DELETE FROM sessions WHERE user_id = member AND partnership_id = thrive_current_partnership()
    $$
  `.execute(db)
  await sql`REVOKE ALL ON FUNCTION thrive_end_sessions_in_partnership(uuid) FROM PUBLIC`.execute(db)
  await sql`GRANT EXECUTE ON FUNCTION thrive_end_sessions_in_partnership(uuid) TO thrive_app`.execute(db)
}
