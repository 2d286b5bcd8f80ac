import { sql } from 'kysely'
import type { Db } from '../src/platform/db/database.ts'
import { enterPartnership, type Trx } from '../src/platform/db/tenancy.ts'
import { demoContext } from './context.ts'
import { addDemoMemberships, hashDemoPassword, linkDemoAccounts, upsertDemoAccounts } from './accounts.ts'
import { removePartnership } from './remove.ts'
import { readablePassword } from './password.ts'
import { demoModules } from './modules/index.ts'
import { seedRegionalFrameworks } from './modules/strategy-framework.ts'
import { demoPartnership } from './data/partnership.ts'
import { demoAccounts, demoAdminEmail } from './data/accounts.ts'

export { demoAccounts, demoAdminEmail }
export const demoSlug = demoPartnership.slug

export interface DemoCredentials {
  email: string
  password: string
}

/**
 * On a database with no partnerships at all (a first start), builds the demo
 * and returns the admin's credentials; otherwise changes nothing and returns
 * null. Safe when several instances start at once: one builds, the rest see it.
 * Whether a start calls this at all is the service's setting (THRIVE_DEMO).
 */
export async function seedDemoIfEmpty(db: Db, options: { onBuild?: () => void } = {}): Promise<DemoCredentials | null> {
  if (await hasPartnerships(db)) return null
  const password = readablePassword()
  const hashes = await hashDemoPassword(password)
  const built = await db.transaction().execute(async (trx) => {
    await holdSeedLock(trx)
    if (await hasPartnerships(trx)) return false
    // Building takes a few seconds: said only here, when this instance really builds it.
    options.onBuild?.()
    await buildDemo(trx, hashes)
    return true
  })
  return built ? { email: demoAdminEmail, password } : null
}

/**
 * Rebuilds the demo partnership from scratch: removes the existing one (slug
 * ‘oldham’) with all its rows, creates it again and gives the demo accounts a
 * new password. Other partnerships are untouched. All or nothing.
 */
export async function seedDemo(db: Db): Promise<DemoCredentials> {
  const password = readablePassword()
  const hashes = await hashDemoPassword(password)
  await db.transaction().execute(async (trx) => {
    await holdSeedLock(trx)
    const existing = await trx.selectFrom('partnerships').select('id').where('slug', '=', demoSlug).executeTakeFirst()
    if (existing) await removePartnership(trx, existing.id)
    await buildDemo(trx, hashes)
  })
  return { email: demoAdminEmail, password }
}

/** Whether any partnership exists (a start with none says how to create one). */
export async function hasPartnerships(db: Db | Trx): Promise<boolean> {
  return Boolean(await db.selectFrom('partnerships').select('id').limit(1).executeTakeFirst())
}

/** Serialises demo building across instances sharing one PostgreSQL database. */
async function holdSeedLock(trx: Trx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('thrive demo seed'))`.execute(trx)
}

async function buildDemo(trx: Trx, passwordHashes: string[]): Promise<void> {
  // Platform-level rows first, as the owner role: the partnership, the accounts and the regional priority sets.
  const partnership = await trx
    .insertInto('partnerships')
    .values({
      slug: demoPartnership.slug,
      name: demoPartnership.name,
      area_code: demoPartnership.areaCode,
      description: demoPartnership.description,
      is_published: demoPartnership.isPublished,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const accounts = await upsertDemoAccounts(trx, passwordHashes)
  const context = demoContext(trx, partnership.id)
  await seedRegionalFrameworks(context)

  // Everything else inside the partnership's row-level security, as a person's edits would be.
  await enterPartnership(trx, partnership.id)
  await context.audit({
    action: 'create',
    entityType: 'partnership',
    entityId: partnership.id,
    summary: `Created the demo partnership ‘${partnership.name}’`,
    after: partnership,
  })
  await addDemoMemberships(context, accounts)
  for (const module of demoModules) await module.seed(context)
  await linkDemoAccounts(context, accounts)
}
