import type { Db } from '../../platform/db/database.ts'

/** Whether the account runs the service, read afresh (a session's copy may be older). */
export async function isOperator(db: Db, userId: string): Promise<boolean> {
  const user = await db.selectFrom('users').select('is_operator').where('id', '=', userId).executeTakeFirst()
  return user?.is_operator ?? false
}
