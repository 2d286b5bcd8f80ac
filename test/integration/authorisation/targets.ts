import { indicatorService } from '../../../src/performance/indicators/service.ts'
import { indicatorForm } from '../../../src/performance/indicators/schema.ts'
import { targetService } from '../../../src/performance/targets/service.ts'
import { targetForm } from '../../../src/performance/targets/schema.ts'
import { unique, type Fields, type Fixtures, type Rule } from './rules.ts'

// Targets: everyone in the partnership reads them; admins, editors and the
// indicator's target lead set, change and remove them. The walking contributor
// leads no indicator, so is refused exactly as directory.edit would refuse them.
// The scorecard is read by every member; the public scorecard by anyone.

async function indicator(f: Fixtures): Promise<string> {
  const fields = {
    title: unique('Walked targeted indicator'),
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

/** Each walked target is its indicator's only one, so the same period is always free. */
const targetFields = (): Fields => ({ period: '2024', kind: 'value', value: '12.5', groupId: '', amberTolerance: '1' })

async function target(f: Fixtures): Promise<string> {
  return (await targetService(f.db).add(f.admin, await indicator(f), targetForm.parse(targetFields()))).created.id
}

const version = async (f: Fixtures, id: string) =>
  String((await f.db.selectFrom('targets').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)
const indicatorId = { name: 'id', value: (f: Fixtures) => indicator(f) }
const targetId = { name: 'id', value: (f: Fixtures) => target(f) }
/** Partnership A publishes its pages; it has no area set, so its scorecard says so. */
const published = { name: 'slug', value: async () => 'alpha' }

export const targetRules: Record<string, Rule> = {
  'GET /indicators/:id/targets': { access: 'partnership.read', param: indicatorId },
  'GET /indicators/:id/targets.csv': { access: 'partnership.read', param: indicatorId },
  'GET /indicators/:id/targets.xlsx': { access: 'partnership.read', param: indicatorId },
  'POST /indicators/:id/targets': { access: 'directory.edit', param: indicatorId, form: async () => targetFields(), audited: true },
  'GET /targets/:id/edit': { access: 'directory.edit', param: targetId },
  'POST /targets/:id/edit': {
    access: 'directory.edit',
    param: targetId,
    form: async (f, id) => ({ ...targetFields(), value: '11', version: await version(f, id) }),
    audited: true,
  },
  'POST /targets/:id/remove': { access: 'directory.edit', param: targetId, form: async (f, id) => ({ version: await version(f, id) }), audited: true },
  'GET /scorecard': { access: 'partnership.read' },
  'GET /scorecard.csv': { access: 'partnership.read' },
  'GET /scorecard.xlsx': { access: 'partnership.read' },
  'GET /p/:slug/scorecard': { access: 'public', param: published },
  'GET /p/:slug/scorecard.csv': { access: 'public', param: published },
  'GET /p/:slug/scorecard.xlsx': { access: 'public', param: published },
}
