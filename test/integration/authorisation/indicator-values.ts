import { indicatorService } from '../../../src/performance/indicators/service.ts'
import { indicatorForm } from '../../../src/performance/indicators/schema.ts'
import { indicatorValueService } from '../../../src/performance/indicator-values/service.ts'
import { valueForm } from '../../../src/performance/indicator-values/schema.ts'
import { unique, type Fields, type Fixtures, type Rule } from './rules.ts'

// Indicator values: everyone in the partnership reads them; admins, editors and
// the indicator's target lead change them. The walking contributor leads no
// indicator, so is refused exactly as directory.edit would refuse them.

let period = 1990
/** A period no other walked value of the indicator has, so every valid form is new. */
const nextPeriod = () => String(++period)

async function indicator(f: Fixtures): Promise<string> {
  const fields = {
    title: unique('Walked measured indicator'),
    valueType: 'proportion',
    multiplier: '100',
    decimalPlaces: '1',
    polarity: 'low-is-good',
    frequency: 'annual',
    periodType: 'calendar-year',
    comparisonMethod: 'ci-95',
    smallNumberThreshold: '5',
  }
  return (await indicatorService(f.db).create(f.admin, indicatorForm.parse(fields))).id
}

/** England is always among the areas a partnership enters values for: the partnerships walked have no area or groups, so their own England group is made here. */
async function englandGroup(f: Fixtures): Promise<void> {
  const exists = await f.db
    .selectFrom('comparator_groups')
    .select('id')
    .where('partnership_id', '=', f.admin.partnershipId)
    .where('kind', '=', 'england')
    .executeTakeFirst()
  if (exists) return
  const group = await f.db
    .insertInto('comparator_groups')
    .values({ partnership_id: f.admin.partnershipId, name: 'England', kind: 'england' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await f.db.insertInto('comparator_group_areas').values({ partnership_id: f.admin.partnershipId, group_id: group.id, area_code: 'E92000001' }).execute()
}

const valueFields = (): Fields => ({ areaCode: 'E92000001', period: nextPeriod(), sex: 'persons', count: '12', denominator: '100' })

async function value(f: Fixtures): Promise<string> {
  await englandGroup(f)
  return (await indicatorValueService(f.db).add(f.admin, await indicator(f), valueForm.parse(valueFields()))).id
}

const version = async (f: Fixtures, id: string) =>
  String((await f.db.selectFrom('indicator_values').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)
const indicatorId = { name: 'id', value: (f: Fixtures) => indicator(f) }
const valueId = { name: 'id', value: (f: Fixtures) => value(f) }

export const indicatorValueRules: Record<string, Rule> = {
  'GET /indicators/:id/values': { access: 'partnership.read', param: indicatorId },
  'GET /indicators/:id/values/new': { access: 'directory.edit', param: indicatorId },
  'POST /indicators/:id/values': {
    access: 'directory.edit',
    param: { name: 'id', value: async (f) => (await englandGroup(f), indicator(f)) },
    form: async () => valueFields(),
    audited: true,
  },
  'GET /indicator-values/:id/edit': { access: 'directory.edit', param: valueId },
  'POST /indicator-values/:id/edit': {
    access: 'directory.edit',
    param: valueId,
    form: async (f, id) => ({ ...valueFields(), version: await version(f, id) }),
    audited: true,
  },
  'POST /indicator-values/:id/remove': { access: 'directory.edit', param: valueId, form: async (f, id) => ({ version: await version(f, id) }), audited: true },
}
