import type { Actor } from '../../platform/audit/actor.ts'
import type { Executor } from '../../platform/db/database.ts'
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts'
import { findIndicator, type IndicatorRow } from './repository.ts'

// Who keeps an indicator's figures and story: admins and editors for any
// indicator, and its target lead (a contributor whose person record is linked
// to their account) for their own. Values, targets, imports and report cards
// all follow this one rule.

/** The rule itself, for callers that already know whose account leads the indicator. */
export function leadsOrEdits(actor: Actor, leadUserId: string | null): boolean {
  if (actor.role === 'admin' || actor.role === 'editor') return true
  return actor.role === 'contributor' && actor.userId != null && leadUserId === actor.userId
}

export async function mayChangeIndicator(db: Executor, actor: Actor, indicator: Pick<IndicatorRow, 'target_lead_id'>): Promise<boolean> {
  if (actor.role === 'admin' || actor.role === 'editor') return true
  if (actor.role !== 'contributor' || !actor.userId || !indicator.target_lead_id) return false
  const lead = await db
    .selectFrom('people')
    .select('user_id')
    .where('partnership_id', '=', actor.partnershipId)
    .where('id', '=', indicator.target_lead_id)
    .executeTakeFirst()
  return leadsOrEdits(actor, lead?.user_id ?? null)
}

/** `refusal` says what the actor was refused, in the words of the page they were on. */
export async function assertMayChangeIndicator(db: Executor, actor: Actor, indicator: Pick<IndicatorRow, 'target_lead_id'>, refusal: string): Promise<void> {
  if (!(await mayChangeIndicator(db, actor, indicator))) throw new ForbiddenError(refusal)
}

export async function loadIndicator(db: Executor, actor: Actor, id: string): Promise<IndicatorRow> {
  const indicator = await findIndicator(db, actor.partnershipId, id)
  if (!indicator) throw new NotFoundError('The indicator')
  return indicator
}
