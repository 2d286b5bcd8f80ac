import { sql, type Transaction } from 'kysely'
import type { Db } from './database.ts'
import type { Database } from './tables.ts'

export type Trx = Transaction<Database>

/**
 * Runs work inside one transaction as the row-level-security role with the
 * partnership set, so a query that forgets its partnership filter still sees
 * (and can write) only that partnership's rows.
 */
export async function inPartnership<T>(db: Db, partnershipId: string, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enterPartnership(trx, partnershipId)
    return work(trx)
  })
}

/**
 * Switches an open transaction into a partnership's row-level security, after
 * it has done platform-wide work (such as creating a user) as the owner role.
 */
export async function enterPartnership(trx: Trx, partnershipId: string): Promise<void> {
  await sql`SET LOCAL ROLE thrive_app`.execute(trx)
  await sql`SELECT set_config('thrive.partnership_id', ${partnershipId}, true)`.execute(trx)
}
