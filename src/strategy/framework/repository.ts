import { sql, type Selectable } from 'kysely'
import type { Executor } from '../../platform/db/database.ts'
import type { FrameworkVersionsTable } from '../../platform/db/strategy-tables.ts'
import type { VersionCommitment, VersionOutcome } from './model.ts'
import type { CommitmentInput, OutcomeInput } from './schema.ts'

export type FrameworkVersion = Selectable<FrameworkVersionsTable>
export interface VersionRow extends FrameworkVersion {
  adoptedByName: string | null
}

export interface ContentOutcome extends VersionOutcome {
  position: number
}
export interface ContentCommitment extends VersionCommitment {
  position: number
  outcomeIds: string[]
  /** The outcomes it serves, in the version's order, for showing. */
  outcomes: { id: string; title: string }[]
}
export interface VersionContent {
  outcomes: ContentOutcome[]
  commitments: ContentCommitment[]
}

function versions(db: Executor, partnershipId: string) {
  return db
    .selectFrom('framework_versions as v')
    .leftJoin('bodies as b', 'b.id', 'v.adopted_by_id')
    .selectAll('v')
    .select('b.name as adoptedByName')
    .where('v.partnership_id', '=', partnershipId)
}

export async function listVersions(db: Executor, partnershipId: string): Promise<VersionRow[]> {
  return versions(db, partnershipId).orderBy('v.number', 'desc').execute()
}

export async function findVersion(db: Executor, partnershipId: string, id: string): Promise<VersionRow | undefined> {
  return versions(db, partnershipId).where('v.id', '=', id).executeTakeFirst()
}

export async function findVersionByNumber(db: Executor, partnershipId: string, number: number): Promise<VersionRow | undefined> {
  return versions(db, partnershipId).where('v.number', '=', number).executeTakeFirst()
}

