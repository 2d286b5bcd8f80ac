import { indicatorService } from '../../../src/performance/indicators/service.ts'
import { indicatorForm } from '../../../src/performance/indicators/schema.ts'
import { planService } from '../../../src/strategy/plans/service.ts'
import { aimForm, planForm } from '../../../src/strategy/plans/schema.ts'
import { objectiveService } from '../../../src/strategy/objectives/service.ts'
import { objectiveForm } from '../../../src/strategy/objectives/schema.ts'
import { reportCardService } from '../../../src/performance/report-cards/service.ts'
import { dataRequestService } from '../../../src/performance/data-requests/service.ts'
import { requestForm } from '../../../src/performance/data-requests/schema.ts'
import { localityService } from '../../../src/performance/localities/service.ts'
import { localityForm } from '../../../src/performance/localities/schema.ts'
import { fingerprint } from '../../../src/performance/localities/model.ts'
import { unique, type Fields, type Fixtures, type Rule } from './rules.ts'

// Report cards, data requests and localities. Report cards follow the
// indicator's values: admins, editors and the indicator's target lead change
// them, and the walking contributor leads no indicator, so is refused exactly
// as directory.edit would refuse them. Data requests and localities are
// managed by admins and editors; everyone in the partnership reads them.

async function indicator(f: Fixtures): Promise<string> {
  const fields = {
    title: unique('Walked card indicator'),
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

async function objective(f: Fixtures): Promise<string> {
  const plans = planService(f.db)
  const plan = await plans.create(f.admin, planForm.parse({ title: unique('Walked card plan'), summary: '', strategyId: '', leadBodyId: '' }))
  const aim = await plans.addAim(f.admin, plan.id, aimForm.parse({ number: '1', title: unique('Walked card aim') }))
  return (
    await objectiveService(f.db).create(
      f.admin,
      aim.id,
      objectiveForm.parse({ title: unique('Walked card objective'), timescale: 'Q2 2008', ownerId: '', leadBodyId: '', expectedOutcome: '' }),
    )
  ).id
}

/** An indicator with one objective linked to its report card, as the address of its remove button. */
async function linkedObjective(f: Fixtures): Promise<string> {
  const [indicatorId, objectiveId] = [await indicator(f), await objective(f)]
  await reportCardService(f.db).link(f.admin, indicatorId, [objectiveId])
  return `${indicatorId}/report-card/objectives/${objectiveId}`
}

const requestFields = async (f: Fixtures): Promise<Fields> => ({
  organisationId: await f.organisation(),
  periodLabel: unique('2024/25 Q'),
  'dueOn-day': '31',
  'dueOn-month': '10',
  'dueOn-year': '2024',
  indicatorIds: await indicator(f),
  notes: '',
})

async function request(f: Fixtures): Promise<string> {
  return (await dataRequestService(f.db).create(f.admin, requestForm.parse(await requestFields(f)))).id
}

const requestVersion = async (f: Fixtures, id: string) =>
  String((await f.db.selectFrom('data_requests').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)

/** The walked partnerships have no area of their own; localities need one to be part of. */
async function area(f: Fixtures): Promise<string> {
  await f.db.updateTable('partnerships').set({ area_code: 'E08000004' }).where('id', '=', f.partnershipId).where('area_code', 'is', null).execute()
  return (await f.db.selectFrom('partnerships').select('area_code').where('id', '=', f.partnershipId).executeTakeFirstOrThrow()).area_code!
}

let localityNumber = 0
const localityFields = async (f: Fixtures): Promise<Fields> => {
  const code = await area(f)
  return { kind: 'locality', code: `${code}-W${++localityNumber}`, name: unique('Walked locality'), parentCode: code }
}

async function locality(f: Fixtures): Promise<string> {
  return (await localityService(f.db).create(f.admin, localityForm.parse(await localityFields(f)))).code
}

const indicatorId = { name: 'id', value: (f: Fixtures) => indicator(f) }
const requestId = { name: 'id', value: (f: Fixtures) => request(f) }
const localityCode = { name: 'code', value: (f: Fixtures) => locality(f) }

export const reportCardRules: Record<string, Rule> = {
  'GET /indicators/:id/report-card': { access: 'partnership.read', param: indicatorId },
  'GET /indicators/:id/report-card/edit': { access: 'directory.edit', param: indicatorId },
  'POST /indicators/:id/report-card/edit': {
    access: 'directory.edit',
    param: indicatorId,
    form: async () => ({ version: '0', story: unique('Walked story'), partners: '', whatWorks: '' }),
    audited: true,
  },
  'POST /indicators/:id/report-card/objectives': {
    access: 'directory.edit',
    param: indicatorId,
    form: async (f) => ({ objectiveIds: await objective(f.own()) }),
    audited: true,
  },
  // Nothing to fill in: the button alone unlinks, so even the empty form succeeds.
  'POST /indicators/:id/report-card/objectives/:objectiveId/remove': {
    access: 'directory.edit',
    param: { name: 'id/report-card/objectives/:objectiveId', value: linkedObjective },
    form: async () => ({}),
    emptyStatus: 303,
    audited: true,
  },
  'POST /indicators/:id/commentary': {
    access: 'directory.edit',
    param: indicatorId,
    form: async () => ({ text: unique('Walked commentary'), 'writtenOn-day': '1', 'writtenOn-month': '4', 'writtenOn-year': '2019' }),
    audited: true,
  },

  'GET /data-requests': { access: 'partnership.read' },
  'GET /data-requests/new': { access: 'directory.edit' },
  'POST /data-requests/new': { access: 'directory.edit', form: (f) => requestFields(f.own()), audited: true },
  'GET /data-requests/:id': { access: 'partnership.read', param: requestId },
  'GET /data-requests/:id/edit': { access: 'directory.edit', param: requestId },
  'POST /data-requests/:id/edit': {
    access: 'directory.edit',
    param: requestId,
    form: async (f, id) => ({ ...(await requestFields(f.own())), version: await requestVersion(f, id) }),
    audited: true,
  },
  'POST /data-requests/:id/status': {
    access: 'directory.edit',
    param: requestId,
    form: async (f, id) => ({ status: 'submitted', version: await requestVersion(f, id) }),
    audited: true,
  },
  'POST /data-requests/:id/archive': {
    access: 'directory.edit',
    param: requestId,
    form: async (f, id) => ({ version: await requestVersion(f, id) }),
    audited: true,
  },
  'POST /data-requests/:id/restore': {
    access: 'directory.edit',
    param: {
      name: 'id',
      value: async (f) => {
        const id = await request(f)
        await dataRequestService(f.db).archive(f.admin, id, 1)
        return id
      },
    },
    form: async (f, id) => ({ version: await requestVersion(f, id) }),
    audited: true,
  },

  'GET /localities': { access: 'partnership.read' },
  'GET /localities/new': { access: 'directory.edit' },
  'POST /localities/new': { access: 'directory.edit', form: (f) => localityFields(f.own()), audited: true },
  'GET /localities/:code/edit': { access: 'directory.edit', param: localityCode },
  'POST /localities/:code/edit': {
    access: 'directory.edit',
    param: localityCode,
    form: async (f, code) => {
      const row = await f.db.selectFrom('areas').select(['name', 'parent_code']).where('code', '=', code).executeTakeFirstOrThrow()
      return { name: unique('Renamed locality'), parentCode: row.parent_code!, version: fingerprint(row) }
    },
    audited: true,
  },
}
