import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { PrioritySetProposalsTable, ProposalAnswer } from '../../platform/db/strategy-tables.ts'

// Proposed changes to priority sets. Inside a partnership (row-level security)
// a proposal is seen only by the partnership that sent it and the one that
// keeps its set; the queries say so too. Partnership names are read as the
// owner role, as a partnership cannot read another's row in `partnerships`.

export type Proposal = Selectable<PrioritySetProposalsTable>
/** A proposal with what the pages and checks need of its set and priority. */
export type ProposalInSet = Proposal & {
  frameworkTitle: string
  owner_partnership_id: string | null
  frameworkArchivedAt: Date | null
  priorityTitle: string | null
}

/** What a page shows at most: the oldest open proposals and the latest answers, enough to read and bounded. */
export const OPEN_SHOWN = 100
export const ANSWERED_SHOWN = 20

function withSet(db: Executor) {
  return db
    .selectFrom('priority_set_proposals as p')
    .innerJoin('external_frameworks as f', 'f.id', 'p.framework_id')
    .leftJoin('external_priorities as pr', 'pr.id', 'p.priority_id')
    .selectAll('p')
    .select(['f.title as frameworkTitle', 'f.owner_partnership_id', 'f.archived_at as frameworkArchivedAt', 'pr.title as priorityTitle'])
}

export async function insertProposal(
  db: Executor,
  values: { frameworkId: string; priorityId: string | null; fromPartnershipId: string; proposedBy: string | null; proposedByLabel: string; text: string },
): Promise<Proposal> {
  return db
    .insertInto('priority_set_proposals')
    .values({
      framework_id: values.frameworkId,
      priority_id: values.priorityId,
      from_partnership_id: values.fromPartnershipId,
      proposed_by: values.proposedBy,
      proposed_by_label: values.proposedByLabel,
      text: values.text,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findProposal(db: Executor, id: string): Promise<ProposalInSet | undefined> {
  return withSet(db).where('p.id', '=', id).executeTakeFirst()
}

/**
 * A set's proposals that the partnership may see: all of them when it keeps
 * the set (open ones, then the latest answered), otherwise the ones it sent.
 */
export async function proposalsForSet(db: Executor, frameworkId: string, partnershipId: string): Promise<ProposalInSet[]> {
  const visible = withSet(db)
    .where('p.framework_id', '=', frameworkId)
    .where((eb) => eb.or([eb('p.from_partnership_id', '=', partnershipId), eb('f.owner_partnership_id', '=', partnershipId)]))
  // One after the other: inside a transaction they share one connection.
  const open = await visible.where('p.answer', 'is', null).orderBy('p.created_at').orderBy('p.id').limit(OPEN_SHOWN).execute()
  const answered = await visible.where('p.answer', 'is not', null).orderBy('p.answered_at', 'desc').orderBy('p.id').limit(ANSWERED_SHOWN).execute()
  return [...open, ...answered]
}

/** For the sets list: how many open proposals each set the partnership keeps is waiting to answer. */
export async function openCountsKeptBy(db: Executor, partnershipId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('priority_set_proposals as p')
    .innerJoin('external_frameworks as f', 'f.id', 'p.framework_id')
    .select(['p.framework_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('f.owner_partnership_id', '=', partnershipId)
    .where('p.answer', 'is', null)
    .groupBy('p.framework_id')
    .execute()
  return new Map(rows.map((r) => [r.framework_id, Number(r.n)]))
}

/** The operators' list: proposals to the platform's own sets, open ones first, then the latest answered. Owner role. */
export async function platformProposals(db: Executor): Promise<{ open: ProposalInSet[]; answered: ProposalInSet[] }> {
  const platform = withSet(db).where('f.owner_partnership_id', 'is', null)
  const open = await platform.where('p.answer', 'is', null).orderBy('p.created_at').orderBy('p.id').limit(OPEN_SHOWN).execute()
  const answered = await platform.where('p.answer', 'is not', null).orderBy('p.answered_at', 'desc').orderBy('p.id').limit(ANSWERED_SHOWN).execute()
  return { open, answered }
}

/** Names by id, as the owner role: a partnership cannot read another's row. */
export async function partnershipNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await db
    .selectFrom('partnerships')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** Answers the proposal only if it is still open and at the version the form was opened at. */
export async function answerProposal(
  db: Executor,
  id: string,
  version: number,
  values: { answer: ProposalAnswer; answerText: string; answeredBy: string | null; answeredByLabel: string },
): Promise<Proposal | undefined> {
  return db
    .updateTable('priority_set_proposals')
    .set({
      answer: values.answer,
      answer_text: values.answerText,
      answered_by: values.answeredBy,
      answered_by_label: values.answeredByLabel,
      answered_at: new Date(),
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('answer', 'is', null)
    .returningAll()
    .executeTakeFirst()
}

/** Writes the answer into the sender's audit trail from inside the keeper's partnership (see the migration). */
export async function tellProposer(db: Executor, id: string, summary: string, detail: unknown): Promise<void> {
  await sql`SELECT thrive_tell_proposer_of_answer(${id}::uuid, ${summary}, ${JSON.stringify(detail)}::jsonb)`.execute(db)
}
