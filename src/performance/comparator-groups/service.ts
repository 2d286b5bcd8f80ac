import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { groupAreaProblem } from './model.ts'
import * as repo from './repository.ts'
import type { GroupInput } from './schema.ts'

export function comparatorGroupService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string) {
    const group = await repo.findGroup(trx, actor.partnershipId, id)
    if (!group) throw new NotFoundError('The comparator group')
    return group
  }

  async function assertValid(trx: Trx, actor: Actor, input: GroupInput, keepId?: string): Promise<void> {
    const problems: Record<string, string> = {}
    const same = await repo.findGroupByName(trx, actor.partnershipId, input.name)
    if (same && same.id !== keepId) problems.name = `A comparator group called ‘${same.name}’ already exists`
    const areaProblem = groupAreaProblem(input.kind, input.areaCodes, await repo.areaKinds(trx, actor.partnershipId, input.areaCodes))
    if (areaProblem) problems.areaCodes = areaProblem
    if (Object.keys(problems).length) throw new ValidationError(problems)
  }

  return {
    async list(actor: Actor, archived: boolean) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.listGroups(trx, actor.partnershipId, archived))
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const group = await load(trx, actor, id)
        return { ...group, areas: await repo.groupAreas(trx, actor.partnershipId, id) }
      })
    },

    async create(actor: Actor, input: GroupInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        await assertValid(trx, actor, input)
        const created = await repo.insertGroup(trx, actor.partnershipId, input)
        await repo.replaceAreas(trx, actor.partnershipId, created.id, input.areaCodes)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'comparator-group',
          entityId: created.id,
          summary: `Added the comparator group ‘${created.name}’ of ${input.areaCodes.length} ${input.areaCodes.length === 1 ? 'area' : 'areas'}`,
          after: { ...created, areaCodes: input.areaCodes },
        })
        return created
      })
    },

    async update(actor: Actor, id: string, version: number, input: GroupInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        if (before.archived_at)
          throw new ConflictError(
            `‘${before.name}’`,
            `‘${before.name}’ has been archived, so your changes have not been saved. Restore it first if you still compare against it.`,
          )
        await assertValid(trx, actor, input, id)
        const codesBefore = (await repo.groupAreas(trx, actor.partnershipId, id)).map((a) => a.code)
        const after = await repo.updateGroup(trx, actor.partnershipId, id, version, input)
        if (!after) throw new ConflictError(`‘${before.name}’`)
        await repo.replaceAreas(trx, actor.partnershipId, id, input.areaCodes)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'comparator-group',
          entityId: id,
          summary: `Changed the comparator group ‘${after.name}’`,
          before: { ...before, areaCodes: codesBefore },
          after: { ...after, areaCodes: input.areaCodes },
        })
        return after
      })
    },

    async setArchived(actor: Actor, id: string, version: number, action: 'archive' | 'restore') {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, id)
        assertArchiveChange(action, before.archived_at, `‘${before.name}’`)
        const after = await repo.setArchived(trx, actor.partnershipId, id, version, action === 'archive')
        if (!after) throw new ConflictError(`‘${before.name}’`)
        await recordAudit(trx, actor, {
          action,
          entityType: 'comparator-group',
          entityId: id,
          summary: `${action === 'archive' ? 'Archived' : 'Restored'} the comparator group ‘${after.name}’`,
          before,
          after,
        })
        return after
      })
    },
  }
}

export type ComparatorGroupService = ReturnType<typeof comparatorGroupService>
