import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import type { Person } from '../../platform/db/tables.ts'
import * as repo from './repository.ts'
import type { PeopleFilters, PersonInput } from './schema.ts'
import { personLabel } from './model.ts'
import { auditVerbs as verbs } from '../../platform/audit/verbs.ts'

const entityType = 'person'

export function peopleService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string): Promise<repo.PersonRow> {
    const person = await repo.findPerson(trx, actor.partnershipId, id)
    if (!person) throw new NotFoundError('The person')
    return person
  }

  /** The organisation must be a current one of this partnership (archived ones may stay where already set). */
  async function assertOrganisation(trx: Trx, actor: Actor, organisationId: string | null, keep?: string | null): Promise<void> {
    if (!organisationId || organisationId === keep) return
    const organisation = await trx
      .selectFrom('organisations')
      .select(['id', 'archived_at'])
      .where('partnership_id', '=', actor.partnershipId)
      .where('id', '=', organisationId)
      .executeTakeFirst()
    if (!organisation || organisation.archived_at) throw new ValidationError({ organisationId: 'Select an organisation from the list' })
  }

  /** The account must belong to this partnership, and be linked to no one else: "my work" follows the link. */
  async function assertAccount(trx: Trx, actor: Actor, userId: string | null | undefined, personId?: string): Promise<void> {
    if (!userId) return
    const accounts = await repo.partnershipAccounts(trx, actor.partnershipId)
    if (!accounts.some((account) => account.id === userId)) throw new ValidationError({ userId: 'Select an account from the list' })
    const linked = await repo.findPersonByAccount(trx, actor.partnershipId, userId)
    if (linked && linked.id !== personId) throw new ValidationError({ userId: `That account is already linked to ‘${personLabel(linked)}’` })
  }

  async function change(
    actor: Actor,
    id: string,
    version: number,
    action: 'update' | 'archive' | 'restore',
    changes: Parameters<typeof repo.updatePerson>[4],
    check?: (trx: Trx, current: Person) => Promise<void>,
  ): Promise<Person> {
    assertCan(actor, 'directory.edit')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const { organisationName: _name, organisationArchivedAt: _archived, ...before } = await load(trx, actor, id)
      assertArchiveChange(action, before.archived_at, `‘${personLabel(before)}’`)
      await check?.(trx, before)
      const after = await repo.updatePerson(trx, actor.partnershipId, id, version, changes)
      if (!after) throw new ConflictError(`‘${personLabel(before)}’`)
      await recordAudit(trx, actor, { action, entityType, entityId: id, summary: `${verbs[action]} person ‘${personLabel(after)}’`, before, after })
      return after
    })
  }

  // Every method is async so that a refusal (assertCan) arrives as a rejected promise, never a synchronous throw.
  return {
    async accounts(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.partnershipAccounts(trx, actor.partnershipId))
    },

    async list(actor: Actor, filters: Partial<PeopleFilters>) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.listPeople(trx, actor.partnershipId, { ...filters, status: filters.status ?? 'active' }))
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    },

    async create(actor: Actor, input: PersonInput): Promise<Person> {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        await assertOrganisation(trx, actor, input.organisationId)
        await assertAccount(trx, actor, input.userId)
        const created = await repo.insertPerson(trx, actor.partnershipId, input)
        await recordAudit(trx, actor, { action: 'create', entityType, entityId: created.id, summary: `Added person ‘${personLabel(created)}’`, after: created })
        return created
      })
    },

    update(actor: Actor, id: string, version: number, input: PersonInput): Promise<Person> {
      return change(
        actor,
        id,
        version,
        'update',
        {
          name: input.name,
          role_title: input.roleTitle,
          job_title: input.jobTitle,
          organisation_id: input.organisationId,
          email: input.email,
          // No userId in the input leaves the person’s account link as it is.
          ...(input.userId !== undefined && { user_id: input.userId }),
        },
        async (trx, current) => {
          await assertOrganisation(trx, actor, input.organisationId, current.organisation_id)
          await assertAccount(trx, actor, input.userId, id)
        },
      )
    },

    archive(actor: Actor, id: string, version: number) {
      return change(actor, id, version, 'archive', { archived_at: new Date() })
    },

    restore(actor: Actor, id: string, version: number) {
      return change(actor, id, version, 'restore', { archived_at: null })
    },
  }
}

export type PeopleService = ReturnType<typeof peopleService>
