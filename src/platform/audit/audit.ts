import type { Trx } from '../db/tenancy.ts'
import type { Actor } from './actor.ts'

export type AuditAction = 'create' | 'update' | 'archive' | 'restore' | 'delete' | 'sign-in'

export interface AuditEntry {
  action: AuditAction
  entityType: string
  entityId: string
  summary: string
  before?: unknown
  after?: unknown
}

/**
 * Written in the same transaction as the change it describes, so a change
 * without its audit row (or the reverse) cannot be committed.
 */
export async function recordAudit(trx: Trx, actor: Pick<Actor, 'userId' | 'label' | 'partnershipId'>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      partnership_id: actor.partnershipId,
      actor_id: actor.userId,
      actor_label: actor.label,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      summary: entry.summary,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute()
}
