import type { Db } from '../../platform/db/database.ts'
import { inPartnership } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import * as repo from './repository.ts'
import type { SettingsInput } from './schema.ts'

/** The partnership's own settings: its name, its public description, the area it serves and whether its public pages are published. */
export function partnershipSettingsService(db: Db) {
  return {
    async get(actor: Actor) {
      assertCan(actor, 'users.manage')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const partnership = await repo.findPartnership(trx, actor.partnershipId)
        if (!partnership) throw new NotFoundError('The partnership')
        return { partnership, areas: await repo.localAuthorities(trx) }
      })
    },

    async update(actor: Actor, version: number, input: SettingsInput) {
      assertCan(actor, 'users.manage')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await repo.findPartnership(trx, actor.partnershipId)
        if (!before) throw new NotFoundError('The partnership')
        if (input.areaCode && !(await repo.localAuthorities(trx)).some((a) => a.code === input.areaCode)) {
          throw new ValidationError({ areaCode: 'Select the local authority from the list' })
        }
        const saved = await repo.updatePartnership(trx, actor.partnershipId, version, input)
        if (!saved) throw new ConflictError('Someone else changed the partnership’s settings since you opened them')
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'partnership',
          entityId: saved.id,
          summary: `Changed the partnership’s settings`,
          before,
          after: saved,
        })
        return saved
      })
    },
  }
}

export type PartnershipSettingsService = ReturnType<typeof partnershipSettingsService>
