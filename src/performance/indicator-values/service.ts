import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { type IndicatorRow, assertMayChangeIndicator, loadIndicator, mayChangeIndicator } from '../indicators/index.ts'
import { figureProblems, shownFigures, type StoredFigures } from './model.ts'
import { parsePeriod, periodLabel } from './periods.ts'
import * as repo from './repository.ts'
import type { ValueInput } from './schema.ts'

/** Values a page of the list shows: a screenful to scan. */
export const valuesPageSize = 100
/** The list pages through at most this many; beyond it a person filters by area (or downloads the values). */
export const valuesListLimit = 10_000

const refusal = 'Only admins, editors and the indicator’s target lead can change its values'

const numberOrNull = (v: string | null) => (v == null ? null : Number(v))
export const storedFigures = (v: repo.IndicatorValue): StoredFigures => ({
  count: numberOrNull(v.count),
  denominator: numberOrNull(v.denominator),
  value: numberOrNull(v.value),
  lower95: numberOrNull(v.lower_95),
  upper95: numberOrNull(v.upper_95),
  lower998: numberOrNull(v.lower_998),
  upper998: numberOrNull(v.upper_998),
})

/** How a value's breakdown reads: "Persons", "Female, 10-11 yrs", "Deprivation decile: Most deprived decile". */
export function breakdownText(v: Pick<repo.IndicatorValue, 'sex' | 'age' | 'category_type' | 'category'>): string {
  const parts = [v.sex === 'persons' ? 'Persons' : v.sex === 'male' ? 'Male' : 'Female']
  if (v.age) parts.push(v.age)
  if (v.category_type) parts.push(`${v.category_type}: ${v.category}`)
  return parts.join(', ')
}

