import type { Db } from '../../platform/db/database.ts'
import { inPartnership } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import type { AuditEvent } from '../../platform/db/tables.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { NotFoundError } from '../../platform/errors.ts'
import * as repo from './repository.ts'
import { pageSize } from './model.ts'
import type { AuditFilters } from './schema.ts'

export interface AuditPage {
  rows: repo.AuditListRow[]
  total: number
  /** The page shown: a page past the end shows the last one. */
  page: number
  pages: number
}

export interface AuditFilterOptions {
  actors: repo.ActorOption[]
  kinds: string[]
  actions: string[]
}

/** Read-only: the trail is written by every other service, in its own transaction. */
export function auditService(db: Db) {
  return {
    async list(actor: Actor, filters: AuditFilters): Promise<AuditPage> {
      assertCan(actor, 'audit.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const total = await repo.countEvents(trx, actor.partnershipId, filters)
        const pages = Math.max(1, Math.ceil(total / pageSize))
        const page = Math.min(filters.page, pages)
        const rows = await repo.listEvents(trx, actor.partnershipId, filters, { limit: pageSize, offset: (page - 1) * pageSize })
        return { rows, total, page, pages }
      })
    },

    async filterOptions(actor: Actor): Promise<AuditFilterOptions> {
      assertCan(actor, 'audit.read')
      return inPartnership(db, actor.partnershipId, async (trx) => ({
        actors: await repo.actorOptions(trx, actor.partnershipId),
        kinds: await repo.distinctValues(trx, actor.partnershipId, 'entity_type'),
        actions: await repo.distinctValues(trx, actor.partnershipId, 'action'),
      }))
    },

    async get(actor: Actor, id: string): Promise<AuditEvent> {
      assertCan(actor, 'audit.read')
      // Ids are bigints: anything else cannot be an event.
      if (!/^[1-9][0-9]{0,17}$/.test(id)) throw new NotFoundError('The audit event')
      const event = await inPartnership(db, actor.partnershipId, (trx) => repo.findEvent(trx, actor.partnershipId, id))
      if (!event) throw new NotFoundError('The audit event')
      return event
    },
  }
}

export type AuditService = ReturnType<typeof auditService>
