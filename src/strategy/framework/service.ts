import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { bodyOptions } from '../../directory/lookups.ts'
import { currentFramework } from './current.ts'
import { adoptionProblem, commitmentsServingNothing, compareVersions, isEditable, moveInOrder, readOnlyMessage } from './model.ts'
import * as repo from './repository.ts'
import type { VersionContent, VersionRow } from './repository.ts'
import type { AdoptionInput, CommitmentInput, ConsultationInput, OutcomeInput, VersionDetailsInput } from './schema.ts'

/** An adopted or superseded version is the record of what was agreed: it is never edited, only followed by a new draft. */
export class ReadOnlyVersionError extends Error {}

type Kind = 'outcomes' | 'commitments'
const what = { outcomes: 'outcome', commitments: 'commitment' } as const

export function frameworkService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string): Promise<VersionRow> {
    const found = await repo.findVersion(trx, actor.partnershipId, id)
    if (!found) throw new NotFoundError('The framework version')
    return found
  }

  /** Every version of a partnership, locked, so two people cannot both start a draft at once. */
  async function lockVersions(trx: Trx, actor: Actor) {
    return trx.selectFrom('framework_versions').select(['id', 'number', 'stage']).where('partnership_id', '=', actor.partnershipId).forUpdate().execute()
  }

  /**
   * The frame of every change to a version's content: the actor may edit, the
   * version exists and is still open, and nobody changed it since the form was
   * opened (the version number moves on with every change, which also holds
   * the row for the rest of the transaction).
   */
  async function change<T>(actor: Actor, id: string, version: number, work: (trx: Trx, before: VersionRow) => Promise<T>): Promise<T> {
    assertCan(actor, 'directory.edit')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const before = await load(trx, actor, id)
      if (!isEditable(before.stage)) throw new ReadOnlyVersionError(readOnlyMessage(before.number, before.stage))
      const bumped = await repo.updateVersion(trx, actor.partnershipId, id, version, {})
      if (!bumped) throw new ConflictError(`Version ${before.number} of the framework`)
      return work(trx, before)
    })
  }

  async function assertInVersion(trx: Trx, actor: Actor, frameworkId: string, kind: Kind, itemId: string): Promise<VersionContent> {
    const content = await repo.versionContent(trx, actor.partnershipId, frameworkId)
    if (!content[kind].some((i) => i.id === itemId)) throw new NotFoundError(`The ${what[kind]}`)
    return content
  }

  function assertOutcomesOf(content: VersionContent, outcomeIds: readonly string[]) {
    const known = new Set(content.outcomes.map((o) => o.id))
    if (outcomeIds.some((id) => !known.has(id))) throw new ValidationError({ outcomeIds: 'Select outcomes from the list' })
  }

  async function readVersion(actor: Actor, id: string) {
    assertCan(actor, 'partnership.read')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const version = await load(trx, actor, id)
      const content = await repo.versionContent(trx, actor.partnershipId, id)
      const previous = version.number > 1 ? await repo.findVersionByNumber(trx, actor.partnershipId, version.number - 1) : undefined
      const before = previous ? await repo.versionContent(trx, actor.partnershipId, previous.id) : { outcomes: [], commitments: [] }
      return {
        version,
        content,
        previous,
        changes: compareVersions(before, content),
        unserved: commitmentsServingNothing(
          content.commitments,
          content.outcomes.map((o) => o.id),
        ),
      }
    })
  }

  const audit = (
    trx: Trx,
    actor: Actor,
    action: 'create' | 'update' | 'delete',
    entityType: string,
    entityId: string,
    summary: string,
    before?: unknown,
    after?: unknown,
  ) => recordAudit(trx, actor, { action, entityType, entityId, summary, before, after })

  return {
    canEdit: (actor: Actor) => can(actor.role, 'directory.edit'),

    /** The framework in force with its content, and every version. */
    async overview(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const current = await currentFramework(trx, actor.partnershipId)
        const versions = await repo.listVersions(trx, actor.partnershipId)
        const inForce = versions.find((v) => v.id === current?.id)
        const content = inForce ? await repo.versionContent(trx, actor.partnershipId, inForce.id) : { outcomes: [], commitments: [] }
        const open = versions.find((v) => isEditable(v.stage))
        const adopted = versions.find((v) => v.stage === 'adopted')
        return {
          inForce,
          content,
          versions,
          open,
          adopted,
          unserved: commitmentsServingNothing(
            content.commitments,
            content.outcomes.map((o) => o.id),
          ),
        }
      })
    },

    /** One version, what it changed against the one before, and the commitments that serve no outcome. */
    version: readVersion,

    /** A version the actor may change, for its forms: refused before any form is read. */
    async getForChange(actor: Actor, id: string) {
      assertCan(actor, 'directory.edit')
      const found = await readVersion(actor, id)
      if (!isEditable(found.version.stage)) throw new ReadOnlyVersionError(readOnlyMessage(found.version.number, found.version.stage))
      return found
    },

    async bodies(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => bodyOptions(trx, actor.partnershipId))
    },

    /** Refuses someone who may not edit, before a form is read. */
    assertMayEdit(actor: Actor) {
      assertCan(actor, 'directory.edit')
    },

    async startFirstDraft(actor: Actor, input: VersionDetailsInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        if ((await lockVersions(trx, actor)).length)
          throw new ValidationError({ title: 'The partnership already has a framework: start a new draft from the adopted version instead' })
        const created = await repo.insertVersion(trx, actor.partnershipId, { number: 1, ...input })
        await audit(
          trx,
          actor,
          'create',
          'framework-version',
          created.id,
          `Started the first draft of the strategic framework, ‘${created.title}’`,
          undefined,
          created,
        )
        return created
      })
    },

    /** Version n+1 as a copy of the adopted version, keeping its outcome and commitment identities. */
    async startNewDraft(actor: Actor, fromId: string) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const all = await lockVersions(trx, actor)
        const from = await load(trx, actor, fromId)
        if (from.stage !== 'adopted') throw new ReadOnlyVersionError(`A new draft starts from the adopted version, and version ${from.number} is not it.`)
        const open = all.find((v) => isEditable(v.stage))
        if (open) throw new ReadOnlyVersionError(`Version ${open.number} is still being drafted: change it rather than starting another.`)
        const number = Math.max(...all.map((v) => v.number)) + 1
        const created = await repo.insertVersion(trx, actor.partnershipId, {
          number,
          title: from.title,
          ambition: from.ambition,
          introduction: from.introduction,
        })
        await repo.copyContent(trx, actor.partnershipId, from.id, created.id)
        await audit(
          trx,
          actor,
          'create',
          'framework-version',
          created.id,
          `Started draft version ${number} of the strategic framework from version ${from.number}`,
          undefined,
          created,
        )
        return created
      })
    },

    updateDetails(actor: Actor, id: string, version: number, input: VersionDetailsInput) {
      return change(actor, id, version, async (trx, before) => {
        const after = (await repo.updateVersion(trx, actor.partnershipId, id, version + 1, input))!
        await audit(
          trx,
          actor,
          'update',
          'framework-version',
          id,
          `Changed the title, ambition or introduction of version ${before.number} of the strategic framework`,
          before,
          after,
        )
        return after
      })
    },

    addOutcome(actor: Actor, id: string, version: number, input: OutcomeInput) {
      return change(actor, id, version, async (trx, before) => {
        const content = await repo.versionContent(trx, actor.partnershipId, id)
        const outcomeId = await repo.insertOutcome(trx, actor.partnershipId, id, content.outcomes.length + 1, input)
        await audit(
          trx,
          actor,
          'create',
          'outcome',
          outcomeId,
          `Added the outcome ‘${input.title}’ to version ${before.number} of the strategic framework`,
          undefined,
          input,
        )
        return outcomeId
      })
    },

    updateOutcome(actor: Actor, id: string, outcomeId: string, version: number, input: OutcomeInput) {
      return change(actor, id, version, async (trx, before) => {
        const content = await assertInVersion(trx, actor, id, 'outcomes', outcomeId)
        await repo.updateOutcome(trx, actor.partnershipId, id, outcomeId, input)
        const was = content.outcomes.find((o) => o.id === outcomeId)
        await audit(
          trx,
          actor,
          'update',
          'outcome',
          outcomeId,
          `Changed the outcome ‘${input.title}’ in version ${before.number} of the strategic framework`,
          was,
          input,
        )
      })
    },

    addCommitment(actor: Actor, id: string, version: number, input: CommitmentInput) {
      return change(actor, id, version, async (trx, before) => {
        const content = await repo.versionContent(trx, actor.partnershipId, id)
        assertOutcomesOf(content, input.outcomeIds)
        const commitmentId = await repo.insertCommitment(trx, actor.partnershipId, id, content.commitments.length + 1, input)
        await audit(
          trx,
          actor,
          'create',
          'commitment',
          commitmentId,
          `Added the commitment ‘${input.text}’ to version ${before.number} of the strategic framework`,
          undefined,
          input,
        )
        return commitmentId
      })
    },

    updateCommitment(actor: Actor, id: string, commitmentId: string, version: number, input: CommitmentInput) {
      return change(actor, id, version, async (trx, before) => {
        const content = await assertInVersion(trx, actor, id, 'commitments', commitmentId)
        assertOutcomesOf(content, input.outcomeIds)
        await repo.updateCommitment(trx, actor.partnershipId, id, commitmentId, input)
        const was = content.commitments.find((c) => c.id === commitmentId)
        await audit(
          trx,
          actor,
          'update',
          'commitment',
          commitmentId,
          `Changed the commitment ‘${input.text}’ in version ${before.number} of the strategic framework`,
          was,
          input,
        )
      })
    },

    /** Takes an outcome or commitment out of this draft; earlier versions keep it, and so does its identity. */
    remove(actor: Actor, id: string, kind: Kind, itemId: string, version: number) {
      return change(actor, id, version, async (trx, before) => {
        const content = await assertInVersion(trx, actor, id, kind, itemId)
        const was = content[kind].find((i) => i.id === itemId)!
        if (kind === 'outcomes') await repo.removeOutcome(trx, actor.partnershipId, id, itemId)
        else await repo.removeCommitment(trx, actor.partnershipId, id, itemId)
        const rest = content[kind].filter((i) => i.id !== itemId).map((i) => i.id)
        await repo.setPositions(trx, actor.partnershipId, id, kind, rest)
        const label = 'title' in was ? was.title : was.text
        await audit(
          trx,
          actor,
          'delete',
          what[kind],
          itemId,
          `Removed the ${what[kind]} ‘${label}’ from version ${before.number} of the strategic framework`,
          was,
        )
        return label
      })
    },

    move(actor: Actor, id: string, kind: Kind, itemId: string, version: number, direction: 'up' | 'down') {
      return change(actor, id, version, async (trx, before) => {
        const content = await assertInVersion(trx, actor, id, kind, itemId)
        const order = content[kind].map((i) => i.id)
        const moved = moveInOrder(order, itemId, direction)
        await repo.setPositions(trx, actor.partnershipId, id, kind, moved)
        await audit(
          trx,
          actor,
          'update',
          what[kind],
          itemId,
          `Moved a ${what[kind]} ${direction} in version ${before.number} of the strategic framework`,
          { order },
          { order: moved },
        )
      })
    },

    consult(actor: Actor, id: string, version: number, input: ConsultationInput) {
      return change(actor, id, version, async (trx, before) => {
        if (before.stage !== 'draft') throw new ReadOnlyVersionError(`Version ${before.number} is already out for consultation.`)
        const after = (await repo.updateVersion(trx, actor.partnershipId, id, version + 1, {
          stage: 'consultation',
          consultation_starts_on: input.startsOn,
          consultation_ends_on: input.endsOn,
        }))!
        await audit(
          trx,
          actor,
          'update',
          'framework-version',
          id,
          `Put version ${before.number} of the strategic framework out for consultation`,
          before,
          after,
        )
        return after
      })
    },

    /** Adopts the version; the one in force until now is superseded in the same transaction. */
    adopt(actor: Actor, id: string, version: number, input: AdoptionInput) {
      return change(actor, id, version, async (trx, before) => {
        const problem = adoptionProblem(input.adoptedOn, before.consultation_starts_on)
        if (problem) throw new ValidationError({ adoptedOn: problem })
        const bodies = await bodyOptions(trx, actor.partnershipId)
        const body = bodies.find((b) => b.id === input.bodyId)
        if (!body) throw new ValidationError({ bodyId: 'Select the body that adopted the framework' })
        const superseded = await repo.supersedeAdopted(trx, actor.partnershipId)
        if (superseded)
          await audit(
            trx,
            actor,
            'update',
            'framework-version',
            superseded.id,
            `Version ${superseded.number} of the strategic framework was superseded by version ${before.number}`,
            undefined,
            superseded,
          )
        const after = (await repo.updateVersion(trx, actor.partnershipId, id, version + 1, {
          stage: 'adopted',
          adopted_on: input.adoptedOn,
          adopted_by_id: body.id,
        }))!
        await audit(
          trx,
          actor,
          'update',
          'framework-version',
          id,
          `The ${body.name} adopted version ${before.number} of the strategic framework`,
          before,
          after,
        )
        return after
      })
    },
  }
}

export type FrameworkService = ReturnType<typeof frameworkService>

/**
 * What the partnership's public page shows: the adopted version only, never a
 * draft, with its outcomes and commitments. Read inside the partnership's
 * row-level security by the caller, with no actor (the page is public).
 */
export async function adoptedFramework(trx: Trx, partnershipId: string) {
  const adopted = (await repo.listVersions(trx, partnershipId)).find((v) => v.stage === 'adopted')
  if (!adopted) return null
  return { version: adopted, content: await repo.versionContent(trx, partnershipId, adopted.id) }
}
