import type { Trx } from '../src/platform/db/tenancy.ts'
import { hashPassword } from '../src/platform/auth/passwords.ts'
import type { DemoContext } from './context.ts'
import { demoAccounts } from './data/accounts.ts'

export interface DemoAccount {
  id: string
  email: string
  displayName: string
  role: (typeof demoAccounts)[number]['role']
}

/** One hash per account (each with its own salt), worked out before the transaction opens. */
export function hashDemoPassword(password: string): Promise<string[]> {
  return Promise.all(demoAccounts.map(() => hashPassword(password)))
}

/**
 * Creates the demo accounts, or resets them when the demo is rebuilt: the new
 * password replaces the old, any lock is lifted, and their sessions end.
 * Users are platform-wide, so this runs as the owner role.
 */
export async function upsertDemoAccounts(trx: Trx, passwordHashes: string[]): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = []
  for (const [i, account] of demoAccounts.entries()) {
    const values = { email: account.email, display_name: account.displayName, password_hash: passwordHashes[i]! }
    const user = await trx
      .insertInto('users')
      .values(values)
      .onConflict((oc) =>
        oc.column('email').doUpdateSet((eb) => ({
          display_name: values.display_name,
          password_hash: values.password_hash,
          failed_sign_ins: 0,
          locked_until: null,
          disabled_at: null,
          version: eb('users.version', '+', 1),
        })),
      )
      .returning(['id'])
      .executeTakeFirstOrThrow()
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute()
    accounts.push({ id: user.id, email: account.email, displayName: account.displayName, role: account.role })
  }
  return accounts
}

/** Makes each account a member of the demo partnership with its role; runs inside the partnership. */
export async function addDemoMemberships({ trx, partnershipId, audit }: DemoContext, accounts: DemoAccount[]): Promise<void> {
  for (const account of accounts) {
    await trx.insertInto('memberships').values({ partnership_id: partnershipId, user_id: account.id, role: account.role }).execute()
    const details = { id: account.id, email: account.email, displayName: account.displayName, role: account.role }
    await audit({
      action: 'create',
      entityType: 'membership',
      entityId: account.id,
      summary: `Added the demo account ‘${account.displayName}’ (${account.email}) to the partnership as ${account.role}`,
      after: details,
    })
  }
}

/** Links the accounts that stand for someone in the directory to their person record, once the directory exists. */
export async function linkDemoAccounts({ trx, partnershipId, refs, audit }: DemoContext, accounts: DemoAccount[]): Promise<void> {
  for (const [i, account] of accounts.entries()) {
    const key = demoAccounts[i]!.person
    if (!key) continue
    const person = await trx
      .updateTable('people')
      .set({ user_id: account.id })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', refs.get('person', key))
      .returningAll()
      .executeTakeFirstOrThrow()
    await audit({
      action: 'update',
      entityType: 'person',
      entityId: person.id,
      summary: `Linked the demo account ‘${account.displayName}’ (${account.email}) to ‘${person.role_title}’`,
      after: person,
    })
  }
}
