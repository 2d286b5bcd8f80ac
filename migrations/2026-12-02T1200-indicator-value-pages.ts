import { sql, type Kysely } from 'kysely'

// Frozen once landed: later changes go in a new migration.
// An indicator's values list pages newest period first: in this order the
// database reads one page from the index instead of sorting every value of an
// indicator that has hundreds of thousands of them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX indicator_values_newest_first
    ON indicator_values (partnership_id, indicator_id, period_starts_on DESC, area_code, sex, age, category_type, category_rank, category)
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX indicator_values_newest_first`.execute(db)
}
