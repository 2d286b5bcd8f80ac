import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from '../../platform/errors.ts'
import { bodyService, assertMayChangeSomeBody, mayChangeSomeBody } from '../../governance/bodies/index.ts'
import { currentOutcomes, outcomeTitles } from '../framework/index.ts'
import { bodyOptions, peopleOptions } from '../../directory/lookups.ts'
import { allowedLinks, byBody, byKind, linkChanges, unknownLinks, workstreamKindHeadings } from './model.ts'
import * as repo from './repository.ts'
import type { WorkstreamRow } from './repository.ts'
import type { WorkstreamFilters, WorkstreamInput } from './schema.ts'
import { auditVerbs as verbs } from '../../platform/audit/verbs.ts'
import { isUniqueViolation } from '../../platform/db/unique-violation.ts'

const refusal = 'Only admins, editors and the body’s chair or lead officer can change its workstreams'

/** A workstream as the audit trail and the forms see it: its row and what it links to. */
interface Linked {
  row: WorkstreamRow
  outcomeIds: string[]
  objectiveIds: string[]
}

/** Two people saving the same title at once: the index, not the check before it, has the last word. */
function titleTaken(title: string) {
  return (e: unknown): never => {
    if (isUniqueViolation(e, 'workstreams_title')) throw new ValidationError({ title: `A workstream called ‘${title}’ already exists under this body` })
    throw e
  }
}