/** A version's outcomes and commitments in order, each commitment with the outcomes it serves: three queries whatever the size. */
export async function versionContent(db: Executor, partnershipId: string, frameworkId: string): Promise<VersionContent> {
  const [outcomes, commitments, links] = await Promise.all([
    db
      .selectFrom('framework_outcomes')
      .select(['outcome_id as id', 'position', 'title', 'description'])
      .where('partnership_id', '=', partnershipId)
      .where('framework_id', '=', frameworkId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('framework_commitments')
      .select(['commitment_id as id', 'position', 'text'])
      .where('partnership_id', '=', partnershipId)
      .where('framework_id', '=', frameworkId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('commitment_outcomes')
      .select(['commitment_id', 'outcome_id'])
      .where('partnership_id', '=', partnershipId)
      .where('framework_id', '=', frameworkId)
      .execute(),
  ])
  return {
    outcomes,
    commitments: commitments.map((c) => {
      const served = new Set(links.filter((l) => l.commitment_id === c.id).map((l) => l.outcome_id))
      const inOrder = outcomes.filter((o) => served.has(o.id))
      return { ...c, outcomeIds: inOrder.map((o) => o.id), outcomes: inOrder.map(({ id, title }) => ({ id, title })) }
    }),
  }
}

export async function insertVersion(
  db: Executor,
  partnershipId: string,
  values: { number: number; title: string; ambition: string; introduction: string },
): Promise<FrameworkVersion> {
  return db
    .insertInto('framework_versions')
    .values({ partnership_id: partnershipId, ...values })
    .returningAll()
    .executeTakeFirstOrThrow()
}

type VersionChanges = Partial<
  Pick<FrameworkVersion, 'title' | 'ambition' | 'introduction' | 'stage' | 'consultation_starts_on' | 'consultation_ends_on' | 'adopted_on' | 'adopted_by_id'>
>

/** Changes a version only if it is still at the version number the form was opened at; every change to its content goes through here. */
export async function updateVersion(
  db: Executor,
  partnershipId: string,
  id: string,
  version: number,
  changes: VersionChanges,
): Promise<FrameworkVersion | undefined> {
  return db
    .updateTable('framework_versions')
    .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()
}

/** The adopted version, if any, stops being in force (kept as superseded). */
export async function supersedeAdopted(db: Executor, partnershipId: string): Promise<FrameworkVersion | undefined> {
  return db
    .updateTable('framework_versions')
    .set({ stage: 'superseded', updated_at: new Date(), version: sql`version + 1` })
    .where('partnership_id', '=', partnershipId)
    .where('stage', '=', 'adopted')
    .returningAll()
    .executeTakeFirst()
}

export async function insertOutcome(db: Executor, partnershipId: string, frameworkId: string, position: number, input: OutcomeInput): Promise<string> {
  const outcome = await db.insertInto('outcomes').values({ partnership_id: partnershipId }).returning('id').executeTakeFirstOrThrow()
  await db
    .insertInto('framework_outcomes')
    .values({ partnership_id: partnershipId, framework_id: frameworkId, outcome_id: outcome.id, position, title: input.title, description: input.description })
    .execute()
  return outcome.id
}

export async function updateOutcome(db: Executor, partnershipId: string, frameworkId: string, outcomeId: string, input: OutcomeInput): Promise<void> {
  await db
    .updateTable('framework_outcomes')
    .set({ title: input.title, description: input.description })
    .where('partnership_id', '=', partnershipId)
    .where('framework_id', '=', frameworkId)
    .where('outcome_id', '=', outcomeId)
    .execute()
}

/** Takes the outcome out of this version only (its links from commitments go with it); other versions keep it. */
export async function removeOutcome(db: Executor, partnershipId: string, frameworkId: string, outcomeId: string): Promise<void> {
  await db
    .deleteFrom('framework_outcomes')
    .where('partnership_id', '=', partnershipId)
    .where('framework_id', '=', frameworkId)
    .where('outcome_id', '=', outcomeId)
    .execute()
}

export async function insertCommitment(db: Executor, partnershipId: string, frameworkId: string, position: number, input: CommitmentInput): Promise<string> {
  const commitment = await db.insertInto('commitments').values({ partnership_id: partnershipId }).returning('id').executeTakeFirstOrThrow()
  await db
    .insertInto('framework_commitments')
    .values({ partnership_id: partnershipId, framework_id: frameworkId, commitment_id: commitment.id, position, text: input.text })
    .execute()
  await setCommitmentOutcomes(db, partnershipId, frameworkId, commitment.id, input.outcomeIds)
  return commitment.id
}

export async function updateCommitment(db: Executor, partnershipId: string, frameworkId: string, commitmentId: string, input: CommitmentInput): Promise<void> {
  await db
    .updateTable('framework_commitments')
    .set({ text: input.text })
    .where('partnership_id', '=', partnershipId)
    .where('framework_id', '=', frameworkId)
    .where('commitment_id', '=', commitmentId)
    .execute()
  await setCommitmentOutcomes(db, partnershipId, frameworkId, commitmentId, input.outcomeIds)
}

export async function removeCommitment(db: Executor, partnershipId: string, frameworkId: string, commitmentId: string): Promise<void> {
  await db
    .deleteFrom('framework_commitments')
    .where('partnership_id', '=', partnershipId)
    .where('framework_id', '=', frameworkId)
    .where('commitment_id', '=', commitmentId)
    .execute()
}

/** Link rows only: the outcomes this version says the commitment serves, replaced as a set. */
async function setCommitmentOutcomes(
  db: Executor,
  partnershipId: string,
  frameworkId: string,
  commitmentId: string,
  outcomeIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('commitment_outcomes')
    .where('partnership_id', '=', partnershipId)
    .where('framework_id', '=', frameworkId)
    .where('commitment_id', '=', commitmentId)
    .execute()
  if (!outcomeIds.length) return
  await db
    .insertInto('commitment_outcomes')
    .values(
      [...new Set(outcomeIds)].map((outcome_id) => ({ partnership_id: partnershipId, framework_id: frameworkId, commitment_id: commitmentId, outcome_id })),
    )
    .execute()
}

export async function setPositions(
  db: Executor,
  partnershipId: string,
  frameworkId: string,
  kind: 'outcomes' | 'commitments',
  ids: readonly string[],
): Promise<void> {
  for (const [index, id] of ids.entries()) {
    if (kind === 'outcomes') {
      await db
        .updateTable('framework_outcomes')
        .set({ position: index + 1 })
        .where('partnership_id', '=', partnershipId)
        .where('framework_id', '=', frameworkId)
        .where('outcome_id', '=', id)
        .execute()
    } else {
      await db
        .updateTable('framework_commitments')
        .set({ position: index + 1 })
        .where('partnership_id', '=', partnershipId)
        .where('framework_id', '=', frameworkId)
        .where('commitment_id', '=', id)
        .execute()
    }
  }
}

/** A new draft starts as a copy: the same outcome and commitment identities, wording, order and links. */
export async function copyContent(db: Executor, partnershipId: string, fromId: string, toId: string): Promise<void> {
  await sql`
    INSERT INTO framework_outcomes (partnership_id, framework_id, outcome_id, position, title, description)
    SELECT partnership_id, ${toId}, outcome_id, position, title, description FROM framework_outcomes
    WHERE partnership_id = ${partnershipId} AND framework_id = ${fromId}`.execute(db)
  await sql`
    INSERT INTO framework_commitments (partnership_id, framework_id, commitment_id, position, text)
    SELECT partnership_id, ${toId}, commitment_id, position, text FROM framework_commitments
    WHERE partnership_id = ${partnershipId} AND framework_id = ${fromId}`.execute(db)
  await sql`
    INSERT INTO commitment_outcomes (partnership_id, framework_id, commitment_id, outcome_id)
    SELECT partnership_id, ${toId}, commitment_id, outcome_id FROM commitment_outcomes
    WHERE partnership_id = ${partnershipId} AND framework_id = ${fromId}`.execute(db)
}
