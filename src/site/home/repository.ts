import type { Db } from '../../platform/db/database.ts'

/** The partnerships that publish pages for anyone, for the signed-out home page. */
export function publishedPartnerships(db: Db): Promise<{ name: string; slug: string }[]> {
  return db.selectFrom('partnerships').select(['name', 'slug']).where('is_published', '=', true).orderBy('name').execute()
}
