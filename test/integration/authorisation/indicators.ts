import { indicatorService } from '../../../src/performance/indicators/service.ts'
import { indicatorForm } from '../../../src/performance/indicators/schema.ts'
import { unique, type Fields, type Fixtures, type Rule } from './rules.ts'

// The indicator library: everyone in the partnership reads it; admins and
// editors define, change, archive and restore indicators (directory.edit).

const indicatorFields = (): Fields => ({
  title: unique('Walked indicator'),
  valueType: 'proportion',
  multiplier: '100',
  decimalPlaces: '1',
  polarity: 'low-is-good',
  frequency: 'annual',
  periodType: 'academic-year',
  comparisonMethod: 'ci-95',
  smallNumberThreshold: '5',
})

async function indicator(f: Fixtures, { archived = false } = {}): Promise<string> {
  const indicators = indicatorService(f.db)
  const created = await indicators.create(f.admin, indicatorForm.parse(indicatorFields()))
  if (archived) await indicators.setArchived(f.admin, created.id, created.version, 'archive')
  return created.id
}

const version = async (f: Fixtures, id: string) =>
  String((await f.db.selectFrom('indicators').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)
const indicatorId = { name: 'id', value: (f: Fixtures) => indicator(f) }

export const indicatorRules: Record<string, Rule> = {
  'GET /indicators': { access: 'partnership.read' },
  'GET /indicators/new': { access: 'directory.edit' },
  'POST /indicators': { access: 'directory.edit', form: async () => indicatorFields(), audited: true },
  'GET /indicators/:id': { access: 'partnership.read', param: indicatorId },
  'GET /indicators/:id/edit': { access: 'directory.edit', param: indicatorId },
  'POST /indicators/:id/edit': {
    access: 'directory.edit',
    param: indicatorId,
    form: async (f, id) => ({ ...indicatorFields(), version: await version(f, id) }),
    audited: true,
  },
  'GET /indicators/:id/archive': { access: 'directory.edit', param: indicatorId },
  'POST /indicators/:id/archive': { access: 'directory.edit', param: indicatorId, form: async (f, id) => ({ version: await version(f, id) }), audited: true },
  'POST /indicators/:id/restore': {
    access: 'directory.edit',
    param: { name: 'id', value: (f) => indicator(f, { archived: true }) },
    form: async (f, id) => ({ version: await version(f, id) }),
    audited: true,
  },
}