export function workstreamService(db: Db) {
  const bodies = bodyService(db)

  async function assertMayChange(actor: Actor, bodyId: string): Promise<void> {
    if (!(await bodies.canChange(actor, bodyId))) throw new ForbiddenError(refusal)
  }

  async function load(trx: Trx, actor: Actor, id: string): Promise<Linked> {
    const row = await repo.findWorkstream(trx, actor.partnershipId, id)
    if (!row) throw new NotFoundError('The workstream')
    const [outcomes, objectives] = await Promise.all([repo.outcomeLinks(trx, actor.partnershipId, [id]), repo.objectiveLinks(trx, actor.partnershipId, [id])])
    return { row, outcomeIds: outcomes.map((l) => l.outcome_id), objectiveIds: objectives.map((o) => o.id) }
  }

  const audited = ({ row: { bodyName: _b, leadLabel: _l, ...row }, outcomeIds, objectiveIds }: Linked) => ({ ...row, outcomeIds, objectiveIds })

  /**
   * Everything the form names must be one of the partnership's current
   * choices, unless the workstream already had it; and the title must be free
   * under the body. Every problem is reported at once, by its field.
   */
  async function assertChoices(trx: Trx, actor: Actor, input: WorkstreamInput, keep?: Linked): Promise<void> {
    const errors: FieldErrors = {}
    const [openBodies, people, outcomes, objectives] = await Promise.all([
      bodyOptions(trx, actor.partnershipId),
      peopleOptions(trx, actor.partnershipId),
      currentOutcomes(trx, actor.partnershipId),
      repo.objectiveOptions(trx, actor.partnershipId),
    ])
    if (input.bodyId !== keep?.row.body_id && !openBodies.some((b) => b.id === input.bodyId)) errors.bodyId = 'Select the body the workstream belongs to'
    const taken = await repo.findByTitle(trx, actor.partnershipId, input.bodyId, input.title)
    if (taken && taken.id !== keep?.row.id) errors.title = `A workstream called ‘${taken.title}’ already exists under this body`
    if (input.leadId && input.leadId !== keep?.row.lead_id && !people.some((p) => p.id === input.leadId)) errors.leadId = 'Select the lead from the list'
    const outcomeChoices = allowedLinks(
      outcomes.map((o) => o.id),
      keep?.outcomeIds ?? [],
    )
    if (unknownLinks(input.outcomeIds, outcomeChoices).length) errors.outcomeIds = 'Select outcomes from the list'
    const objectiveChoices = allowedLinks(
      objectives.map((o) => o.id),
      keep?.objectiveIds ?? [],
    )
    if (unknownLinks(input.objectiveIds, objectiveChoices).length) errors.objectiveIds = 'Select objectives from the list'
    if (Object.keys(errors).length) throw new ValidationError(errors)
  }

  async function saveLinks(trx: Trx, actor: Actor, id: string, input: WorkstreamInput, before?: Linked): Promise<void> {
    await repo.changeOutcomeLinks(trx, actor.partnershipId, id, linkChanges(before?.outcomeIds ?? [], input.outcomeIds))
    await repo.changeObjectiveLinks(trx, actor.partnershipId, id, linkChanges(before?.objectiveIds ?? [], input.objectiveIds))
  }

  async function getForChange(actor: Actor, id: string): Promise<WorkstreamRow> {
    assertCan(actor, 'partnership.read')
    const { row } = await inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    await assertMayChange(actor, row.body_id)
    return row
  }

  async function setArchived(actor: Actor, id: string, version: number, action: 'archive' | 'restore') {
    await getForChange(actor, id)
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const before = await load(trx, actor, id)
      assertArchiveChange(action, before.row.archived_at, `‘${before.row.title}’`)
      if (action === 'restore') {
        const taken = await repo.findByTitle(trx, actor.partnershipId, before.row.body_id, before.row.title)
        if (taken)
          throw new ValidationError({
            title: `‘${taken.title}’ cannot be restored: the ${before.row.bodyName} already has a current workstream of that title. Rename or archive that one first.`,
          })
      }
      const after = await repo.updateWorkstream(trx, actor.partnershipId, id, version, { archived_at: action === 'archive' ? new Date() : null })
      if (!after) throw new ConflictError(`‘${before.row.title}’`)
      await recordAudit(trx, actor, {
        action,
        entityType: 'workstream',
        entityId: id,
        summary: `${verbs[action]} workstream ‘${after.title}’ of the ${before.row.bodyName}`,
        before: audited(before),
        after: { ...after, outcomeIds: before.outcomeIds, objectiveIds: before.objectiveIds },
      })
      return after
    })
  }

  return {
    /** The workstreams matching the filters, grouped by body, in a fixed number of queries. */
    async list(actor: Actor, filters: WorkstreamFilters) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const [rows, options] = await Promise.all([repo.listWorkstreams(trx, actor.partnershipId, filters), bodyOptions(trx, actor.partnershipId)])
        return { groups: byBody(rows), count: rows.length, bodies: options }
      })
    },

    /** A body's current workstreams by kind, for the body's page. */
    async ofBody(actor: Actor, bodyId: string) {
      assertCan(actor, 'partnership.read')
      const rows = await inPartnership(db, actor.partnershipId, (trx) => repo.listWorkstreams(trx, actor.partnershipId, { body: bodyId, status: 'current' }))
      return byKind(rows).map((group) => ({ ...group, heading: workstreamKindHeadings[group.kind] }))
    },

    /** One workstream with the outcomes (named as the newest version has them) and objectives it serves. */
    async page(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      const page = await inPartnership(db, actor.partnershipId, async (trx) => {
        const { row } = await load(trx, actor, id)
        const [links, current, objectives] = await Promise.all([
          repo.outcomeLinks(trx, actor.partnershipId, [id]),
          currentOutcomes(trx, actor.partnershipId),
          repo.objectiveLinks(trx, actor.partnershipId, [id]),
        ])
        const titles = await outcomeTitles(
          trx,
          actor.partnershipId,
          links.map((l) => l.outcome_id),
        )
        const inForce = new Map(current.map((o) => [o.id, o]))
        const outcomes = links
          .map((l) => ({
            id: l.outcome_id,
            title: inForce.get(l.outcome_id)?.title ?? titles.get(l.outcome_id) ?? 'Untitled outcome',
            inForce: inForce.has(l.outcome_id),
            position: inForce.get(l.outcome_id)?.position ?? Infinity,
          }))
          .sort((a, b) => a.position - b.position || a.title.localeCompare(b.title))
        return { workstream: row, outcomes, objectives }
      })
      return { ...page, canChange: await bodies.canChange(actor, page.workstream.body_id) }
    },

    /**
     * What the form offers: current bodies and people, the outcomes of the
     * framework in force, and the objectives of plans not archived; plus
     * whatever the workstream already links to that is no longer offered, so
     * saving the form keeps it unless it is unticked.
     */
    async formOptions(actor: Actor, id?: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const [openBodies, people, current, objectives, existing] = await Promise.all([
          bodyOptions(trx, actor.partnershipId),
          peopleOptions(trx, actor.partnershipId),
          currentOutcomes(trx, actor.partnershipId),
          repo.objectiveOptions(trx, actor.partnershipId),
          id ? load(trx, actor, id) : undefined,
        ])
        const dropped = (existing?.outcomeIds ?? []).filter((o) => !current.some((c) => c.id === o))
        const droppedTitles = await outcomeTitles(trx, actor.partnershipId, dropped)
        const kept = existing
          ? (await repo.objectiveLinks(trx, actor.partnershipId, [existing.row.id])).filter((o) => !objectives.some((x) => x.id === o.id))
          : []
        const bodyChoices =
          existing && !openBodies.some((b) => b.id === existing.row.body_id)
            ? [{ id: existing.row.body_id, name: existing.row.bodyName }, ...openBodies]
            : openBodies
        return {
          bodies: bodyChoices,
          people,
          outcomes: [
            ...current.map((o) => ({ id: o.id, title: o.title, inForce: true })),
            ...dropped.map((o) => ({ id: o, title: droppedTitles.get(o) ?? 'Untitled outcome', inForce: false })),
          ],
          objectives: [...objectives, ...kept],
        }
      })
    },

    async mayChangeSome(actor: Actor): Promise<boolean> {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => mayChangeSomeBody(trx, actor))
    },

    /** Refuses someone who can change no body at all, before the form naming the body is read. */
    async assertMayChangeSome(actor: Actor) {
      assertCan(actor, 'partnership.read')
      await inPartnership(db, actor.partnershipId, (trx) => assertMayChangeSomeBody(trx, actor))
    },

    /** The workstream, once the actor is known to be allowed to change its body's workstreams: checked before its forms are read. */
    getForChange,

    async get(actor: Actor, id: string): Promise<Linked> {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    },

    async create(actor: Actor, input: WorkstreamInput) {
      assertCan(actor, 'partnership.read')
      await assertMayChange(actor, input.bodyId)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        await assertChoices(trx, actor, input)
        const created = await repo.insertWorkstream(trx, actor.partnershipId, input).catch(titleTaken(input.title))
        await saveLinks(trx, actor, created.id, input)
        const after = await load(trx, actor, created.id)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'workstream',
          entityId: created.id,
          summary: `Added workstream ‘${created.title}’ to the ${after.row.bodyName}`,
          after: audited(after),
        })
        return created
      })
    },

    async update(actor: Actor, id: string, version: number, input: WorkstreamInput) {
      const found = await getForChange(actor, id)
      // Moving a workstream to another body needs the right to change that body's workstreams too.
      if (input.bodyId !== found.body_id) await assertMayChange(actor, input.bodyId)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        if (before.row.archived_at) throw new ConflictError(`‘${before.row.title}’`)
        await assertChoices(trx, actor, input, before)
        const saved = await repo.updateWorkstream(trx, actor.partnershipId, id, version, repo.workstreamValues(input)).catch(titleTaken(input.title))
        if (!saved) throw new ConflictError(`‘${before.row.title}’`)
        await saveLinks(trx, actor, id, input, before)
        const after = await load(trx, actor, id)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'workstream',
          entityId: id,
          summary: `Changed workstream ‘${saved.title}’ of the ${after.row.bodyName}`,
          before: audited(before),
          after: audited(after),
        })
        return saved
      })
    },

    archive(actor: Actor, id: string, version: number) {
      return setArchived(actor, id, version, 'archive')
    },

    restore(actor: Actor, id: string, version: number) {
      return setArchived(actor, id, version, 'restore')
    },
  }
}

export type WorkstreamService = ReturnType<typeof workstreamService>
