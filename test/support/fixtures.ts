import type { Db } from '../../src/platform/db/database.ts'
import type { Role } from '../../src/platform/db/tables.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { hashPassword } from '../../src/platform/auth/passwords.ts'
import { createPartnership as createPartnershipAsOperator } from '../../src/directory/partnerships/service.ts'

export const testPassword = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

/**
 * A partnership made as an operator makes one (the same service as `thrive
 * partnership add` and /operator/partnerships), with no area unless given,
 * as before an admin sets it under Settings.
 */
export async function createPartnership(db: Db, slug: string, name = `Partnership ${slug}`, isPublished = false, areaCode?: string) {
  const { partnership } = await createPartnershipAsOperator(db, { slug, name, areaCode }, { userId: null, label: 'test fixture' }, { areaOptional: true })
  // Tests of the audit trail count exactly the events they make, so the
  // fixture's own "created the partnership" row goes (partnerships.test.ts checks it is written).
  await db.deleteFrom('audit_events').where('partnership_id', '=', partnership.id).where('actor_label', '=', 'test fixture').execute()
  if (!isPublished) return partnership
  return db.updateTable('partnerships').set({ is_published: true }).where('id', '=', partnership.id).returningAll().executeTakeFirstOrThrow()
}

/** A user with the shared test password, a member of the partnership with the role. */
export async function createMember(db: Db, partnershipId: string, role: Role, email = `${role}-${partnershipId.slice(0, 8)}@example.org`) {
  passwordHash ??= hashPassword(testPassword)
  const user = await db
    .insertInto('users')
    .values({ email, display_name: `Test ${role}`, password_hash: await passwordHash })
    .returningAll()
    .executeTakeFirstOrThrow()
  await db.insertInto('memberships').values({ partnership_id: partnershipId, user_id: user.id, role }).execute()
  const actor: Actor = { userId: user.id, label: user.display_name, partnershipId, role }
  return { user, actor }
}
