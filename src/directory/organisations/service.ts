import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import type { Organisation } from '../../platform/db/tables.ts'
import * as repo from './repository.ts'
import type { OrganisationFilters, OrganisationInput } from './schema.ts'
import { auditVerbs as verbs } from '../../platform/audit/verbs.ts'
import { isUniqueViolation } from '../../platform/db/unique-violation.ts'

const entityType = 'organisation'

export function organisationService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string): Promise<Organisation> {
    const organisation = await repo.findOrganisation(trx, actor.partnershipId, id)
    if (!organisation) throw new NotFoundError('The organisation')
    return organisation
  }

  async function assertNameFree(trx: Trx, actor: Actor, name: string, exceptId?: string): Promise<void> {
    const existing = await repo.findOrganisationByName(trx, actor.partnershipId, name)
    if (existing && existing.id !== exceptId) {
      const where = existing.archived_at ? ' (archived: restore it instead)' : ''
      throw new ValidationError({ name: `An organisation called ‘${existing.name}’ already exists${where}` })
    }
  }

  // Two people adding the same name at once both pass assertNameFree; the unique
  // index stops the second, which should get the same message, not an error page.
  function nameTaken(name: string) {
    return (error: unknown): never => {
      if (isUniqueViolation(error, 'organisations_name')) throw new ValidationError({ name: `An organisation called ‘${name}’ already exists` })
      throw error
    }
  }

  /** Saves a change of state only if nobody else has saved since `version` was read. */
  async function change(
    actor: Actor,
    id: string,
    version: number,
    action: 'update' | 'archive' | 'restore',
    changes: (current: Organisation) => Parameters<typeof repo.updateOrganisation>[4],
    check?: (trx: Trx) => Promise<void>,
  ): Promise<Organisation> {
    assertCan(actor, 'directory.edit')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const before = await load(trx, actor, id)
      assertArchiveChange(action, before.archived_at, `‘${before.name}’`)
      await check?.(trx)
      const fields = changes(before)
      const after = await repo.updateOrganisation(trx, actor.partnershipId, id, version, fields).catch(nameTaken(fields.name ?? before.name))
      if (!after) throw new ConflictError(`‘${before.name}’`)
      await recordAudit(trx, actor, { action, entityType, entityId: id, summary: `${verbs[action]} organisation ‘${after.name}’`, before, after })
      return after
    })
  }

  // Every method is async so that a refusal (assertCan) arrives as a rejected promise, never a synchronous throw.
  return {
    async list(actor: Actor, filters: OrganisationFilters) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.listOrganisations(trx, actor.partnershipId, filters))
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    },

    async options(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.organisationOptions(trx, actor.partnershipId))
    },

    async create(actor: Actor, input: OrganisationInput): Promise<Organisation> {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        await assertNameFree(trx, actor, input.name)
        const created = await repo.insertOrganisation(trx, actor.partnershipId, input).catch(nameTaken(input.name))
        await recordAudit(trx, actor, { action: 'create', entityType, entityId: created.id, summary: `Added organisation ‘${created.name}’`, after: created })
        return created
      })
    },

    update(actor: Actor, id: string, version: number, input: OrganisationInput): Promise<Organisation> {
      return change(
        actor,
        id,
        version,
        'update',
        () => ({
          name: input.name,
          sector: input.sector,
          is_statutory: input.isStatutory,
          website: input.website,
          description: input.description,
        }),
        (trx) => assertNameFree(trx, actor, input.name, id),
      )
    },

    archive(actor: Actor, id: string, version: number) {
      return change(actor, id, version, 'archive', () => ({ archived_at: new Date() }))
    },

    restore(actor: Actor, id: string, version: number) {
      return change(actor, id, version, 'restore', () => ({ archived_at: null }))
    },
  }
}

export type OrganisationService = ReturnType<typeof organisationService>
