import { strategyService } from '../../../src/strategy/strategies/service.ts'
import { strategyForm } from '../../../src/strategy/strategies/schema.ts'
import { planService } from '../../../src/strategy/plans/service.ts'
import { aimForm, planForm } from '../../../src/strategy/plans/schema.ts'
import { objectiveService } from '../../../src/strategy/objectives/service.ts'
import { objectiveForm } from '../../../src/strategy/objectives/schema.ts'
import { unique, type Fields, type Fixtures, type Rule } from './rules.ts'

// Strategies, delivery plans, their aims and objectives. Editors and admins
// change them all; a contributor records progress only on objectives they own,
// and the walking contributor owns none, so is refused exactly as
// directory.edit would refuse them.
const edits = 'directory.edit' as const

const strategyFields = (ownerBodyId: string): Fields => ({
  title: unique('Walked strategy'),
  summary: '',
  'startsOn-day': '1',
  'startsOn-month': '4',
  'startsOn-year': '2019',
  'endsOn-day': '31',
  'endsOn-month': '3',
  'endsOn-year': '2022',
  ownerBodyId,
  status: 'active',
})
const planFields = (): Fields => ({ title: unique('Walked plan'), summary: '', strategyId: '', leadBodyId: '' })
const objectiveFields = (): Fields => ({ title: unique('Walked objective'), timescale: 'Q2 2008', ownerId: '', leadBodyId: '', expectedOutcome: '' })

async function strategy(f: Fixtures, { archived = false } = {}) {
  const strategies = strategyService(f.db)
  const created = await strategies.create(f.admin, strategyForm.parse(strategyFields(await f.meetingBody())))
  if (archived) await strategies.archive(f.admin, created.id, created.version)
  return created.id
}

async function plan(f: Fixtures, { archived = false } = {}) {
  const plans = planService(f.db)
  const created = await plans.create(f.admin, planForm.parse(planFields()))
  if (archived) await plans.archive(f.admin, created.id, created.version)
  return created.id
}

async function aim(f: Fixtures, { archived = false } = {}) {
  const plans = planService(f.db)
  const created = await plans.addAim(f.admin, await plan(f), aimForm.parse({ number: '1', title: unique('Walked aim') }))
  if (archived) await plans.archiveAim(f.admin, created.id, created.version)
  return created.id
}

async function objective(f: Fixtures, { archived = false } = {}) {
  const objectives = objectiveService(f.db)
  const created = await objectives.create(f.admin, await aim(f), objectiveForm.parse(objectiveFields()))
  if (archived) await objectives.archive(f.admin, created.id, created.version)
  return created.id
}

/**
 * A body of the partnership the form is sent in (f.partnershipId is the
 * visitor's own there), made directly: a strategy must name its owner.
 */
