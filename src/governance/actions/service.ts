import { londonToday } from '../../platform/dates/index.ts'
import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { assertMayChangeBody, assertMayChangeSomeBody, mayChangeBody } from '../bodies/index.ts'
import { bodyOptions, findBody, findPersonLabel, peopleOptions } from '../../directory/lookups.ts'
import * as repo from './repository.ts'
import type { ActionFilters, ActionInput, ActionUpdateInput } from './schema.ts'

export function actionService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string) {
    const action = await repo.findAction(trx, actor.partnershipId, id)
    if (!action) throw new NotFoundError('The action')
    return action
  }

  return {
    async list(actor: Actor, filters: ActionFilters, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.listActions(trx, actor.partnershipId, filters, today))
    },

    /** The actions owned by the signed-in user's own person record. */
    async mine(actor: Actor, today = londonToday()) {
      assertCan(actor, 'partnership.read')
      if (!actor.userId) return []
      const userId = actor.userId
      return inPartnership(db, actor.partnershipId, (trx) => repo.listActions(trx, actor.partnershipId, { status: 'outstanding', ownerUserId: userId }, today))
    },

    async options(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => ({
        bodies: await bodyOptions(trx, actor.partnershipId),
        people: await peopleOptions(trx, actor.partnershipId),
      }))
    },

    /** The meeting, item and body a new action would come from, checked to exist. */
    async origin(actor: Actor, meetingId: string | null, itemId: string | null) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.originOf(trx, actor.partnershipId, meetingId, itemId))
    },

    /** Refuses someone who can change no body at all, before the form naming the body is read. */
    async assertMayChangeSome(actor: Actor) {
      assertCan(actor, 'partnership.read')
      await inPartnership(db, actor.partnershipId, (trx) => assertMayChangeSomeBody(trx, actor))
    },

    /** The action, once the actor is known to be allowed to change it: checked before its forms are read. */
    async getForChange(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const action = await load(trx, actor, id)
        await assertMayChangeBody(trx, actor, action.body_id)
        return action
      })
    },

    async page(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const action = await load(trx, actor, id)
        return { action, updates: await repo.updatesOf(trx, actor.partnershipId, id), canEdit: await mayChangeBody(trx, actor, action.body_id) }
      })
    },

    async create(actor: Actor, input: ActionInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        // An action from a meeting belongs to that meeting's body, whatever the form said.
        const origin = await repo.originOf(trx, actor.partnershipId, input.meetingId, input.agendaItemId)
        if ((input.meetingId || input.agendaItemId) && !origin) throw new ValidationError({ description: 'The meeting this action came from no longer exists' })
        const values = origin ? { ...input, bodyId: origin.bodyId, meetingId: origin.meetingId, agendaItemId: origin.agendaItemId } : input
        const body = await findBody(trx, actor.partnershipId, values.bodyId)
        if (!body) throw new ValidationError({ bodyId: 'Select the body the action belongs to' })
        await assertMayChangeBody(trx, actor, body.id)
        if (values.ownerId && !(await findPersonLabel(trx, actor.partnershipId, values.ownerId)))
          throw new ValidationError({ ownerId: 'Select the owner from the list' })
        const created = await repo.insertAction(trx, actor.partnershipId, values)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'action',
          entityId: created.id,
          summary: `Added action for ${body.name}: ${created.description.slice(0, 80)}`,
          after: created,
        })
        return created
      })
    },

    /** A dated update: a note and the status it leaves the action in. */
    async addUpdate(actor: Actor, id: string, version: number, input: ActionUpdateInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        await assertMayChangeBody(trx, actor, before.body_id)
        const after = await repo.updateAction(trx, actor.partnershipId, id, version, { status: input.status })
        if (!after) throw new ConflictError('The action')
        const update = await repo.insertUpdate(trx, actor.partnershipId, id, input, actor.label)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'action',
          entityId: id,
          summary: `Updated action: ${input.note.slice(0, 80)}`,
          before,
          after: { ...after, update },
        })
        return after
      })
    },
  }
}

export type ActionService = ReturnType<typeof actionService>
