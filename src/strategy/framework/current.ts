import type { Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { FrameworkVersionsTable } from '../../platform/db/strategy-tables.ts'

// The framework in force, read by every capability that links to outcomes and
// commitments (plans, workstreams, indicators, the golden thread), so they all
// show the same wording.

export type FrameworkVersion = Selectable<FrameworkVersionsTable>

export interface CurrentOutcome {
  id: string
  position: number
  title: string
  description: string
}

export interface CurrentCommitment {
  id: string
  position: number
  text: string
  outcomeIds: string[]
}

/**
 * The version in force: the adopted one; before any is adopted, the newest
 * draft or consultation version, so a partnership writing its first framework
 * can already link its plans to the outcomes it is drafting.
 */
export async function currentFramework(db: Executor, partnershipId: string): Promise<FrameworkVersion | undefined> {
  return db
    .selectFrom('framework_versions')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('stage', '!=', 'superseded')
    .orderBy((eb) => eb.case().when('stage', '=', 'adopted').then(0).else(1).end())
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The outcomes of the version in force, in their order; none before a framework is written. */
export async function currentOutcomes(db: Executor, partnershipId: string): Promise<CurrentOutcome[]> {
  const framework = await currentFramework(db, partnershipId)
  if (!framework) return []
  return db
    .selectFrom('framework_outcomes')
    .select(['outcome_id as id', 'position', 'title', 'description'])
    .where('partnership_id', '=', partnershipId)
    .where('framework_id', '=', framework.id)
    .orderBy('position')
    .execute()
}

/** The commitments of the version in force, each with the outcomes it serves. */
export async function currentCommitments(db: Executor, partnershipId: string): Promise<CurrentCommitment[]> {
  const framework = await currentFramework(db, partnershipId)
  if (!framework) return []
  const [commitments, links] = await Promise.all([
    db
      .selectFrom('framework_commitments')
      .select(['commitment_id as id', 'position', 'text'])
      .where('partnership_id', '=', partnershipId)
      .where('framework_id', '=', framework.id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('commitment_outcomes')
      .select(['commitment_id', 'outcome_id'])
      .where('partnership_id', '=', partnershipId)
      .where('framework_id', '=', framework.id)
      .execute(),
  ])
  return commitments.map((c) => ({ ...c, outcomeIds: links.filter((l) => l.commitment_id === c.id).map((l) => l.outcome_id) }))
}

/**
 * The wording of any outcomes, including ones the version in force has
 * dropped (a plan may still point at them): each from the newest version that has it.
 */
export async function outcomeTitles(db: Executor, partnershipId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('framework_outcomes as fo')
    .innerJoin('framework_versions as v', 'v.id', 'fo.framework_id')
    .select(['fo.outcome_id', 'fo.title'])
    .where('fo.partnership_id', '=', partnershipId)
    .where('fo.outcome_id', 'in', ids)
    .orderBy('v.number', 'asc')
    .execute()
  return new Map(rows.map((r) => [r.outcome_id, r.title]))
}
