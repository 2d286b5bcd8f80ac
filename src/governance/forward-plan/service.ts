import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { addMonths, londonToday } from '../../platform/dates/index.ts'
import { bodyService, assertMayChangeSomeBody, bodiesActorMayChange, mayChangeSomeBody } from '../bodies/index.ts'
import { bodyOptions, peopleOptions } from '../../directory/lookups.ts'
import { planForBody } from './model.ts'
import * as repo from './repository.ts'
import type { PlannedItemRow } from './repository.ts'
import type { PlanFilters, PlannedItemInput } from './schema.ts'
import { auditVerbs as verbs } from '../../platform/audit/verbs.ts'

const refusal = 'Only admins, editors and the body’s chair or lead officer can change its forward plan'

export function forwardPlanService(db: Db) {
  const bodies = bodyService(db)

  async function assertMayChange(actor: Actor, bodyId: string): Promise<void> {
    if (!(await bodies.canChange(actor, bodyId))) throw new ForbiddenError(refusal)
  }

  async function load(trx: Trx, actor: Actor, id: string): Promise<PlannedItemRow> {
    const item = await repo.findItem(trx, actor.partnershipId, id)
    if (!item) throw new NotFoundError('The planned item')
    return item
  }

  /** The body must be a current one and the lead a current person, unless the item already had them. */
  async function assertChoices(trx: Trx, actor: Actor, input: PlannedItemInput, keep?: PlannedItemRow): Promise<void> {
    if (input.bodyId !== keep?.body_id) {
      const open = await bodyOptions(trx, actor.partnershipId)
      if (!open.some((b) => b.id === input.bodyId)) throw new ValidationError({ bodyId: 'Select the body the item goes to' })
    }
    if (input.leadId && input.leadId !== keep?.lead_id) {
      const person = await repo.findPerson(trx, actor.partnershipId, input.leadId)
      if (!person || person.archived_at) throw new ValidationError({ leadId: 'Select the lead from the list' })
    }
  }

  const strip = ({ bodyName: _b, leadLabel: _l, ...item }: PlannedItemRow) => item

  async function getForChange(actor: Actor, id: string): Promise<PlannedItemRow> {
    assertCan(actor, 'partnership.read')
    const item = await inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    await assertMayChange(actor, item.body_id)
    return item
  }

  async function setArchived(actor: Actor, id: string, version: number, action: 'archive' | 'restore') {
    await getForChange(actor, id)
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const before = await load(trx, actor, id)
      assertArchiveChange(action, before.archived_at, `‘${before.title}’`)
      const after = await repo.updateItem(trx, actor.partnershipId, id, version, { archived_at: action === 'archive' ? new Date() : null })
      if (!after) throw new ConflictError(`‘${before.title}’`)
      await recordAudit(trx, actor, {
        action,
        entityType: 'planned-item',
        entityId: id,
        summary: `${verbs[action]} ‘${after.title}’ on the forward plan`,
        before: strip(before),
        after,
      })
      return after
    })
  }

  return {
    /**
     * Each body's next twelve months: its meetings with the planned items placed
     * against them, and the items no meeting is scheduled for yet. A fixed
     * number of queries however many bodies, items and meetings there are.
     */
    async plan(actor: Actor, filters: PlanFilters, now = new Date()) {
      assertCan(actor, 'partnership.read')
      const from = londonToday(now)
      const to = addMonths(from, 12)
      const { items, meetings, archived, options } = await inPartnership(db, actor.partnershipId, async (trx) => {
        const items = await repo.listItems(trx, actor.partnershipId, { bodyId: filters.body, archived: false })
        const archived = await repo.listItems(trx, actor.partnershipId, { bodyId: filters.body, archived: true })
        const options = await bodyOptions(trx, actor.partnershipId)
        const bodyIds = filters.body ? [filters.body] : options.map((b) => b.id)
        // From a day back, so a meeting earlier today (London) is still on the plan.
        const meetings = await repo.meetingsFrom(trx, actor.partnershipId, bodyIds, new Date(now.getTime() - 86_400_000))
        return { items, meetings, archived, options }
      })
      const dated = meetings.map((m) => ({ ...m, date: londonToday(m.starts_at) })).filter((m) => m.date >= from)
      const shown = filters.body ? options.filter((b) => b.id === filters.body) : options
      const plans = shown
        .map((body) => ({
          body,
          ...planForBody(
            items.filter((i) => i.body_id === body.id),
            dated.filter((m) => m.body_id === body.id),
            from,
            to,
          ),
        }))
        .filter((p) => filters.body || p.meetings.length || p.unplaced.length)
      return { from, to, plans, archived, bodies: options }
    },

    async bodies(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => bodyOptions(trx, actor.partnershipId))
    },

    async people(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => peopleOptions(trx, actor.partnershipId))
    },

    /** The bodies, of these, whose forward plan the actor may change. */
    async changeable(actor: Actor, bodyIds: readonly string[]): Promise<Set<string>> {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => bodiesActorMayChange(trx, actor, bodyIds))
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

    /** The item, once the actor is known to be allowed to change its body's plan: checked before its forms are read. */
    getForChange,

    async get(actor: Actor, id: string): Promise<PlannedItemRow> {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    },

    async create(actor: Actor, input: PlannedItemInput) {
      assertCan(actor, 'partnership.read')
      await assertMayChange(actor, input.bodyId)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        await assertChoices(trx, actor, input)
        const created = await repo.insertItem(trx, actor.partnershipId, input)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'planned-item',
          entityId: created.id,
          summary: `Added ‘${created.title}’ to the forward plan`,
          after: created,
        })
        return created
      })
    },

    async update(actor: Actor, id: string, version: number, input: PlannedItemInput) {
      const found = await getForChange(actor, id)
      // Moving an item to another body needs the right to change that body's plan too.
      if (input.bodyId !== found.body_id) await assertMayChange(actor, input.bodyId)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        if (before.archived_at)
          throw new ConflictError(
            `‘${before.title}’`,
            `‘${before.title}’ has been archived, so your changes have not been saved. Restore it from the forward plan first if it is still planned.`,
          )
        await assertChoices(trx, actor, input, before)
        const after = await repo.updateItem(trx, actor.partnershipId, id, version, repo.itemValues(input))
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'planned-item',
          entityId: id,
          summary: `Changed ‘${after.title}’ on the forward plan`,
          before: strip(before),
          after,
        })
        return after
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

export type ForwardPlanService = ReturnType<typeof forwardPlanService>
