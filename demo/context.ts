import type { Trx } from '../src/platform/db/tenancy.ts'
import { recordAudit, type AuditEntry } from '../src/platform/audit/audit.ts'

/** The name the demo's rows carry in the audit trail, so nobody mistakes them for a person's work. */
export const demoActorLabel = 'demo seed'

/**
 * Ids of demo rows by a readable key ('organisation', 'pct'), so a later
 * module can link to what an earlier one created without looking it up by name.
 */
export class DemoRefs {
  private readonly ids = new Map<string, string>()

  set(kind: string, key: string, id: string): void {
    const ref = `${kind}:${key}`
    if (this.ids.has(ref)) throw new Error(`Demo data defines ${ref} twice`)
    this.ids.set(ref, id)
  }

  get(kind: string, key: string): string {
    const id = this.ids.get(`${kind}:${key}`)
    if (!id) throw new Error(`Demo data refers to ${kind} ‘${key}’, which no earlier module created`)
    return id
  }
}

/** What each demo module works with: one transaction, already inside the demo partnership's row-level security. */
export interface DemoContext {
  trx: Trx
  partnershipId: string
  refs: DemoRefs
  audit(entry: AuditEntry): Promise<void>
}

/** One capability's share of the demo; modules run in order, each after the ones it refers to. */
export interface DemoModule {
  name: string
  seed(context: DemoContext): Promise<void>
}

export function demoContext(trx: Trx, partnershipId: string): DemoContext {
  const actor = { userId: null, label: demoActorLabel, partnershipId }
  return { trx, partnershipId, refs: new DemoRefs(), audit: (entry) => recordAudit(trx, actor, entry) }
}
