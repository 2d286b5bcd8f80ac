import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { bodyOptions } from '../../directory/lookups.ts'
import * as repo from './repository.ts'
import type { StrategyRow } from './repository.ts'
import type { StrategyInput } from './schema.ts'
import { auditVerbs as verbs } from '../../platform/audit/verbs.ts'

const entityType = 'strategy'

export function strategyService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string): Promise<StrategyRow> {
    const strategy = await repo.findStrategy(trx, actor.partnershipId, id)
    if (!strategy) throw new NotFoundError('The strategy')
    return strategy
  }

  /** The owner must be a current body, unless the strategy already had it (a body archived since stays). */
  async function assertOwner(trx: Trx, actor: Actor, input: StrategyInput, keep?: StrategyRow): Promise<void> {
    if (input.ownerBodyId === keep?.owner_body_id) return
    const open = await bodyOptions(trx, actor.partnershipId)
    if (!open.some((b) => b.id === input.ownerBodyId)) throw new ValidationError({ ownerBodyId: 'Select the body that owns the strategy' })
  }

  const strip = ({ ownerBodyName: _o, ...strategy }: StrategyRow) => strategy

  async function change(actor: Actor, id: string, version: number, action: 'update' | 'archive' | 'restore', input?: StrategyInput) {
    assertCan(actor, 'directory.edit')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const before = await load(trx, actor, id)
      if (action === 'update' && before.archived_at) throw new ConflictError(`‘${before.title}’`)
      if (action !== 'update') assertArchiveChange(action, before.archived_at, `‘${before.title}’`)
      if (input) await assertOwner(trx, actor, input, before)
      const changes = input ? repo.strategyValues(input) : { archived_at: action === 'archive' ? new Date() : null }
      const after = await repo.updateStrategy(trx, actor.partnershipId, id, version, changes)
      if (!after) throw new ConflictError(`‘${before.title}’`)
      await recordAudit(trx, actor, { action, entityType, entityId: id, summary: `${verbs[action]} strategy ‘${after.title}’`, before: strip(before), after })
      return after
    })
  }

  return {
    async list(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.listStrategies(trx, actor.partnershipId))
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    },

    async bodies(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => bodyOptions(trx, actor.partnershipId))
    },

    async create(actor: Actor, input: StrategyInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        await assertOwner(trx, actor, input)
        const created = await repo.insertStrategy(trx, actor.partnershipId, input)
        await recordAudit(trx, actor, { action: 'create', entityType, entityId: created.id, summary: `Added strategy ‘${created.title}’`, after: created })
        return created
      })
    },

    update(actor: Actor, id: string, version: number, input: StrategyInput) {
      return change(actor, id, version, 'update', input)
    },

    archive(actor: Actor, id: string, version: number) {
      return change(actor, id, version, 'archive')
    },

    restore(actor: Actor, id: string, version: number) {
      return change(actor, id, version, 'restore')
    },
  }
}

export type StrategyService = ReturnType<typeof strategyService>
