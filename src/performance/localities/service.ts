import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { codeProblem, descendantsOf, fingerprint, localityKindLabels, type LocalityKind } from './model.ts'
import * as repo from './repository.ts'
import type { LocalityEdit, LocalityInput } from './schema.ts'

const entityType = 'area'

export function localityService(db: Db) {
  async function load(trx: Trx, actor: Actor, code: string): Promise<repo.Area> {
    const area = await repo.findLocality(trx, actor.partnershipId, code)
    if (!area) throw new NotFoundError('The locality')
    return area
  }

  /** What an area may be part of: the partnership's own area or one of its localities, never itself or anything inside it. */
  async function parentChoices(trx: Trx, actor: Actor, code?: string): Promise<{ code: string; name: string }[]> {
    const own = await repo.partnershipArea(trx, actor.partnershipId)
    const mine = await repo.listLocalities(trx, actor.partnershipId)
    const below = code ? descendantsOf(code, new Map(mine.map((a) => [a.code, a.parent_code]))) : new Set<string>()
    const localities = mine.filter((a) => a.kind === 'locality' && a.code !== code && !below.has(a.code))
    return [...(own ? [own] : []), ...localities.map((a) => ({ code: a.code, name: a.name }))]
  }

  async function problemsOf(trx: Trx, actor: Actor, input: Partial<LocalityInput>): Promise<Record<string, string>> {
    const problems: Record<string, string> = {}
    if (input.kind) {
      const own = await repo.partnershipArea(trx, actor.partnershipId)
      const problem = codeProblem(input.kind, input.code ?? '', own?.code ?? null)
      if (problem) problems.code = problem
    }
    if (input.parentCode && !(await parentChoices(trx, actor)).some((p) => p.code === input.parentCode))
      problems.parentCode = 'Select the area it is part of from the list'
    return problems
  }

  return {
    async list(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => ({
        rows: await repo.listLocalities(trx, actor.partnershipId),
        area: await repo.partnershipArea(trx, actor.partnershipId),
        canEdit: can(actor.role, 'directory.edit'),
      }))
    },

    /** The area with what its edit form needs: the parents it may have and the fingerprint it is opened at. */
    async forChange(actor: Actor, code?: string) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const area = code ? await load(trx, actor, code) : undefined
        return {
          area,
          version: area ? fingerprint(area) : undefined,
          parents: await parentChoices(trx, actor, code),
          partnershipArea: await repo.partnershipArea(trx, actor.partnershipId),
        }
      })
    },

    /** The code and parent checks alone, so a form with other mistakes too can report every one at once. */
    async problems(actor: Actor, input: Partial<LocalityInput>) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, (trx) => problemsOf(trx, actor, input))
    },

    async create(actor: Actor, input: LocalityInput) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const problems = await problemsOf(trx, actor, input)
        if (Object.keys(problems).length) throw new ValidationError(problems)
        const parent = (await parentChoices(trx, actor)).find((p) => p.code === input.parentCode)
        const created = await repo.insertLocality(trx, actor.partnershipId, input)
        if (!created) throw new ValidationError({ code: `${input.code} is already in the register of areas` })
        await recordAudit(trx, actor, {
          action: 'create',
          entityType,
          entityId: created.code,
          summary: `Added the ${localityKindLabels[input.kind].toLowerCase()} ‘${created.name}’ (${created.code}), part of ${parent!.name}`,
          after: created,
        })
        return created
      })
    },

    /** Changes the name and parent; the code is the key values are stored against, so it never changes. */
    async update(actor: Actor, code: string, input: LocalityEdit) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await load(trx, actor, code)
        if (fingerprint(before) !== input.version) throw new ConflictError(`‘${before.name}’`)
        const parent = (await parentChoices(trx, actor, code)).find((p) => p.code === input.parentCode)
        if (!parent) throw new ValidationError({ parentCode: 'Select the area it is part of from the list' })
        const after = await repo.updateLocality(trx, actor.partnershipId, code, before, { name: input.name, parentCode: input.parentCode })
        if (!after) throw new ConflictError(`‘${before.name}’`)
        await recordAudit(trx, actor, {
          action: 'update',
          entityType,
          entityId: code,
          summary: `Changed the ${(localityKindLabels[before.kind as LocalityKind] ?? 'area').toLowerCase()} ‘${after.name}’ (${code})`,
          before,
          after,
        })
        return after
      })
    },
  }
}

export type LocalityService = ReturnType<typeof localityService>
