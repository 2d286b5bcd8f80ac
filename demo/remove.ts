import { sql } from 'kysely'
import type { Trx } from '../src/platform/db/tenancy.ts'
import { applicationTables } from '../src/cli/schema.ts'

/**
 * Deletes a partnership and every row that belongs to it, in every table with
 * a partnership_id (found in the catalogue, so tables added later are covered),
 * children before parents. Runs as the owner role: the audit trail is
 * append-only for the application role, and this is the one place a
 * partnership's history is meant to go with it.
 */
export async function removePartnership(trx: Trx, partnershipId: string): Promise<void> {
  const tables = await applicationTables(trx)
  for (const table of [...tables].reverse()) {
    if (table.name === 'partnerships' || !table.columns.some((c) => c.name === 'partnership_id')) continue
    await sql`DELETE FROM ${sql.table(table.name)} WHERE partnership_id = ${partnershipId}`.execute(trx)
  }
  await trx.deleteFrom('partnerships').where('id', '=', partnershipId).execute()
}
