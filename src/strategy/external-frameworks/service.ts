import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { moveInOrder } from '../framework/index.ts'
import { copyTitle, ownershipOf, refusalText, type Ownership } from './model.ts'
import * as repo from './repository.ts'
import type { ExternalFramework, ExternalPriority } from './repository.ts'
import type { CopyInput, ExternalFrameworkInput, PriorityInput } from './schema.ts'
import { auditVerbs as verbs } from '../../platform/audit/verbs.ts'

/**
 * Regional and national priority sets. Every partnership reads them, aligns
 * its framework to them and may copy any of them; each set is changed only by
 * the admins of the partnership that keeps it. The platform's own sets (the GM
 * Children's Plan, from the demo seed) are kept by no partnership and are not
 * changed here at all. Writes run inside the acting partnership's row-level
 * security, whose policies refuse a set that is not its own as a second wall,
 * and are audited in its own trail: a partnership never writes into another's.
 */
export function externalFrameworkService(db: Db) {
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
    if (framework.archived_at)
      throw new ConflictError(`‘${framework.title}’`, `‘${framework.title}’ is archived: restore it before changing it or its priorities.`)
  }

  const ownership = (actor: Actor, framework: ExternalFramework): Ownership => ownershipOf(framework.owner_partnership_id, actor.partnershipId)

  /** Only the keeping partnership's admins change a set: anyone else is told whose it is and offered a copy. */
  function assertMayChange(actor: Actor, framework: ExternalFramework) {
    assertCan(actor, 'shared-frameworks.edit')
    const whose = ownership(actor, framework)
    if (whose !== 'ours') throw new ForbiddenError(refusalText(whose, framework.title))
  }

  /**
   * One change to a set the actor's partnership keeps, in one transaction in
   * that partnership: the set is read again and its owner checked there, so a
   * form opened before anything changed cannot slip past.
   */
  function changeSet<T>(actor: Actor, frameworkId: string, work: (trx: Trx, framework: ExternalFramework) => Promise<T>): Promise<T> {
    assertCan(actor, 'shared-frameworks.edit')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const framework = await loadFramework(trx, frameworkId)
      assertMayChange(actor, framework)
      return work(trx, framework)
    })
  }

  async function frameworkOfPriority(id: string): Promise<string> {
    return (await loadPriority(db, id)).framework_id
  }

  return {
    /** Whether the actor may add a set of their partnership's own, or copy one. */
    canAdd: (actor: Actor) => can(actor.role, 'shared-frameworks.edit'),

    /** Whether the actor may change this set. */
    canChange: (actor: Actor, framework: ExternalFramework) => can(actor.role, 'shared-frameworks.edit') && ownership(actor, framework) === 'ours',

    ownership,

    assertMayAdd(actor: Actor) {
      assertCan(actor, 'shared-frameworks.edit')
    },

    async list(actor: Actor) {
      assertCan(actor, 'partnership.read')
      const [current, archived] = await Promise.all([repo.listFrameworks(db, false), repo.listFrameworks(db, true)])
      return { current, archived }
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      const framework = await repo.findFrameworkWithOwner(db, id)
      if (!framework) throw new NotFoundError('The framework')
      const priorities = await repo.prioritiesOf(db, id)
      return { framework, priorities: priorities.filter((p) => !p.archived_at), archivedPriorities: priorities.filter((p) => p.archived_at) }
    },

    async getForChange(actor: Actor, id: string) {
      assertCan(actor, 'shared-frameworks.edit')
      const framework = await loadFramework(db, id)
      assertMayChange(actor, framework)
      return framework
    },

    async getPriorityForChange(actor: Actor, id: string) {
      assertCan(actor, 'shared-frameworks.edit')
      const priority = await loadPriority(db, id)
      const framework = await loadFramework(db, priority.framework_id)
      assertMayChange(actor, framework)
      return { priority, framework }
    },

    /** The set to copy, with the title its copy is offered. */
    async getForCopy(actor: Actor, id: string) {
      assertCan(actor, 'shared-frameworks.edit')
      const framework = await loadFramework(db, id)
      const partnership = await inPartnership(db, actor.partnershipId, (trx) =>
        trx.selectFrom('partnerships').select('name').where('id', '=', actor.partnershipId).executeTakeFirstOrThrow(),
      )
      return { framework, suggestedTitle: copyTitle(framework.title, partnership.name) }
    },

    async create(actor: Actor, input: ExternalFrameworkInput) {
      assertCan(actor, 'shared-frameworks.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        await assertTitleFree(trx, input.title)
        const created = await repo.insertFramework(trx, actor.partnershipId, input)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'external-framework',
          entityId: created.id,
          summary: `Added the ${created.scope} framework ‘${created.title}’`,
          after: created,
        })
        return created
      })
    },

    /**
     * A set of the partnership's own made from any set it can read, with the
     * current priorities in their order: one it can then change as it likes.
     * Alignments stay with the original, as they name its priorities.
     */
    async copy(actor: Actor, id: string, input: CopyInput) {
      assertCan(actor, 'shared-frameworks.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const source = await loadFramework(trx, id)
        await assertTitleFree(trx, input.title)
        const priorities = (await repo.prioritiesOf(trx, id)).filter((p) => !p.archived_at)
        const created = await repo.insertFramework(trx, actor.partnershipId, {
          title: input.title,
          publisher: source.publisher,
          scope: source.scope,
          description: source.description,
          publishedOn: source.published_on,
        })
        const copied = await repo.insertPriorities(trx, created.id, priorities)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'external-framework',
          entityId: created.id,
          summary: `Copied the framework ‘${source.title}’ to the partnership as ‘${created.title}’, with its ${copied.length} ${copied.length === 1 ? 'priority' : 'priorities'}`,
          after: {
            ...created,
            copiedFrom: { id: source.id, title: source.title, ownerPartnershipId: source.owner_partnership_id },
            priorities: copied.map((p) => p.title),
          },
        })
        return created
      })
    },

    async update(actor: Actor, id: string, version: number, input: ExternalFrameworkInput) {
      return changeSet(actor, id, async (trx, before) => {
        assertCurrent(before)
        await assertTitleFree(trx, input.title, id)
        const after = await repo.updateFramework(trx, id, version, repo.frameworkValues(input))
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'external-framework',
          entityId: id,
          summary: `Changed the framework ‘${after.title}’`,
          before,
          after,
        })
        return after
      })
    },

    async setArchived(actor: Actor, id: string, version: number, action: 'archive' | 'restore') {
      return changeSet(actor, id, async (trx, before) => {
        assertArchiveChange(action, before.archived_at, `‘${before.title}’`)
        const after = await repo.updateFramework(trx, id, version, { archived_at: action === 'archive' ? new Date() : null })
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await recordAudit(trx, actor, {
          action,
          entityType: 'external-framework',
          entityId: id,
          summary: `${verbs[action]} the framework ‘${after.title}’`,
          before,
          after,
        })
        return after
      })
    },

    async addPriority(actor: Actor, frameworkId: string, input: PriorityInput) {
      return changeSet(actor, frameworkId, async (trx, framework) => {
        assertCurrent(framework)
        const created = await repo.insertPriority(trx, frameworkId, input)
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'external-priority',
          entityId: created.id,
          summary: `Added the priority ‘${created.title}’ to ‘${framework.title}’`,
          after: created,
        })
        return created
      })
    },

    async updatePriority(actor: Actor, id: string, version: number, input: PriorityInput) {
      return changeSet(actor, await frameworkOfPriority(id), async (trx, framework) => {
        const before = await loadPriority(trx, id)
        if (before.archived_at) throw new ConflictError(`‘${before.title}’`, `‘${before.title}’ is archived: restore it before changing it.`)
        assertCurrent(framework)
        const after = await repo.updatePriority(trx, id, version, { title: input.title, description: input.description })
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'external-priority',
          entityId: id,
          summary: `Changed the priority ‘${after.title}’`,
          before,
          after,
        })
        return after
      })
    },

    /** Swaps the priority with its neighbour among the framework's current priorities. */
    async movePriority(actor: Actor, id: string, version: number, direction: 'up' | 'down') {
      return changeSet(actor, await frameworkOfPriority(id), async (trx, framework) => {
        const before = await loadPriority(trx, id)
        if (before.archived_at) throw new ConflictError(`‘${before.title}’`, `‘${before.title}’ is archived: restore it before moving it.`)
        assertCurrent(framework)
        const current = (await repo.prioritiesOf(trx, before.framework_id)).filter((p) => !p.archived_at)
        const order = moveInOrder(
          current.map((p) => p.id),
          id,
          direction,
        )
        const moved = await repo.updatePriority(trx, id, version, { position: before.position })
        if (!moved) throw new ConflictError(`‘${before.title}’`)
        // Positions are rewritten in the new order, so gaps left by archived priorities close up.
        for (const [index, pid] of order.entries()) {
          await trx
            .updateTable('external_priorities')
            .set({ position: index + 1 })
            .where('id', '=', pid)
            .execute()
        }
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'external-priority',
          entityId: id,
          summary: `Moved the priority ‘${before.title}’ ${direction}`,
          before: { order: current.map((p) => p.id) },
          after: { order },
        })
        return before
      })
    },

    async setPriorityArchived(actor: Actor, id: string, version: number, action: 'archive' | 'restore') {
      return changeSet(actor, await frameworkOfPriority(id), async (trx, framework) => {
        const before = await loadPriority(trx, id)
        assertArchiveChange(action, before.archived_at, `‘${before.title}’`)
        assertCurrent(framework)
        const after = await repo.updatePriority(trx, id, version, { archived_at: action === 'archive' ? new Date() : null })
        if (!after) throw new ConflictError(`‘${before.title}’`)
        await recordAudit(trx, actor, {
          action,
          entityType: 'external-priority',
          entityId: id,
          summary: `${verbs[action]} the priority ‘${after.title}’`,
          after,
          before,
        })
        return after
      })
    },
  }
}

export type ExternalFrameworkService = ReturnType<typeof externalFrameworkService>
