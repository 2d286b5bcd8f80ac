import type { Executor } from '../../platform/db/database.ts'

export async function linkedPerson(db: Executor, partnershipId: string, userId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'name', 'role_title'])
    .where('partnership_id', '=', partnershipId)
    .where('user_id', '=', userId)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
}

/** Scheduled meetings from now of the bodies the person currently sits on. */
export async function upcomingMeetingsFor(db: Executor, partnershipId: string, personId: string, now: Date, today: string) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select(['m.id', 'm.starts_at', 'm.location', 'b.name as bodyName'])
    .where('m.partnership_id', '=', partnershipId)
    .where('m.status', '=', 'scheduled')
    .where('m.starts_at', '>=', now)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('body_members as bm')
          .select('bm.id')
          .whereRef('bm.body_id', '=', 'm.body_id')
          .where('bm.person_id', '=', personId)
          .where('bm.archived_at', 'is', null)
          .where((w) => w.or([w('bm.ends_on', 'is', null), w('bm.ends_on', '>=', today)])),
      ),
    )
    .orderBy('m.starts_at')
    .execute()
}
