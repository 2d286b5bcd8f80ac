import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// A priority set belongs to whoever made it: the partnership whose admin added
// it, or none for the regional and national sets the platform keeps for every
// partnership (the GM Children's Plan). Every partnership still reads and
// aligns to every set; only the owner's members change one. Sets made before
// this was recorded cannot be traced to a partnership (their audit rows went
// to every partnership), so they become the platform's, changed by an operator.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A partnership removed leaves its sets to the platform rather than taking
  // with them the priorities other partnerships align to.
  await sql`ALTER TABLE external_frameworks ADD COLUMN owner_partnership_id uuid REFERENCES partnerships(id) ON DELETE SET NULL`.execute(db)
  await sql`CREATE INDEX external_frameworks_owner ON external_frameworks (owner_partnership_id)`.execute(db)

  // The second wall: the application role reads every set but writes only its
  // own partnership's. The owner role (migrations, the command line, the demo
  // seed) is not bound by these policies and keeps the platform's sets.
  await sql`ALTER TABLE external_frameworks ENABLE ROW LEVEL SECURITY`.execute(db)
  await sql`CREATE POLICY every_partnership_reads ON external_frameworks FOR SELECT USING (true)`.execute(db)
  await sql`CREATE POLICY owner_adds ON external_frameworks FOR INSERT WITH CHECK (owner_partnership_id = thrive_current_partnership())`.execute(db)
  await sql`
    CREATE POLICY owner_changes ON external_frameworks FOR UPDATE
    USING (owner_partnership_id = thrive_current_partnership())
    WITH CHECK (owner_partnership_id = thrive_current_partnership())
  `.execute(db)

  const ownSet = sql`EXISTS (SELECT 1 FROM external_frameworks f WHERE f.id = framework_id AND f.owner_partnership_id = thrive_current_partnership())`
  await sql`ALTER TABLE external_priorities ENABLE ROW LEVEL SECURITY`.execute(db)
  await sql`CREATE POLICY every_partnership_reads ON external_priorities FOR SELECT USING (true)`.execute(db)
  await sql`CREATE POLICY owner_adds ON external_priorities FOR INSERT WITH CHECK (${ownSet})`.execute(db)
  await sql`CREATE POLICY owner_changes ON external_priorities FOR UPDATE USING (${ownSet}) WITH CHECK (${ownSet})`.execute(db)
}
