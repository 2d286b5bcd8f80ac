import type { Db } from '../../platform/db/database.ts'
import { enterPartnership } from '../../platform/db/tenancy.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { parseForm } from '../../platform/http/forms.ts'
import { ValidationError } from '../../platform/errors.ts'
import type { Partnership } from '../../platform/db/tables.ts'
import { issueInvitation } from '../users/index.ts'
import * as repo from './repository.ts'
import { newPartnershipForm, operatorPartnershipForm, type NewPartnershipInput } from './schema.ts'

/** Who creates a partnership: an operator signed in (their account) or at the command line (none). */
export interface Operator {
  userId: string | null
  label: string
}

export interface CreatedPartnership {
  partnership: Partnership
  /** The first admin's invitation: its token is shown once, to the operator, to pass on. */
  firstAdmin: { email: string; token: string; expiresAt: Date } | null
}

export interface CreateOptions {
  /** The operator's page requires a first admin; the command line and tests may add one later. */
  requireAdmin?: boolean
  /** Tests only: a partnership with no area, as one is before an admin sets it under Settings. */
  areaOptional?: boolean
}

/**
 * Creates a partnership: its slug, name and the area it serves (a local
 * authority from the shared register), audited in the partnership itself,
 * with its first admin invited. Operators only: callers check that.
 */
export async function createPartnership(
  db: Db,
  form: NewPartnershipInput | Record<string, unknown>,
  by: Operator,
  options: CreateOptions = {},
): Promise<CreatedPartnership> {
  const schema = options.requireAdmin ? operatorPartnershipForm : newPartnershipForm
  const input = parseForm(schema, form)
  const areaCode = input.areaCode ?? null
  if (!areaCode && !options.areaOptional) throw new ValidationError({ areaCode: 'Enter the ONS code of the area it serves' })
  return db.transaction().execute(async (trx) => {
    const area = areaCode === null ? null : await repo.findLocalAuthority(trx, areaCode)
    if (areaCode !== null && !area) throw new ValidationError({ areaCode: `${areaCode} is not a local authority in the register of areas` })
    const partnership = await repo.insertPartnership(trx, { slug: input.slug, name: input.name, areaCode })
    if (!partnership) throw new ValidationError({ slug: `A partnership already has the short name ‘${input.slug}’` })
    await enterPartnership(trx, partnership.id)
    const actor = { userId: by.userId, label: by.label, partnershipId: partnership.id }
    await recordAudit(trx, actor, {
      action: 'create',
      entityType: 'partnership',
      entityId: partnership.id,
      summary: `Created the partnership ‘${partnership.name}’${area ? ` for ${area.name}` : ''}`,
      after: partnership,
    })
    if (!input.adminEmail || !input.adminName) return { partnership, firstAdmin: null }
    const { invitation, token } = await issueInvitation(trx, actor, { email: input.adminEmail, displayName: input.adminName, role: 'admin' })
    return { partnership, firstAdmin: { email: invitation.email, token, expiresAt: invitation.expiresAt } }
  })
}

export async function listPartnerships(db: Db): Promise<repo.PartnershipSummary[]> {
  return repo.listPartnerships(db)
}

export async function localAuthorities(db: Db) {
  return repo.localAuthorities(db)
}
