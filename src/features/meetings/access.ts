import { londonToday } from '../../platform/views/dates.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import type { Executor } from '../../platform/db/database.ts'
import { ForbiddenError } from '../../platform/errors.ts'
import { canChangeBody } from '../bodies/model.ts'
import { rolesOfUserOnBody } from '../bodies/repository.ts'
import { rolesOnAnyBody } from './repository.ts'

const refusal = 'Only admins, editors and the body’s chair or lead officer can change its meetings'

/** Whether the actor may change this body's meetings, actions and forward plan (the one rule for bodies: see canChangeBody). */
export async function mayChangeBody(db: Executor, actor: Actor, bodyId: string): Promise<boolean> {
  if (canChangeBody(actor.role, [])) return true
  if (actor.role !== 'contributor') return false
  if (!actor.userId) return false
  return canChangeBody(actor.role, await rolesOfUserOnBody(db, actor.partnershipId, actor.userId, bodyId, londonToday()))
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
  if (canChangeBody(actor.role, [])) return true
  if (actor.role !== 'contributor') return false
  return canChangeBody(actor.role, await rolesOnAnyBody(db, actor.partnershipId, actor.userId, londonToday()))
}

export async function assertMayChangeSomeBody(db: Executor, actor: Actor): Promise<void> {
  if (!(await mayChangeSomeBody(db, actor))) throw new ForbiddenError(refusal)
}
