import type { Executor } from '../../platform/db/database.ts'
import type { AlignmentLink } from './model.ts'

export type LocalKind = 'outcome' | 'commitment'

/** The alignments of these outcomes or commitments to these priorities: one query for the whole matrix. */
export async function links(
  db: Executor,
  partnershipId: string,
  kind: LocalKind,
  localIds: readonly string[],
  priorityIds: readonly string[],
): Promise<AlignmentLink[]> {
  if (!localIds.length || !priorityIds.length) return []
  if (kind === 'outcome') {
    return db
      .selectFrom('outcome_alignments')
      .select(['outcome_id as localId', 'priority_id as priorityId'])
      .where('partnership_id', '=', partnershipId)
      .where('outcome_id', 'in', localIds)
      .where('priority_id', 'in', priorityIds)
      .execute()
  }
  return db
    .selectFrom('commitment_alignments')
    .select(['commitment_id as localId', 'priority_id as priorityId'])
    .where('partnership_id', '=', partnershipId)
    .where('commitment_id', 'in', localIds)
    .where('priority_id', 'in', priorityIds)
    .execute()
}

/** Link rows only: which of one framework's priorities the outcome or commitment serves, replaced as a set (its alignments to other frameworks stay). */
export async function replaceLinks(
  db: Executor,
  partnershipId: string,
  kind: LocalKind,
  localId: string,
  frameworkPriorityIds: readonly string[],
  chosen: readonly string[],
): Promise<void> {
  if (kind === 'outcome') {
    if (frameworkPriorityIds.length) {
      await db
        .deleteFrom('outcome_alignments')
        .where('partnership_id', '=', partnershipId)
        .where('outcome_id', '=', localId)
        .where('priority_id', 'in', frameworkPriorityIds)
        .execute()
    }
    if (chosen.length)
      await db
        .insertInto('outcome_alignments')
        .values(chosen.map((priority_id) => ({ partnership_id: partnershipId, outcome_id: localId, priority_id })))
        .execute()
    return
  }
  if (frameworkPriorityIds.length) {
    await db
      .deleteFrom('commitment_alignments')
      .where('partnership_id', '=', partnershipId)
      .where('commitment_id', '=', localId)
      .where('priority_id', 'in', frameworkPriorityIds)
      .execute()
  }
  if (chosen.length)
    await db
      .insertInto('commitment_alignments')
      .values(chosen.map((priority_id) => ({ partnership_id: partnershipId, commitment_id: localId, priority_id })))
      .execute()
}
