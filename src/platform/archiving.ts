import { ConflictError } from './errors.ts'

/**
 * Archiving something already archived (or restoring something current) means
 * the page was out of date, such as a second click: refuse it rather than
 * stamp a new date and a second audit row.
 */
export function assertArchiveChange(action: string, archivedAt: Date | null, what: string): void {
  if ((action === 'archive' && archivedAt) || (action === 'restore' && !archivedAt)) throw new ConflictError(what)
}
