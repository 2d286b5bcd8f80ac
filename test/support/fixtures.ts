import type { Db } from '../../src/platform/db/database.ts'
import type { Role } from '../../src/platform/db/tables.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { hashPassword } from '../../src/platform/auth/passwords.ts'

export const testPassword = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

export async function createPartnership(db: Db, slug: string, name = `Partnership ${slug}`, isPublished = false) {
  return db.insertInto('partnerships').values({ slug, name, is_published: isPublished }).returningAll().executeTakeFirstOrThrow()
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
