import { londonToday } from '../../platform/dates/index.ts'
import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { assertArchiveChange } from '../../platform/archiving.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import * as repo from './repository.ts'
import type { Body } from './repository.ts'
import type { BodyFilters, BodyInput, EndBodyInput, MemberInput } from './schema.ts'
import { mayChangeBody } from './access.ts'
import { asStoodOn, canManageBodies, memberOn, memberRoles, sectorCoverage, wouldCreateCycle } from './model.ts'
import type { BodyKind } from '../../platform/db/tables.ts'
import { auditVerbs as verbs } from '../../platform/audit/verbs.ts'
import { isUniqueViolation } from '../../platform/db/unique-violation.ts'

export function bodyService(db: Db) {
  async function load(trx: Trx, actor: Actor, id: string): Promise<Body> {
    const body = await repo.findBody(trx, actor.partnershipId, id)
    if (!body) throw new NotFoundError('The body')
    return body
  }

  const mayChange = mayChangeBody

  async function assertMayChange(trx: Trx, actor: Actor, bodyId: string): Promise<void> {
    if (!(await mayChange(trx, actor, bodyId))) throw new ForbiddenError()
  }

  function assertMayManage(actor: Actor): void {
    assertCan(actor, 'partnership.read')
    if (!canManageBodies(actor.role)) throw new ForbiddenError()
  }

  async function assertNameFree(trx: Trx, actor: Actor, name: string, exceptId?: string): Promise<void> {
    const existing = await repo.findBodyByName(trx, actor.partnershipId, name)
    if (existing && existing.id !== exceptId) {
      const where = existing.archived_at ? ' (archived: restore it instead)' : ''
      throw new ValidationError({ name: `A body called ‘${existing.name}’ already exists${where}` })
    }
  }

  /** The body it reports to must be one of this partnership's, not archived, and not (however indirectly) reporting to this one. */
  async function assertAccountableTo(trx: Trx, actor: Actor, bodyId: string | null, accountableToId: string | null, keep?: string | null): Promise<void> {
    if (!accountableToId || accountableToId === keep) return
    const all = await repo.allBodies(trx, actor.partnershipId)
    const parent = all.find((b) => b.id === accountableToId)
    if (!parent || parent.archived_at) throw new ValidationError({ accountableToId: 'Select a body from the list' })
    if (bodyId && wouldCreateCycle(all, bodyId, accountableToId)) {
      throw new ValidationError({ accountableToId: `${parent.name} reports to this body already, so this body cannot be accountable to it` })
    }
  }

  async function change(
    actor: Actor,
    id: string,
    version: number,
    action: keyof typeof verbs,
    changes: repo.BodyChanges,
    check?: (trx: Trx, before: Body) => Promise<void>,
  ): Promise<Body> {
    assertCan(actor, 'partnership.read')
    return inPartnership(db, actor.partnershipId, async (trx) => {
      const before = await load(trx, actor, id)
      if (action === 'archive' || action === 'restore') {
        assertMayManage(actor)
        assertArchiveChange(action, before.archived_at, `‘${before.name}’`)
      } else {
        await assertMayChange(trx, actor, id)
        if (before.archived_at) throw new ConflictError(`‘${before.name}’`)
      }
      await check?.(trx, before)
      const after = await repo.updateBody(trx, actor.partnershipId, id, version, changes).catch(nameTaken(changes.name ?? before.name))
      if (!after) throw new ConflictError(`‘${before.name}’`)
      await recordAudit(trx, actor, {
        action: action === 'end' ? 'update' : action,
        entityType: 'body',
        entityId: id,
        summary: `${verbs[action]} body ‘${after.name}’`,
        before,
        after,
      })
      return after
    })
  }

  /** The person must be current, and the organisation they represent defaults to their own. */
  async function memberValues(
    trx: Trx,
    actor: Actor,
    input: MemberInput,
    keep?: { personId: string; representingId: string | null },
  ): Promise<repo.MemberValues> {
    const person = await repo.findPersonForMembership(trx, actor.partnershipId, input.personId)
    if (!person || (person.archived_at && person.id !== keep?.personId)) throw new ValidationError({ personId: 'Select the person' })
    const representingId = input.representingId ?? person.organisation_id
    if (representingId && representingId !== keep?.representingId) {
      const organisation = await repo.findOrganisationForMembership(trx, actor.partnershipId, representingId)
      if (!organisation || organisation.archived_at) throw new ValidationError({ representingId: 'Select an organisation from the list' })
    }
    return { personId: person.id, role: input.role, representingId, startsOn: input.startsOn, endsOn: input.endsOn }
  }

  // Every method is async so that a refusal arrives as a rejected promise, never a synchronous throw.
  return {
    async list(actor: Actor, filters: BodyFilters) {
      assertCan(actor, 'partnership.read')
      const all = await inPartnership(db, actor.partnershipId, (trx) => repo.allBodies(trx, actor.partnershipId))
      const today = londonToday()
      let rows = filters.status === 'archived' ? all.filter((b) => b.archived_at) : all.filter((b) => filters.status === 'all' || !b.archived_at)
      if (filters.on) rows = asStoodOn(rows, filters.on)
      else if (filters.status === 'current') rows = asStoodOn(rows, today)
      else if (filters.status === 'ended') rows = rows.filter((b) => b.ended_on !== null && b.ended_on <= today)
      if (filters.kind) rows = rows.filter((b) => b.kind === filters.kind)
      const names = new Map(all.map((b) => [b.id, b.name]))
      return rows.map((b) => ({ ...b, accountableToName: b.accountable_to_id ? (names.get(b.accountable_to_id) ?? null) : null }))
    },

    /** The bodies (not archived) that existed on a date, optionally of one kind: what the structure chart draws. */
    async structure(actor: Actor, on: string, kind?: BodyKind): Promise<Body[]> {
      assertCan(actor, 'partnership.read')
      const all = await inPartnership(db, actor.partnershipId, (trx) => repo.allBodies(trx, actor.partnershipId))
      return asStoodOn(
        all.filter((b) => !b.archived_at && (!kind || b.kind === kind)),
        on,
      )
    },

    async get(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => load(trx, actor, id))
    },

    /** Everything the body's page shows, in a fixed number of queries whatever the size of the body. */
    async page(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const body = await load(trx, actor, id)
        const [all, members, sectors, canChange] = await Promise.all([
          repo.allBodies(trx, actor.partnershipId),
          repo.membersOfBody(trx, actor.partnershipId, id),
          repo.partnerSectors(trx, actor.partnershipId),
          mayChange(trx, actor, id),
        ])
        const today = londonToday()
        const current = members.filter((m) => memberOn(m, today))
        const byRole = memberRoles.map((role) => ({ role, members: current.filter((m) => m.role === role) })).filter((g) => g.members.length)
        return {
          body,
          accountableTo: all.find((b) => b.id === body.accountable_to_id) ?? null,
          reports: all.filter((b) => b.accountable_to_id === id && !b.archived_at),
          supersededBy: all.find((b) => b.id === body.superseded_by_id) ?? null,
          supersedes: all.filter((b) => b.superseded_by_id === id),
          byRole,
          past: members.filter((m) => !memberOn(m, today)),
          coverage: sectorCoverage(
            current.map((m) => m.representingSector),
            sectors,
          ),
          canChange,
          canManage: canManageBodies(actor.role),
        }
      })
    },

    /** The bodies a body could be accountable to or superseded by: all current ones but itself. */
    async options(actor: Actor, exceptId?: string) {
      assertCan(actor, 'partnership.read')
      const all = await inPartnership(db, actor.partnershipId, (trx) => repo.allBodies(trx, actor.partnershipId))
      return all.filter((b) => !b.archived_at && b.id !== exceptId).map((b) => ({ id: b.id, name: b.name }))
    },

    async canChange(actor: Actor, id: string): Promise<boolean> {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => mayChange(trx, actor, id))
    },

    async create(actor: Actor, input: BodyInput): Promise<Body> {
      assertMayManage(actor)
      return inPartnership(db, actor.partnershipId, async (trx) => {
        await assertNameFree(trx, actor, input.name)
        await assertAccountableTo(trx, actor, null, input.accountableToId)
        const created = await repo.insertBody(trx, actor.partnershipId, input).catch(nameTaken(input.name))
        await recordAudit(trx, actor, { action: 'create', entityType: 'body', entityId: created.id, summary: `Added body ‘${created.name}’`, after: created })
        return created
      })
    },

    update(actor: Actor, id: string, version: number, input: BodyInput): Promise<Body> {
      const changes = {
        name: input.name,
        short_name: input.shortName,
        kind: input.kind,
        purpose: input.purpose,
        accountable_to_id: input.accountableToId,
        established_on: input.establishedOn,
      }
      return change(actor, id, version, 'update', changes, async (trx, before) => {
        await assertNameFree(trx, actor, input.name, id)
        await assertAccountableTo(trx, actor, id, input.accountableToId, before.accountable_to_id)
        if (input.establishedOn && before.ended_on && before.ended_on < input.establishedOn) {
          throw new ValidationError({ establishedOn: 'Date established must be on or before the date it ended' })
        }
      })
    },

    end(actor: Actor, id: string, version: number, input: EndBodyInput): Promise<Body> {
      return change(actor, id, version, 'end', { ended_on: input.endedOn, superseded_by_id: input.supersededById }, async (trx, before) => {
        if (before.established_on && input.endedOn < before.established_on)
          throw new ValidationError({ endedOn: 'Date it ended must be on or after the date it was established' })
        if (input.supersededById) {
          const successor = await repo.findBody(trx, actor.partnershipId, input.supersededById)
          if (!successor || successor.archived_at || successor.id === id) throw new ValidationError({ supersededById: 'Select a body from the list' })
        }
      })
    },

    archive(actor: Actor, id: string, version: number) {
      return change(actor, id, version, 'archive', { archived_at: new Date() })
    },

    restore(actor: Actor, id: string, version: number) {
      return change(actor, id, version, 'restore', { archived_at: null })
    },

    async member(actor: Actor, bodyId: string, memberId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const member = await repo.findMember(trx, actor.partnershipId, bodyId, memberId)
        if (!member) throw new NotFoundError('The membership')
        return member
      })
    },

    async addMember(actor: Actor, bodyId: string, input: MemberInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const body = await load(trx, actor, bodyId)
        await assertMayChange(trx, actor, bodyId)
        if (body.archived_at) throw new ConflictError(`‘${body.name}’`)
        const created = await repo.insertMember(trx, actor.partnershipId, bodyId, await memberValues(trx, actor, input))
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'body-member',
          entityId: created.id,
          summary: `Added a ${created.role} to ‘${body.name}’`,
          after: created,
        })
        return created
      })
    },

    async updateMember(actor: Actor, bodyId: string, memberId: string, version: number, input: MemberInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const body = await load(trx, actor, bodyId)
        await assertMayChange(trx, actor, bodyId)
        const found = await repo.findMember(trx, actor.partnershipId, bodyId, memberId)
        if (!found) throw new NotFoundError('The membership')
        const {
          personName: _n,
          personRoleTitle: _r,
          personArchivedAt: _pa,
          representingName: _o,
          representingSector: _s,
          bodyName: _b,
          bodyEndedOn: _e,
          bodyArchivedAt: _ba,
          ...before
        } = found
        const values = await memberValues(trx, actor, input, { personId: before.person_id, representingId: before.representing_id })
        const after = await repo.updateMember(trx, actor.partnershipId, memberId, version, values)
        if (!after) throw new ConflictError('The membership')
        const summary =
          after.ends_on && !before.ends_on ? `Ended a ${after.role}’s membership of ‘${body.name}’` : `Changed a ${after.role}’s membership of ‘${body.name}’`
        await recordAudit(trx, actor, { action: 'update', entityType: 'body-member', entityId: memberId, summary, before, after })
        return after
      })
    },

    /**
     * Removes a membership that should never have been recorded. Someone who
     * left is given an end date instead, so the body's history stays true.
     */
    async removeMember(actor: Actor, bodyId: string, memberId: string, version: number) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const body = await load(trx, actor, bodyId)
        await assertMayChange(trx, actor, bodyId)
        const found = await repo.findMember(trx, actor.partnershipId, bodyId, memberId)
        if (!found) throw new NotFoundError('The membership')
        const after = await repo.archiveMember(trx, actor.partnershipId, memberId, version)
        if (!after) throw new ConflictError('The membership')
        const who = found.personName ?? found.personRoleTitle ?? 'someone'
        await recordAudit(trx, actor, {
          action: 'archive',
          entityType: 'body-member',
          entityId: memberId,
          summary: `Removed ${who}’s membership of ‘${body.name}’, recorded by mistake`,
          after,
        })
        return found
      })
    },

    /** Everything a person sits on or has sat on. */
    async personBodies(actor: Actor, personId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.membershipsOfPerson(trx, actor.partnershipId, personId))
    },
  }
}

// Two people adding the same name at once both pass assertNameFree; the unique index stops the second.
function nameTaken(name: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error, 'bodies_name')) throw new ValidationError({ name: `A body called ‘${name}’ already exists` })
    throw error
  }
}

export type BodyService = ReturnType<typeof bodyService>
