import { londonToday } from '../../platform/dates/index.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import type { Executor } from '../../platform/db/database.ts'
import { ForbiddenError } from '../../platform/errors.ts'
import { canChangeBody, canManageBodies } from './model.ts'
import { currentRolesByBody } from './repository.ts'

// The one rule for who changes a body and its work (meetings, actions, the
// forward plan, workstreams), applied through one query however many bodies a
// page shows: see canChangeBody for the rule itself.

const refusal = 'Only admins, editors and the body’s chair or lead officer can change its work'

/** Of these bodies, the ones the actor may change. */
export async function bodiesActorMayChange(db: Executor, actor: Actor, bodyIds: readonly string[]): Promise<Set<string>> {
  if (canManageBodies(actor.role)) return new Set(bodyIds)
  if (actor.role !== 'contributor' || !actor.userId || bodyIds.length === 0) return new Set()
  const roles = await currentRolesByBody(db, actor.partnershipId, actor.userId, londonToday(), bodyIds)
  return new Set(bodyIds.filter((id) => canChangeBody(actor.role, roles.get(id) ?? [])))
}

export async function mayChangeBody(db: Executor, actor: Actor, bodyId: string): Promise<boolean> {
  return (await bodiesActorMayChange(db, actor, [bodyId])).has(bodyId)
}

export async function assertMayChangeBody(db: Executor, actor: Actor, bodyId: string): Promise<void> {
  if (!(await mayChangeBody(db, actor, bodyId))) throw new ForbiddenError(refusal)
}

/**
 * Whether the actor may change at least one body: checked before a form that
 * names its body is read, so that someone who can change none is refused
 * rather than shown the form's errors.
 */
export async function mayChangeSomeBody(db: Executor, actor: Actor): Promise<boolean> {
  if (canManageBodies(actor.role)) return true
  if (actor.role !== 'contributor' || !actor.userId) return false
  const roles = await currentRolesByBody(db, actor.partnershipId, actor.userId, londonToday())
  return [...roles.values()].some((held) => canChangeBody(actor.role, held))
}

export async function assertMayChangeSomeBody(db: Executor, actor: Actor): Promise<void> {
  if (!(await mayChangeSomeBody(db, actor))) throw new ForbiddenError(refusal)
}