export function indicatorValueService(db: Db) {
  const mayChange = mayChangeIndicator
  const assertMayChange = (trx: Trx, actor: Actor, indicator: IndicatorRow) => assertMayChangeIndicator(trx, actor, indicator, refusal)

  /** The period read for this indicator, the area one the partnership enters values for, the figures coherent and the key free. */
  async function checked(trx: Trx, actor: Actor, indicator: IndicatorRow, input: ValueInput, keepId?: string): Promise<string> {
    const problems: Record<string, string> = {}
    if (!(await repo.areaChoices(trx, actor.partnershipId)).some((a) => a.code === input.areaCode)) problems.areaCode = 'Select the area from the list'
    const period = parsePeriod(indicator.period_type, input.period)
    if (!period.ok) problems.period = period.message
    if (input.category && !input.categoryType) problems.categoryType = 'Enter the breakdown the group belongs to, such as Deprivation decile'
    if (input.categoryType && !input.category) problems.category = 'Enter the group, such as Most deprived decile'
    Object.assign(problems, figureProblems({ valueType: indicator.value_type, multiplier: indicator.multiplier }, input))
    if (period.ok && !problems.areaCode) {
      const key = {
        areaCode: input.areaCode,
        periodStartsOn: period.startsOn,
        sex: input.sex,
        age: input.age,
        categoryType: input.categoryType,
        category: input.category,
      }
      const existing = await repo.findByKey(trx, actor.partnershipId, indicator.id, key)
      if (existing && existing.id !== keepId)
        problems.period = `There is already a value for this area, period and breakdown (${periodLabel(indicator.period_type, period.startsOn)}, ${breakdownText(existing)}): change that one instead`
    }
    if (Object.keys(problems).length || !period.ok) throw new ValidationError(problems)
    return period.startsOn
  }

  const describe = (indicator: IndicatorRow, v: repo.IndicatorValue, areaName: string) =>
    `the value of ‘${indicator.title}’ for ${areaName}, ${periodLabel(indicator.period_type, v.period_starts_on)} (${breakdownText(v)})`

  return {
    /** One page of an indicator's values, or of one area's, with the figures each shows. */
    async list(actor: Actor, indicatorId: string, areaCode: string | undefined, page = 1) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await loadIndicator(trx, actor, indicatorId)
        const method = { valueType: indicator.value_type, multiplier: indicator.multiplier }
        const total = await repo.countValues(trx, actor.partnershipId, indicatorId, areaCode, valuesListLimit + 1)
        const pages = Math.max(1, Math.ceil(Math.min(total, valuesListLimit) / valuesPageSize))
        const current = Math.min(page, pages)
        const found = await repo.valuesOf(trx, actor.partnershipId, indicatorId, areaCode, { limit: valuesPageSize, offset: (current - 1) * valuesPageSize })
        const rows = found.map((v) => ({
          ...v,
          period: periodLabel(indicator.period_type, v.period_starts_on),
          breakdown: breakdownText(v),
          shown: shownFigures(method, storedFigures(v)),
        }))
        return {
          indicator,
          rows,
          total,
          more: total > valuesListLimit,
          page: current,
          pages,
          areas: await repo.areaChoices(trx, actor.partnershipId),
          canChange: await mayChange(trx, actor, indicator),
        }
      })
    },

    async forChange(actor: Actor, indicatorId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await loadIndicator(trx, actor, indicatorId)
        await assertMayChange(trx, actor, indicator)
        return { indicator, areas: await repo.areaChoices(trx, actor.partnershipId) }
      })
    },

    async valueForChange(actor: Actor, valueId: string) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const value = await repo.findValue(trx, actor.partnershipId, valueId)
        if (!value) throw new NotFoundError('The value')
        const indicator = await loadIndicator(trx, actor, value.indicator_id)
        await assertMayChange(trx, actor, indicator)
        return { value, indicator, period: periodLabel(indicator.period_type, value.period_starts_on), areas: await repo.areaChoices(trx, actor.partnershipId) }
      })
    },

    async add(actor: Actor, indicatorId: string, input: ValueInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const indicator = await loadIndicator(trx, actor, indicatorId)
        await assertMayChange(trx, actor, indicator)
        const startsOn = await checked(trx, actor, indicator, input)
        const created = await repo.insertValue(trx, actor.partnershipId, indicatorId, input, startsOn)
        const area = (await repo.findValue(trx, actor.partnershipId, created.id))!.areaName
        await recordAudit(trx, actor, {
          action: 'create',
          entityType: 'indicator-value',
          entityId: created.id,
          summary: `Added ${describe(indicator, created, area)}`,
          after: created,
        })
        return created
      })
    },

    async update(actor: Actor, valueId: string, version: number, input: ValueInput) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await repo.findValue(trx, actor.partnershipId, valueId)
        if (!before) throw new NotFoundError('The value')
        const indicator = await loadIndicator(trx, actor, before.indicator_id)
        await assertMayChange(trx, actor, indicator)
        const startsOn = await checked(trx, actor, indicator, input, valueId)
        const after = await repo.updateValue(trx, actor.partnershipId, valueId, version, input, startsOn)
        if (!after) throw new ConflictError('The value')
        const { areaName: _n, areaKind: _k, ...beforeRow } = before
        const area = (await repo.findValue(trx, actor.partnershipId, valueId))!.areaName
        await recordAudit(trx, actor, {
          action: 'update',
          entityType: 'indicator-value',
          entityId: valueId,
          summary: `Changed ${describe(indicator, after, area)}`,
          before: beforeRow,
          after,
        })
        return after
      })
    },

    /** Takes off a value entered by mistake; the audit trail keeps its figures. */
    async remove(actor: Actor, valueId: string, version: number) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const before = await repo.findValue(trx, actor.partnershipId, valueId)
        if (!before) throw new NotFoundError('The value')
        const indicator = await loadIndicator(trx, actor, before.indicator_id)
        await assertMayChange(trx, actor, indicator)
        const removed = await repo.deleteValue(trx, actor.partnershipId, valueId, version)
        if (!removed) throw new ConflictError('The value')
        await recordAudit(trx, actor, {
          action: 'delete',
          entityType: 'indicator-value',
          entityId: valueId,
          summary: `Removed ${describe(indicator, removed, before.areaName)}`,
          before: removed,
        })
        return { indicator, removed }
      })
    },
  }
}

export type IndicatorValueService = ReturnType<typeof indicatorValueService>
