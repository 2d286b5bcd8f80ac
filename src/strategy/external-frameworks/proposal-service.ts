import type { Db, Executor } from '../../platform/db/database.ts'
import { inPartnership } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { answerLabels, answerSummaries, ownershipOf, proposalRefusal, proposalRoleOf, proposalStatus } from './model.ts'
import * as repo from './repository.ts'
import type { ExternalFramework } from './repository.ts'
import * as proposals from './proposal-repository.ts'
import type { ProposalInSet } from './proposal-repository.ts'
import type { AnswerInput, ProposalInput } from './schema.ts'

/** An operator answering for the platform's sets: their account (none at the command line). Callers check they are one. */
export interface Operator {
  userId: string | null
  label: string
}

export type ProposalView = ProposalInSet & { fromName: string; status: { text: string; classes: string } }

/**
 * Changes proposed to a priority set by a partnership that does not keep it.
 * The sender's admins propose, in their own partnership's row-level security
 * and audit trail; the keeper's admins answer in theirs, and the answer is
 * also written to the sender's trail (the one thing the keeper may write
 * there, through a function the migration grants). The platform's own sets'
 * proposals are answered by operators as the owner role, in the platform's
 * trail and the sender's.
 */
export function prioritySetProposalService(db: Db) {
  async function loadProposal(trx: Executor, id: string): Promise<ProposalInSet> {
    const found = await proposals.findProposal(trx, id)
    if (!found) throw new NotFoundError('The proposal')
    return found
  }

  async function named(rows: ProposalInSet[]): Promise<ProposalView[]> {
    const names = await proposals.partnershipNames(
      db,
      rows.map((r) => r.from_partnership_id),
    )
    return rows.map((r) => ({ ...r, fromName: names.get(r.from_partnership_id) ?? 'A partnership', status: proposalStatus(r.answer) }))
  }

  /** Only another partnership's admins propose, and only to a current set. */
  function assertMayPropose(actor: Actor, framework: ExternalFramework) {
    assertCan(actor, 'shared-frameworks.edit')
    const whose = ownershipOf(framework.owner_partnership_id, actor.partnershipId)
    const refusal = proposalRefusal(whose, framework)
    if (refusal && whose === 'ours') throw new ForbiddenError(refusal)
    if (refusal) throw new ConflictError(`‘${framework.title}’`, refusal)
  }

  /** Only the keeping partnership answers; the sender is told who does; anyone else cannot see the proposal at all. */
  function assertKeeper(actor: Actor, proposal: ProposalInSet) {
    const role = proposalRoleOf(proposal, actor.partnershipId)
    if (role === 'none') throw new NotFoundError('The proposal')
    if (role === 'sender') {
      throw new ForbiddenError(
        proposal.owner_partnership_id
          ? `Only the admins of the partnership that keeps ‘${proposal.frameworkTitle}’ answer proposals to it.`
          : `The service’s operators answer proposals to ‘${proposal.frameworkTitle}’.`,
      )
    }
  }

  function assertOpen(proposal: ProposalInSet) {
    if (proposal.answer)
      throw new ConflictError('The proposal', `This proposal to ‘${proposal.frameworkTitle}’ has already been answered: ${answerLabels[proposal.answer]}.`)
  }

  function assertPlatformSet(proposal: ProposalInSet) {
    if (proposal.owner_partnership_id) throw new ForbiddenError(`‘${proposal.frameworkTitle}’ is kept by a partnership: its admins answer proposals to it.`)
  }

  async function senderName(proposal: ProposalInSet): Promise<string> {
    return (await proposals.partnershipNames(db, [proposal.from_partnership_id])).get(proposal.from_partnership_id) ?? 'A partnership'
  }

  /** An open proposal to a set the actor's partnership keeps, with the sender's name, for the answer form. */
  async function getForAnswer(actor: Actor, id: string): Promise<ProposalView> {
    assertCan(actor, 'shared-frameworks.edit')
    const proposal = await inPartnership(db, actor.partnershipId, (trx) => loadProposal(trx, id))
    assertKeeper(actor, proposal)
    assertOpen(proposal)
    return (await named([proposal]))[0]!
  }

  const answerValues = (input: AnswerInput, by: { userId: string | null; label: string }) => ({
    answer: input.answer,
    answerText: input.answerText,
    answeredBy: by.userId,
    answeredByLabel: by.label,
  })

  return {
    /** Whether the actor may propose a change to this set: an admin of a partnership that does not keep it, while it is current. */
    canPropose: (actor: Actor, framework: ExternalFramework) =>
      can(actor.role, 'shared-frameworks.edit') && proposalRefusal(ownershipOf(framework.owner_partnership_id, actor.partnershipId), framework) === null,

    /** The set and its current priorities, for the proposal form. */
    async getForProposal(actor: Actor, frameworkId: string) {
      assertCan(actor, 'shared-frameworks.edit')
      const framework = await repo.findFrameworkWithOwner(db, frameworkId)
      if (!framework) throw new NotFoundError('The framework')
      assertMayPropose(actor, framework)
      const priorities = (await repo.prioritiesOf(db, frameworkId)).filter((p) => !p.archived_at)
      return { framework, priorities }
    },

    async propose(actor: Actor, frameworkId: string, input: ProposalInput) {
      assertCan(actor, 'shared-frameworks.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const framework = await repo.findFramework(trx, frameworkId)
        if (!framework) throw new NotFoundError('The framework')
        assertMayPropose(actor, framework)
        const priority = input.priorityId ? await repo.findPriority(trx, input.priorityId) : undefined
        if (input.priorityId && (!priority || priority.framework_id !== frameworkId || priority.archived_at)) {
          throw new ValidationError({ priorityId: 'Select one of the set’s current priorities, or none' })
        }
        const created = await proposals.insertProposal(trx, {
          frameworkId,
          priorityId: priority?.id ?? null,
          fromPartnershipId: actor.partnershipId,
          proposedBy: actor.userId,
          proposedByLabel: actor.label,
          text: input.text,
        })
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'priority-set-proposal',
          entityId: created.id,
          summary: `Proposed a change to ‘${framework.title}’${priority ? ` about its priority ‘${priority.title}’` : ''}`,
          after: { ...created, frameworkTitle: framework.title, priorityTitle: priority?.title ?? null, keptBy: framework.owner_partnership_id },
        })
        return { proposal: created, framework }
      })
    },

    /**
     * The set page's proposals, for admins: the keeper's open proposals and
     * latest answers, or the proposals the actor's partnership sent. Null for
     * anyone else, who sees none.
     */
    async forSet(actor: Actor, framework: ExternalFramework) {
      if (!can(actor.role, 'shared-frameworks.edit')) return null
      const rows = await named(await inPartnership(db, actor.partnershipId, (trx) => proposals.proposalsForSet(trx, framework.id, actor.partnershipId)))
      const keeper = framework.owner_partnership_id === actor.partnershipId
      return { keeper, open: rows.filter((r) => !r.answer), answered: rows.filter((r) => r.answer) }
    },

    /** For the sets list: open proposals waiting on each set the actor's partnership keeps (admins only). */
    async openCounts(actor: Actor): Promise<Map<string, number>> {
      if (!can(actor.role, 'shared-frameworks.edit')) return new Map()
      return inPartnership(db, actor.partnershipId, (trx) => proposals.openCountsKeptBy(trx, actor.partnershipId))
    },

    getForAnswer,

    async answer(actor: Actor, id: string, version: number, input: AnswerInput) {
      // The sender's name is read first, as the owner role: inside the keeper's partnership it cannot be.
      const seen = await getForAnswer(actor, id)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await loadProposal(trx, id)
        assertKeeper(actor, before)
        assertOpen(before)
        const after = await proposals.answerProposal(trx, id, version, answerValues(input, actor))
        if (!after) throw new ConflictError('The proposal')
        const keeper = await trx.selectFrom('partnerships').select('name').where('id', '=', actor.partnershipId).executeTakeFirstOrThrow()
        const lines = answerSummaries(input.answer, before.frameworkTitle, { sender: seen.fromName, answerer: keeper.name })
        const detail = { ...after, frameworkTitle: before.frameworkTitle, priorityTitle: before.priorityTitle }
        await recordAudit(trx, actor, { action: 'update', entityType: 'priority-set-proposal', entityId: id, summary: lines.answerer, before, after: detail })
        await proposals.tellProposer(trx, id, lines.sender, detail)
        return { proposal: after, frameworkId: before.framework_id, frameworkTitle: before.frameworkTitle, fromName: seen.fromName }
      })
    },

    // ------------------------------------------------------------ operators, for the platform's sets

    async platformList() {
      const { open, answered } = await proposals.platformProposals(db)
      return { open: await named(open), answered: await named(answered) }
    },

    async getForOperatorAnswer(id: string): Promise<ProposalView> {
      const proposal = await loadProposal(db, id)
      assertPlatformSet(proposal)
      assertOpen(proposal)
      return (await named([proposal]))[0]!
    },

    /** As the owner role: the platform's sets are outside every partnership's row-level security. */
    async answerAsOperator(operator: Operator, id: string, version: number, input: AnswerInput) {
      const seen = await loadProposal(db, id)
      const fromName = await senderName(seen)
      return db.transaction().execute(async (trx) => {
        const before = await loadProposal(trx, id)
        assertPlatformSet(before)
        assertOpen(before)
        const after = await proposals.answerProposal(trx, id, version, answerValues(input, operator))
        if (!after) throw new ConflictError('The proposal')
        const lines = answerSummaries(input.answer, before.frameworkTitle, { sender: fromName, answerer: null })
        const detail = { ...after, frameworkTitle: before.frameworkTitle, priorityTitle: before.priorityTitle }
        const entry = { action: 'update', entityType: 'priority-set-proposal', entityId: id, before, after: detail } as const
        await recordAudit(trx, { userId: operator.userId, label: operator.label, partnershipId: null }, { ...entry, summary: lines.answerer })
        await recordAudit(
          trx,
          { userId: operator.userId, label: operator.label, partnershipId: before.from_partnership_id },
          { ...entry, summary: lines.sender },
        )
        return { proposal: after, frameworkTitle: before.frameworkTitle, fromName }
      })
    },
  }
}

export type PrioritySetProposalService = ReturnType<typeof prioritySetProposalService>
