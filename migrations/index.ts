import type { Migration } from 'kysely/migration'
import * as foundation from './2026-11-23T0900-foundation.ts'
import * as governance from './2026-11-23T1200-governance.ts'
import * as strategy from './2026-11-23T1500-strategy.ts'
import * as performance from './2026-11-23T1800-performance.ts'
import * as referenceAreas from './2026-11-23T1801-reference-areas.ts'
import * as valueRevisions from './2026-11-23T1900-value-revisions.ts'
import * as accountsAndInvitations from './2026-12-02T1000-accounts-and-invitations.ts'
import * as prioritySetOwners from './2026-12-02T1100-priority-set-owners.ts'
import * as indicatorValuePages from './2026-12-02T1200-indicator-value-pages.ts'
import * as prioritySetProposals from './2026-12-03T0900-priority-set-proposals.ts'
import * as valueImportKeys from './2026-12-03T1500-value-import-keys.ts'
import * as dataVersions from './2026-12-03T1600-data-versions.ts'
import * as rateLimitWindows from './2026-12-03T1700-rate-limit-windows.ts'
import * as backgroundJobs from './2026-12-04T0900-background-jobs.ts'

// Listed explicitly (not read from disk) so migrations run the same under tsx,
// in tests and from any working directory. Append; never reorder or edit.
export const migrations: Record<string, Migration> = {
  '2026-11-23T0900-foundation': foundation,
  '2026-11-23T1200-governance': governance,
  '2026-11-23T1500-strategy': strategy,
  '2026-11-23T1800-performance': performance,
  '2026-11-23T1801-reference-areas': referenceAreas,
  '2026-11-23T1900-value-revisions': valueRevisions,
  '2026-12-02T1000-accounts-and-invitations': accountsAndInvitations,
  '2026-12-02T1100-priority-set-owners': prioritySetOwners,
  '2026-12-02T1200-indicator-value-pages': indicatorValuePages,
  '2026-12-03T0900-priority-set-proposals': prioritySetProposals,
  '2026-12-03T1500-value-import-keys': valueImportKeys,
  '2026-12-03T1600-data-versions': dataVersions,
  '2026-12-03T1700-rate-limit-windows': rateLimitWindows,
  '2026-12-04T0900-background-jobs': backgroundJobs,
}
