import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { currentCommitments, currentFramework, currentOutcomes } from '../framework/index.ts'
import type { ExternalFrameworkService } from '../external-frameworks/index.ts'
import { buildMatrix, fingerprint } from './model.ts'
import * as repo from './repository.ts'
import type { LocalKind } from './repository.ts'
import type { AlignmentInput } from './schema.ts'

export function alignmentService(db: Db, frameworks: ExternalFrameworkService) {
  /** The chosen external framework with its current priorities; without a choice, the first current one. */
  async function chosen(actor: Actor, frameworkId: string | undefined) {
    const { current } = await frameworks.list(actor)
    const id = frameworkId ?? current[0]?.id
    if (!id) return { options: current, framework: undefined, priorities: [] }
    const { framework, priorities } = await frameworks.get(actor, id)
    return { options: current, framework, priorities }
  }

  /** The outcome or commitment, as the framework in force words it; one it no longer has cannot be aligned here. */
  async function local(trx: Trx, actor: Actor, kind: LocalKind, id: string): Promise<{ id: string; label: string }> {
    const found =
      kind === 'outcome'
        ? (await currentOutcomes(trx, actor.partnershipId)).map((o) => ({ id: o.id, label: o.title })).find((o) => o.id === id)
        : (await currentCommitments(trx, actor.partnershipId)).map((c) => ({ id: c.id, label: c.text })).find((c) => c.id === id)
    if (!found) throw new NotFoundError(`The ${kind}`)
    return found
  }

  /** One outcome or commitment with the chosen framework's priorities and those it serves, for its form. */
  async function getForChange(actor: Actor, kind: LocalKind, id: string, frameworkId?: string) {
    assertCan(actor, 'directory.edit')
    const { framework, priorities } = await chosen(actor, frameworkId)
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const item = await local(trx, actor, kind, id)
      if (!framework || framework.archived_at) throw new NotFoundError('The framework')
      const aligned = (
        await repo.links(
          trx,
          actor.partnershipId,
          kind,
          [id],
          priorities.map((p) => p.id),
        )
      ).map((l) => l.priorityId)
      return { item, framework, priorities, aligned }
    })
  }

  return {
    canEdit: (actor: Actor) => can(actor.role, 'directory.edit'),

    assertMayEdit(actor: Actor) {
      assertCan(actor, 'directory.edit')
    },

    async matrix(actor: Actor, frameworkId?: string) {
      assertCan(actor, 'partnership.read')
      const { options, framework, priorities } = await chosen(actor, frameworkId)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const inForce = await currentFramework(trx, actor.partnershipId)
        const [outcomes, commitments] = await Promise.all([currentOutcomes(trx, actor.partnershipId), currentCommitments(trx, actor.partnershipId)])
        const priorityIds = priorities.map((p) => p.id)
        const [outcomeLinks, commitmentLinks] = await Promise.all([
          repo.links(
            trx,
            actor.partnershipId,
            'outcome',
            outcomes.map((o) => o.id),
            priorityIds,
          ),
          repo.links(
            trx,
            actor.partnershipId,
            'commitment',
            commitments.map((c) => c.id),
            priorityIds,
          ),
        ])
        return { options, framework, priorities, inForce, ...buildMatrix(outcomes, commitments, priorities, outcomeLinks, commitmentLinks) }
      })
    },

    getForChange,

    async setAlignments(actor: Actor, kind: LocalKind, id: string, input: AlignmentInput) {
      const { item, framework, priorities, aligned } = await getForChange(actor, kind, id, input.framework)
      const known = new Set(priorities.map((p) => p.id))
      if (input.priorityIds.some((p) => !known.has(p))) throw new ValidationError({ priorityIds: 'Select priorities from the list' })
      return inPartnership(db, actor.partnershipId, async (trx) => {
        // Read again inside the transaction: someone may have saved since the form was opened.
        const now = (await repo.links(trx, actor.partnershipId, kind, [id], [...known])).map((l) => l.priorityId)
        if (fingerprint(now) !== input.aligned) throw new ConflictError(`What ‘${item.label}’ serves in ${framework.title}`)
        const chosenIds = [...new Set(input.priorityIds)]
        await repo.replaceLinks(trx, actor.partnershipId, kind, id, [...known], chosenIds)
        const titles = (ids: readonly string[]) => priorities.filter((p) => ids.includes(p.id)).map((p) => p.title)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: `${kind}-alignment`,
          entityId: id,
          summary: `Set the ${framework.title} priorities that ‘${item.label}’ serves`,
          before: { priorities: titles(aligned) },
          after: { priorities: titles(chosenIds) },
        })
        return { item, framework }
      })
    },
  }
}

export type AlignmentService = ReturnType<typeof alignmentService>
