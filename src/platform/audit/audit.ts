import type { Executor } from '../db/database.ts'

export type AuditAction = 'create' | 'update' | 'archive' | 'restore' | 'delete' | 'sign-in'

export interface AuditEntry {
  action: AuditAction
  entityType: string
  entityId: string
  summary: string
  before?: unknown
  after?: unknown
}

/** Who made a change, and in which partnership (none for platform-wide work such as creating an account). */
export interface AuditActor {
  userId: string | null
  label: string
  partnershipId: string | null
}

/**
 * Written in the same transaction as the change it describes, so a change
 * without its audit row (or the reverse) cannot be committed.
 */
export async function recordAudit(trx: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
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

/**
 * Audit rows for work done outside any one partnership (the command line):
 * one row in each partnership concerned, or one with no partnership when
 * there is none. Needs the owner role, as it spans partnerships.
 */
export async function recordPlatformAudit(trx: Executor, partnershipIds: readonly string[], actorLabel: string, entry: AuditEntry): Promise<void> {
  const targets = partnershipIds.length > 0 ? partnershipIds : [null]
  for (const partnershipId of targets) await recordAudit(trx, { userId: null, label: actorLabel, partnershipId }, entry)
}
