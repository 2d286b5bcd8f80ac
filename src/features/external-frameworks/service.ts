import type { Db } from '../../platform/db/database.ts'
import type { Transaction } from 'kysely'
import type { Database } from '../../platform/db/tables.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordPlatformAudit, type AuditEntry } from '../../platform/audit/audit.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { moveInOrder } from '../framework/model.ts'
import * as repo from './repository.ts'
import type { ExternalFramework, ExternalPriority } from './repository.ts'
import type { ExternalFrameworkInput, PriorityInput } from './schema.ts'

type Trx = Transaction<Database>
const verbs = { archive: 'Archived', restore: 'Restored' } as const

/**
 * Regional and national priority sets, defined once and shared by every
 * partnership: anyone signed in reads them, only admins change them. They sit
 * outside any one partnership, so writes run as the owner role and each change
 * is written to every partnership's audit trail, as it changes what each aligns to.
 */
export function externalFrameworkService(db: Db) {
  const audit = async (trx: Trx, actor: Actor, entry: AuditEntry) => recordPlatformAudit(trx, await repo.partnershipIds(trx), actor.label, entry)

  async function loadFramework(trx: Db | Trx, id: string): Promise<ExternalFramework> {
    const found = await repo.findFramework(trx, id)
    if (!found) throw new NotFoundError('The framework')
    return found
  }

  async function loadPriority(trx: Db | Trx, id: string): Promise<ExternalPriority> {
    const found = await repo.findPriority(trx, id)
    if (!found) throw new NotFoundError('The priority')
    return found
  }

  async function assertTitleFree(trx: Trx, title: string, id?: string) {
    const same = await repo.findFrameworkByTitle(trx, title)
    if (same && same.id !== id) throw new ValidationError({ title: `There is already a framework called ‘${same.title}’` })
  }

  /** The framework must be current to change it or its priorities: an archived one is restored first. */
  function assertCurrent(framework: ExternalFramework) {
    if (framework.archived_at) throw new ConflictError(`‘${framework.title}’`, `‘${framework.title}’ is archived: restore it before changing it or its priorities.`)
  }

  return {
    canEdit: (actor: Actor) => can(actor.role, 'shared-frameworks.edit'),

    assertMayEdit(actor: Actor) {
      assertCan(actor, 'shared-frameworks.edit')
    },

    async list(actor: Actor) {
      assertCan(actor, 'partnership.read')
      const [current, archived] = await Promise.all([repo.listFrameworks(db, false), repo.listFrameworks(db, true)])
      return { current, archived }
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      const framework = await loadFramework(db, id)
      const priorities = await repo.prioritiesOf(db, id)
      return { framework, priorities: priorities.filter((p) => !p.archived_at), archivedPriorities: priorities.filter((p) => p.archived_at) }
    },

    async getForChange(actor: Actor, id: string) {
      assertCan(actor, 'shared-frameworks.edit')
      return loadFramework(db, id)
    },

    async getPriorityForChange(actor: Actor, id: string) {
      assertCan(actor, 'shared-frameworks.edit')
      const priority = await loadPriority(db, id)
      return { priority, framework: await loadFramework(db, priority.framework_id) }
    },

    async create(actor: Actor, input: ExternalFrameworkInput) {
      assertCan(actor, 'shared-frameworks.edit')
      return db.transaction().execute(async (trx) => {
        await assertTitleFree(trx, input.title)
        const created = await repo.insertFramework(trx, input)
        await audit(trx, actor, { action: 'create', entityType: 'external-framework', entityId: created.id, summary: `Added the ${created.scope} framework ‘${created.title}’`, after: created })
        return created
      })
    },

    async update(actor: Actor, id: string, version: number, input: ExternalFrameworkInput) {
      assertCan(actor, 'shared-frameworks.edit')
      return db.transaction().execute(async (trx) => {
        const before = await loadFramework(trx, id)
        assertCurrent(before)
        await assertTitleFree(trx, input.title, id)
        const after = await repo.updateFramework(trx, id, version, repo.frameworkValues(input))
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await audit(trx, actor, { action: 'update', entityType: 'external-framework', entityId: id, summary: `Changed the framework ‘${after.title}’`, before, after })
        return after
      })
    },

    async setArchived(actor: Actor, id: string, version: number, action: keyof typeof verbs) {
      assertCan(actor, 'shared-frameworks.edit')
      return db.transaction().execute(async (trx) => {
        const before = await loadFramework(trx, id)
        assertArchiveChange(action, before.archived_at, `‘${before.title}’`)
        const after = await repo.updateFramework(trx, id, version, { archived_at: action === 'archive' ? new Date() : null })
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await audit(trx, actor, { action, entityType: 'external-framework', entityId: id, summary: `${verbs[action]} the framework ‘${after.title}’`, before, after })
        return after
      })
    },

    async addPriority(actor: Actor, frameworkId: string, input: PriorityInput) {
      assertCan(actor, 'shared-frameworks.edit')
      return db.transaction().execute(async (trx) => {
        const framework = await loadFramework(trx, frameworkId)
        assertCurrent(framework)
        const created = await repo.insertPriority(trx, frameworkId, input)
        await audit(trx, actor, { action: 'create', entityType: 'external-priority', entityId: created.id, summary: `Added the priority ‘${created.title}’ to ‘${framework.title}’`, after: created })
        return created
      })
    },

    async updatePriority(actor: Actor, id: string, version: number, input: PriorityInput) {
      assertCan(actor, 'shared-frameworks.edit')
      return db.transaction().execute(async (trx) => {
        const before = await loadPriority(trx, id)
        if (before.archived_at) throw new ConflictError(`‘${before.title}’`, `‘${before.title}’ is archived: restore it before changing it.`)
        assertCurrent(await loadFramework(trx, before.framework_id))
        const after = await repo.updatePriority(trx, id, version, { title: input.title, description: input.description })
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await audit(trx, actor, { action: 'update', entityType: 'external-priority', entityId: id, summary: `Changed the priority ‘${after.title}’`, before, after })
        return after
      })
    },

    /** Swaps the priority with its neighbour among the framework's current priorities. */
    async movePriority(actor: Actor, id: string, version: number, direction: 'up' | 'down') {
      assertCan(actor, 'shared-frameworks.edit')
      return db.transaction().execute(async (trx) => {
        const before = await loadPriority(trx, id)
        if (before.archived_at) throw new ConflictError(`‘${before.title}’`, `‘${before.title}’ is archived: restore it before moving it.`)
        assertCurrent(await loadFramework(trx, before.framework_id))
        const current = (await repo.prioritiesOf(trx, before.framework_id)).filter((p) => !p.archived_at)
        const order = moveInOrder(current.map((p) => p.id), id, direction)
        const moved = await repo.updatePriority(trx, id, version, { position: before.position })
        if (!moved) throw new ConflictError(`‘${before.title}’`)
        // Positions are rewritten in the new order, so gaps left by archived priorities close up.
        for (const [index, pid] of order.entries()) {
          await trx.updateTable('external_priorities').set({ position: index + 1 }).where('id', '=', pid).execute()
        }
        await audit(trx, actor, { action: 'update', entityType: 'external-priority', entityId: id, summary: `Moved the priority ‘${before.title}’ ${direction}`, before: { order: current.map((p) => p.id) }, after: { order } })
        return before
      })
    },

    async setPriorityArchived(actor: Actor, id: string, version: number, action: keyof typeof verbs) {
      assertCan(actor, 'shared-frameworks.edit')
      return db.transaction().execute(async (trx) => {
        const before = await loadPriority(trx, id)
        assertArchiveChange(action, before.archived_at, `‘${before.title}’`)
        assertCurrent(await loadFramework(trx, before.framework_id))
        const after = await repo.updatePriority(trx, id, version, { archived_at: action === 'archive' ? new Date() : null })
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await audit(trx, actor, { action, entityType: 'external-priority', entityId: id, summary: `${verbs[action]} the priority ‘${after.title}’`, before, after })
        return after
      })
    },
  }
}

export type ExternalFrameworkService = ReturnType<typeof externalFrameworkService>
