import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// A partnership that does not keep a priority set may propose a change to it:
// the keeping partnership's admins answer (made the change, or declined), or
// the service's operators when the platform keeps the set. A proposal is seen
// by the partnership that sent it and the one that keeps the set, nobody else.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The priority a proposal names must be one of its set's (a composite key, as people's organisations are).
  await sql`CREATE UNIQUE INDEX external_priorities_in_framework ON external_priorities (framework_id, id)`.execute(db)
  await sql`
    CREATE TABLE priority_set_proposals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      framework_id uuid NOT NULL REFERENCES external_frameworks(id),
      priority_id uuid,
      -- A partnership removed takes its proposals with it.
      from_partnership_id uuid NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
      proposed_by uuid REFERENCES users(id),
      proposed_by_label text NOT NULL CHECK (length(proposed_by_label) BETWEEN 1 AND 200),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
      created_at timestamptz NOT NULL DEFAULT now(),
      answer text CHECK (answer IN ('made', 'declined')),
      answer_text text NOT NULL DEFAULT '' CHECK (length(answer_text) <= 1000),
      answered_by uuid REFERENCES users(id),
      answered_by_label text CHECK (length(answered_by_label) BETWEEN 1 AND 200),
      answered_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      FOREIGN KEY (framework_id, priority_id) REFERENCES external_priorities (framework_id, id),
      CHECK ((answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (answered_by_label IS NULL))
    )
  `.execute(db)
  await sql`CREATE INDEX priority_set_proposals_open ON priority_set_proposals (framework_id, created_at) WHERE answer IS NULL`.execute(db)
  await sql`CREATE INDEX priority_set_proposals_from ON priority_set_proposals (from_partnership_id, framework_id)`.execute(db)

  // The second wall. Read by the sender and the keeper; sent only by a
  // partnership that does not keep the set, unanswered; answered only by the
  // keeper, and only the answer's columns. No one deletes one. Operators
  // answer for the platform's sets as the owner role, outside these policies.
  const keptHere = sql`EXISTS (SELECT 1 FROM external_frameworks f WHERE f.id = framework_id AND f.owner_partnership_id = thrive_current_partnership())`
  await sql`ALTER TABLE priority_set_proposals ENABLE ROW LEVEL SECURITY`.execute(db)
  await sql`CREATE POLICY sender_or_keeper_reads ON priority_set_proposals FOR SELECT USING (from_partnership_id = thrive_current_partnership() OR ${keptHere})`.execute(db)
  await sql`
    CREATE POLICY sender_proposes ON priority_set_proposals FOR INSERT
    WITH CHECK (from_partnership_id = thrive_current_partnership() AND NOT ${keptHere} AND answer IS NULL)
  `.execute(db)
  await sql`CREATE POLICY keeper_answers ON priority_set_proposals FOR UPDATE USING (${keptHere}) WITH CHECK (${keptHere})`.execute(db)
  await sql`GRANT SELECT, INSERT ON priority_set_proposals TO thrive_app`.execute(db)
  await sql`GRANT UPDATE (answer, answer_text, answered_by, answered_by_label, answered_at, version) ON priority_set_proposals TO thrive_app`.execute(db)

  // The answer goes in the sender's audit trail too, so they see it there. The
  // application role writes only its own partnership's trail, so it may do
  // only this in another's: record the answer, as answered (the actor is read
  // from the proposal, not given), to a proposal its own partnership keeps the set of, once.
  await sql`
    CREATE FUNCTION thrive_tell_proposer_of_answer(proposal uuid, told text, detail jsonb) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
      INSERT INTO audit_events (partnership_id, actor_id, actor_label, action, entity_type, entity_id, summary, after)
      SELECT p.from_partnership_id, p.answered_by, p.answered_by_label, 'update', 'priority-set-proposal', p.id::text, told, detail
      FROM priority_set_proposals p JOIN external_frameworks f ON f.id = p.framework_id
      WHERE p.id = proposal AND p.answer IS NOT NULL AND f.owner_partnership_id = thrive_current_partnership()
        -- Once per proposal: a keeper cannot write to the sender's trail again and again.
        AND NOT EXISTS (
          SELECT 1 FROM audit_events a
          WHERE a.partnership_id = p.from_partnership_id AND a.entity_type = 'priority-set-proposal' AND a.entity_id = p.id::text AND a.action = 'update'
        )
    $$
  `.execute(db)
  await sql`REVOKE ALL ON FUNCTION thrive_tell_proposer_of_answer(uuid, text, jsonb) FROM PUBLIC`.execute(db)
  await sql`GRANT EXECUTE ON FUNCTION thrive_tell_proposer_of_answer(uuid, text, jsonb) TO thrive_app`.execute(db)
}
