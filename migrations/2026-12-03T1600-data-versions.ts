import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// A number per partnership (and one for the platform's shared tables) that
// moves on with every transaction that changes anything, so a page rendered
// at one version can be served again until the next change, and never after.
//
// Every writing statement on a watched table notes its scope (the partnership
// the transaction is in, or the platform) once per transaction; the versions
// themselves move at COMMIT, in a deferred trigger, so a long transaction (a
// million-row import) holds no version's row lock while it works and other
// writers in its partnership are not queued behind it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE data_versions (
      scope text PRIMARY KEY CHECK (scope = 'platform' OR scope ~ '^[0-9a-f-]{36}$'),
      version bigint NOT NULL DEFAULT 0
    )
  `.execute(db)
  await sql`INSERT INTO data_versions (scope) VALUES ('platform')`.execute(db)
  await sql`CREATE TABLE data_version_changes (scope text NOT NULL, transaction_id bigint NOT NULL DEFAULT txid_current())`.execute(db)

  await sql`
    CREATE FUNCTION thrive_note_data_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        changed text := coalesce(thrive_current_partnership()::text, 'platform');
        noted text := coalesce(current_setting('thrive.changed_scopes', true), '');
      BEGIN
        IF position(changed IN noted) = 0 THEN
          PERFORM set_config('thrive.changed_scopes', noted || changed || ' ', true);
          INSERT INTO data_version_changes (scope) VALUES (changed);
        END IF;
        RETURN NULL;
      END $$
  `.execute(db)
  // All of a transaction's scopes move together, in one order, so two transactions
  // committing at once (one changing the platform then a partnership, the other the
  // reverse) cannot each hold the row the other needs.
  await sql`
    CREATE FUNCTION thrive_move_data_version() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        changed text;
      BEGIN
        FOR changed IN SELECT DISTINCT scope FROM data_version_changes WHERE transaction_id = txid_current() ORDER BY scope LOOP
          INSERT INTO data_versions AS v (scope, version) VALUES (changed, 1)
          ON CONFLICT (scope) DO UPDATE SET version = v.version + 1;
        END LOOP;
        DELETE FROM data_version_changes WHERE transaction_id = txid_current();
        RETURN NULL;
      END $$
  `.execute(db)
  await sql`
    CREATE CONSTRAINT TRIGGER move_data_version AFTER INSERT ON data_version_changes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION thrive_move_data_version()
  `.execute(db)

  // Every table but these: sessions change on every sign-in and show on no page
  // but the signed-in person's own (whose session is part of a page's key), and
  // the versions' own tables.
  const unwatched = ['sessions', 'data_versions', 'data_version_changes', 'kysely_migration', 'kysely_migration_lock']
  const tables = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> ALL (${unwatched}) ORDER BY tablename
  `.execute(db)
  for (const { name } of tables.rows) {
    await sql`
      CREATE TRIGGER note_data_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(name)}
      FOR EACH STATEMENT EXECUTE FUNCTION thrive_note_data_change()
    `.execute(db)
  }
}