async function ownerBody(f: Fixtures) {
  return (
    await f.db
      .insertInto('bodies')
      .values({ partnership_id: f.partnershipId, name: unique('Walked strategy owner'), kind: 'working-group' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

const version = async (f: Fixtures, table: 'strategies' | 'plans' | 'plan_aims' | 'plan_objectives', id: string) =>
  String((await f.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)

const strategyId = { name: 'id', value: (f: Fixtures) => strategy(f) }
const planId = { name: 'id', value: (f: Fixtures) => plan(f) }
const aimId = { name: 'id', value: (f: Fixtures) => aim(f) }
const objectiveId = { name: 'id', value: (f: Fixtures) => objective(f) }

export const planRules: Record<string, Rule> = {
  'GET /strategies': { access: 'partnership.read' },
  'GET /strategies/new': { access: edits },
  'POST /strategies': { access: edits, form: async (f) => strategyFields(await ownerBody(f)), audited: true },
  'GET /strategies/:id': { access: 'partnership.read', param: strategyId },
  'GET /strategies/:id/edit': { access: edits, param: strategyId },
  'POST /strategies/:id/edit': {
    access: edits,
    param: strategyId,
    form: async (f, id) => ({ ...strategyFields(await ownerBody(f)), version: await version(f, 'strategies', id) }),
    audited: true,
  },
  'GET /strategies/:id/archive': { access: edits, param: strategyId },
  'POST /strategies/:id/archive': { access: edits, param: strategyId, form: async (f, id) => ({ version: await version(f, 'strategies', id) }), audited: true },
  'POST /strategies/:id/restore': {
    access: edits,
    param: { name: 'id', value: (f) => strategy(f, { archived: true }) },
    form: async (f, id) => ({ version: await version(f, 'strategies', id) }),
    audited: true,
  },

  'GET /plans': { access: 'partnership.read' },
  'GET /plans/new': { access: edits },
  'POST /plans': { access: edits, form: async () => planFields(), audited: true },
  'GET /plans/:id': { access: 'partnership.read', param: planId },
  'GET /plans/:id/edit': { access: edits, param: planId },
  'POST /plans/:id/edit': { access: edits, param: planId, form: async (f, id) => ({ ...planFields(), version: await version(f, 'plans', id) }), audited: true },
  'GET /plans/:id/archive': { access: edits, param: planId },
  'POST /plans/:id/archive': { access: edits, param: planId, form: async (f, id) => ({ version: await version(f, 'plans', id) }), audited: true },
  'POST /plans/:id/restore': {
    access: edits,
    param: { name: 'id', value: (f) => plan(f, { archived: true }) },
    form: async (f, id) => ({ version: await version(f, 'plans', id) }),
    audited: true,
  },
  'GET /plans/:id/aims/new': { access: edits, param: planId },
  'POST /plans/:id/aims': {
    access: edits,
    param: planId,
    form: async () => ({ number: '1', title: unique('Walked aim'), expectedOutcome: '' }),
    audited: true,
  },

  'GET /aims/:id/edit': { access: edits, param: aimId },
  'POST /aims/:id/edit': {
    access: edits,
    param: aimId,
    form: async (f, id) => ({ number: '2', title: unique('Walked aim'), expectedOutcome: '', version: await version(f, 'plan_aims', id) }),
    audited: true,
  },
  'GET /aims/:id/archive': { access: edits, param: aimId },
  'POST /aims/:id/archive': { access: edits, param: aimId, form: async (f, id) => ({ version: await version(f, 'plan_aims', id) }), audited: true },
  'POST /aims/:id/restore': {
    access: edits,
    param: { name: 'id', value: (f) => aim(f, { archived: true }) },
    form: async (f, id) => ({ version: await version(f, 'plan_aims', id) }),
    audited: true,
  },
  'GET /aims/:id/objectives/new': { access: edits, param: aimId },
  'POST /aims/:id/objectives': { access: edits, param: aimId, form: async () => objectiveFields(), audited: true },

  'GET /objectives/:id': { access: 'partnership.read', param: objectiveId },
  'GET /objectives/:id/edit': { access: edits, param: objectiveId },
  'POST /objectives/:id/edit': {
    access: edits,
    param: objectiveId,
    form: async (f, id) => ({ ...objectiveFields(), version: await version(f, 'plan_objectives', id) }),
    audited: true,
  },
  'GET /objectives/:id/archive': { access: edits, param: objectiveId },
  'POST /objectives/:id/archive': {
    access: edits,
    param: objectiveId,
    form: async (f, id) => ({ version: await version(f, 'plan_objectives', id) }),
    audited: true,
  },
  'POST /objectives/:id/restore': {
    access: edits,
    param: { name: 'id', value: (f) => objective(f, { archived: true }) },
    form: async (f, id) => ({ version: await version(f, 'plan_objectives', id) }),
    audited: true,
  },
  'POST /objectives/:id/move': { access: edits, param: objectiveId, form: async () => ({ direction: 'down' }), audited: true },
  // Only an owner may besides editors and admins, and the walking contributor owns nothing: test/integration/plans.test.ts covers owners.
  'POST /objectives/:id/updates': {
    access: edits,
    param: objectiveId,
    form: async () => ({
      'reportedOn-day': '30',
      'reportedOn-month': '6',
      'reportedOn-year': '2019',
      status: 'on-track',
      rag: 'green',
      commentary: unique('Walked update'),
    }),
    audited: true,
  },
}
