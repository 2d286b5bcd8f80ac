import { test, describe, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Db } from '../../src/platform/db/database.ts'
import type { Role } from '../../src/platform/db/tables.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { can } from '../../src/platform/auth/model.ts'
import { buildCss } from '../../src/platform/views/build-css.ts'
import { organisationService } from '../../src/directory/organisations/service.ts'
import { organisationForm } from '../../src/directory/organisations/schema.ts'
import { peopleService } from '../../src/directory/people/service.ts'
import { personForm } from '../../src/directory/people/schema.ts'
import { bodyService } from '../../src/governance/bodies/service.ts'
import { bodyForm, memberForm } from '../../src/governance/bodies/schema.ts'
import { termsOfReferenceService } from '../../src/governance/terms-of-reference/service.ts'
import { parseTermsForm } from '../../src/governance/terms-of-reference/schema.ts'
import { meetingService } from '../../src/governance/meetings/service.ts'
import { agendaItemForm, attendanceForm, meetingForm } from '../../src/governance/meetings/schema.ts'
import { actionService } from '../../src/governance/actions/service.ts'
import { actionForm } from '../../src/governance/actions/schema.ts'
import { forwardPlanService } from '../../src/governance/forward-plan/service.ts'
import { plannedItemForm } from '../../src/governance/forward-plan/schema.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'
import { unique, type Fields, type Fixtures, type Rule } from './authorisation/rules.ts'
import { frameworkRules } from './authorisation/framework.ts'
import { planRules } from './authorisation/plans.ts'
import { planTransferRules } from './authorisation/plan-transfer.ts'
import { workstreamRules } from './authorisation/workstreams.ts'
import { indicatorRules } from './authorisation/indicators.ts'
import { comparatorGroupRules } from './authorisation/comparator-groups.ts'
import { indicatorValueRules } from './authorisation/indicator-values.ts'
import { valueTransferRules } from './authorisation/value-transfer.ts'
// -- rule imports: helper A
import { targetRules } from './authorisation/targets.ts'
// -- rule imports: helper B
import { indicatorChartRules } from './authorisation/indicator-charts.ts'
// -- rule imports: helper C
import { reportCardRules } from './authorisation/report-cards.ts'
import { accountRules } from './authorisation/accounts.ts'
// -- rule imports: helper D
import { prioritySetProposalRules } from './authorisation/priority-set-proposals.ts'
import { routesOf as registeredRoutes } from '../../src/platform/http/route-list.ts'

/*
 * Walks every route the app has, as every kind of visitor, and checks each
 * gets what it should. The routes come from the app itself, so a new route
 * fails this test until it is given an expectation below.
 */

// ---------------------------------------------------------------- the routes

/** Every method and path the app answers (HEAD aside), as it registered them. */
function routesOf(app: FastifyInstance): string[] {
  return [...new Set(registeredRoutes(app).map((r) => `${r.method} ${r.url}`))].sort()
}

// ---------------------------------------------------------------- who visits

type Partnership = 'A' | 'B'

interface Visitor {
  name: string
  /** The role in the partnership they are signed in to; null when signed out. */
  role: Role | null
  memberOf: Partnership | null
  /** Whose records fill the address: another partnership's must be not found, never shown. */
  idsFrom: Partnership
}

const visitors: Visitor[] = [
  { name: 'signed out', role: null, memberOf: null, idsFrom: 'A' },
  { name: 'viewer', role: 'viewer', memberOf: 'A', idsFrom: 'A' },
  { name: 'contributor', role: 'contributor', memberOf: 'A', idsFrom: 'A' },
  { name: 'editor', role: 'editor', memberOf: 'A', idsFrom: 'A' },
  { name: 'admin', role: 'admin', memberOf: 'A', idsFrom: 'A' },
  { name: 'admin of another partnership', role: 'admin', memberOf: 'B', idsFrom: 'A' },
  { name: 'admin, with another partnership’s ids', role: 'admin', memberOf: 'A', idsFrom: 'B' },
]

// ---------------------------------------------------------------- the rules

const asset = (path: string) => ({ name: '*', value: async () => path })
const organisationId = { name: 'id', value: (f: Fixtures) => f.organisation() }
const personId = { name: 'id', value: (f: Fixtures) => f.person() }
const memberId = { name: 'id', value: (f: Fixtures) => f.member() }

const meetingId = { name: 'id', value: (f: Fixtures) => f.meeting() }
const agendaItemId = { name: 'id', value: (f: Fixtures) => f.agendaItem() }
const recommendationId = { name: 'id', value: (f: Fixtures) => f.recommendation() }
const actionId = { name: 'id', value: (f: Fixtures) => f.action() }
const plannedItemId = { name: 'id', value: (f: Fixtures) => f.plannedItem() }
const bodyId = { name: 'id', value: (f: Fixtures) => f.body() }
/**
 * Addresses with two parameters are filled as one: the name spans from the
 * first to the second, and the value fills both, each from the same partnership.
 */
const bodyMemberId = { name: 'id/members/:memberId', value: async (f: Fixtures) => ((m) => `${m.bodyId}/members/${m.memberId}`)(await f.bodyMember()) }
const termsVersion = { name: 'id/terms-of-reference/:version', value: async (f: Fixtures) => `${(await f.termsOfReference()).bodyId}/terms-of-reference/1` }
/**
 * Admins and editors change any body's meetings and actions; a contributor only
 * the bodies they chair or are lead officer of, and the walking contributor
 * holds no such role, so is refused exactly as directory.edit would refuse them.
 */
const changesMeetings = 'directory.edit' as const
/** Forms that name a body fill it from the visitor's own partnership (its id is in partnershipId), as the form they could send. */
/** Bodies, their members and terms of reference follow the same rule, and the walking contributor chairs nothing either. */
const changesBodies = changesMeetings
const ownFixtures = (f: Fixtures) => (f.partnershipId === fixtures.B.partnershipId ? fixtures.B : fixtures.A)

const organisationFields = (): Fields => ({ name: unique('Walked organisation'), sector: 'vcfs', isStatutory: 'no', website: '', description: '' })
const personFields = (): Fields => ({ name: unique('Walked person'), roleTitle: '', jobTitle: '', organisationId: '', email: '' })
const meetingFields = (bodyId: string): Fields => ({
  bodyId,
  day: '29',
  month: '1',
  year: '2019',
  time: '14:00',
  location: unique('Walked room'),
  notes: '',
  status: 'scheduled',
})
const bodyFields = (): Fields => ({
  name: unique('Walked body'),
  shortName: '',
  kind: 'working-group',
  purpose: '',
  accountableToId: '',
  'establishedOn-day': '',
  'establishedOn-month': '',
  'establishedOn-year': '',
})
const memberFields = (personId: string): Fields => ({
  personId,
  role: 'member',
  representingId: '',
  'startsOn-day': '',
  'startsOn-month': '',
  'startsOn-year': '',
  'endsOn-day': '',
  'endsOn-month': '',
  'endsOn-year': '',
})
/** The text of a new version; the form's file field is left out, as a form sent without choosing a file. */
const termsFields = (): Fields => ({
  purpose: unique('Walked purpose'),
  membership: '',
  quorum: '',
  quorumNotes: '',
  delegatedPowers: '',
  reportingArrangements: '',
  'agreedOn-day': '1',
  'agreedOn-month': '4',
  'agreedOn-year': '2025',
  'reviewDueOn-day': '1',
  'reviewDueOn-month': '4',
  'reviewDueOn-year': '2026',
})
const agendaItemFields = (): Fields => ({ title: unique('Walked item'), presenterId: '', purpose: 'decision', report: '' })
const plannedItemFields = (bodyId: string): Fields => ({
  bodyId,
  title: unique('Walked planned item'),
  purpose: 'noting',
  leadId: '',
  'firstDueOn-day': '1',
  'firstDueOn-month': '4',
  'firstDueOn-year': '2019',
  recurrence: 'quarterly',
})

const rules: Record<string, Rule> = {
  'GET /': { access: 'public' },
  'GET /sign-in': { access: 'public', signedIn: { status: 302, location: /^\/$/ } },
  'POST /sign-in': { access: 'public' },
  'POST /sign-out': { access: 'public', form: async () => ({}), emptyStatus: 303 },
  'GET /partnerships': { access: 'signed in' },
  'POST /partnerships/switch': { access: 'signed in', form: async (f) => ({ partnershipId: f.partnershipId }) },
  'GET /accessibility': { access: 'public' },
  'GET /cookies': { access: 'public' },
  'GET /privacy': { access: 'public' },
  'GET /health': { access: 'public' },
  'GET /health/live': { access: 'public' },
  'GET /health/ready': { access: 'public' },
  'GET /info': { access: 'public' },
  // Partnership A's page, which it publishes; B's unpublished one is checked on its own below.
  'GET /p/:slug': { access: 'public', param: { name: 'slug', value: async () => 'alpha' } },
  'GET /assets/*': { access: 'public', param: asset('init.js') },
  'GET /build/*': { access: 'public', param: asset('app.css') },

  'GET /organisations': { access: 'partnership.read' },
  'GET /organisations/new': { access: 'directory.edit' },
  'POST /organisations': { access: 'directory.edit', form: async () => organisationFields(), audited: true },
  'GET /organisations/:id': { access: 'partnership.read', param: organisationId },
  'GET /organisations/:id/edit': { access: 'directory.edit', param: organisationId },
  'POST /organisations/:id/edit': {
    access: 'directory.edit',
    param: organisationId,
    form: async (f, id) => ({ ...organisationFields(), version: String(await f.version('organisations', id)) }),
    audited: true,
  },
  'GET /organisations/:id/archive': { access: 'directory.edit', param: organisationId },
  'POST /organisations/:id/archive': {
    access: 'directory.edit',
    param: organisationId,
    form: async (f, id) => ({ version: String(await f.version('organisations', id)) }),
    audited: true,
  },
  'POST /organisations/:id/restore': {
    access: 'directory.edit',
    param: { name: 'id', value: (f) => f.organisation({ archived: true }) },
    form: async (f, id) => ({ version: String(await f.version('organisations', id)) }),
    audited: true,
  },

  'GET /people': { access: 'partnership.read' },
  'GET /people/new': { access: 'directory.edit' },
  'POST /people': { access: 'directory.edit', form: async () => personFields(), audited: true },
  'GET /people/:id': { access: 'partnership.read', param: personId },
  'GET /people/:id/edit': { access: 'directory.edit', param: personId },
  'POST /people/:id/edit': {
    access: 'directory.edit',
    param: personId,
    form: async (f, id) => ({ ...personFields(), version: String(await f.version('people', id)) }),
    audited: true,
  },
  'GET /people/:id/archive': { access: 'directory.edit', param: personId },
  'POST /people/:id/archive': {
    access: 'directory.edit',
    param: personId,
    form: async (f, id) => ({ version: String(await f.version('people', id)) }),
    audited: true,
  },
  'POST /people/:id/restore': {
    access: 'directory.edit',
    param: { name: 'id', value: (f) => f.person({ archived: true }) },
    form: async (f, id) => ({ version: String(await f.version('people', id)) }),
    audited: true,
  },

  'GET /admin/users': { access: 'users.manage' },
  'GET /admin/users/new': { access: 'users.manage' },
  'POST /admin/users': {
    access: 'users.manage',
    form: async () => ({
      email: `${unique('walked').replace(' ', '-')}@example.org`,
      displayName: unique('Walked user'),
      role: 'viewer',
      password: 'a passphrase long enough',
    }),
    audited: true,
  },
  'GET /admin/users/:id': { access: 'users.manage', param: memberId },
  'POST /admin/users/:id/role': {
    access: 'users.manage',
    param: memberId,
    form: async (f, id) => ({ role: 'editor', version: String(await f.membershipVersion(id)) }),
    audited: true,
  },
  'POST /admin/users/:id/password': {
    access: 'users.manage',
    param: memberId,
    form: async () => ({ password: 'another passphrase long enough' }),
    audited: true,
  },
  'GET /admin/users/:id/remove': { access: 'users.manage', param: memberId },
  'POST /admin/users/:id/remove': {
    access: 'users.manage',
    param: memberId,
    form: async (f, id) => ({ version: String(await f.membershipVersion(id)) }),
    audited: true,
  },

  'GET /meetings': { access: 'partnership.read' },
  'GET /meetings/new': { access: changesMeetings },
  'POST /meetings': { access: changesMeetings, form: async (f) => meetingFields(await ownFixtures(f).meetingBody()), audited: true },
  'GET /meetings/:id': { access: 'partnership.read', param: meetingId },
  'GET /meetings/:id/edit': { access: changesMeetings, param: meetingId },
  'POST /meetings/:id/edit': {
    access: changesMeetings,
    param: meetingId,
    form: async (f, id) => ({ ...meetingFields(await f.meetingBody()), version: String(await f.meetingRecordVersion('meetings', id)) }),
    audited: true,
  },
  'POST /meetings/:id/cancel': {
    access: changesMeetings,
    param: meetingId,
    form: async (f, id) => ({ version: String(await f.meetingRecordVersion('meetings', id)) }),
    audited: true,
  },
  'GET /meetings/:id/items/new': { access: changesMeetings, param: meetingId },
  'POST /meetings/:id/items': { access: changesMeetings, param: meetingId, form: async () => agendaItemFields(), audited: true },
  'POST /meetings/:id/attendance': {
    access: changesMeetings,
    param: meetingId,
    form: async (f) => ({ personId: await f.person(), status: 'present', substituteForId: '' }),
    audited: true,
  },
  'POST /meetings/:id/attendance/remove': {
    access: changesMeetings,
    param: meetingId,
    form: async (f, id) => ({ personId: await f.attendee(id) }),
    audited: true,
  },
  'GET /agenda-items/:id/edit': { access: changesMeetings, param: agendaItemId },
  'POST /agenda-items/:id/edit': {
    access: changesMeetings,
    param: agendaItemId,
    form: async (f, id) => ({ ...agendaItemFields(), version: String(await f.meetingRecordVersion('agenda_items', id)) }),
    audited: true,
  },
  'POST /agenda-items/:id/move': { access: changesMeetings, param: agendaItemId, form: async () => ({ direction: 'down' }), audited: true },
  // Nothing to fill in: the button alone removes the item.
  'POST /agenda-items/:id/remove': { access: changesMeetings, param: agendaItemId, emptyStatus: 303 },
  'POST /agenda-items/:id/recommendations': {
    access: changesMeetings,
    param: agendaItemId,
    form: async () => ({ label: 'a)', text: unique('Walked recommendation') }),
    audited: true,
  },
  'POST /recommendations/:id/decision': {
    access: changesMeetings,
    param: recommendationId,
    form: async (f, id) => ({ decision: 'approved', decisionText: '', version: String(await f.meetingRecordVersion('recommendations', id)) }),
    audited: true,
  },

  'GET /actions': { access: 'partnership.read' },
  'GET /actions/new': { access: changesMeetings },
  'POST /actions': {
    access: changesMeetings,
    form: async (f) => ({
      bodyId: await ownFixtures(f).meetingBody(),
      meetingId: '',
      agendaItemId: '',
      description: unique('Walked action'),
      ownerId: '',
      dueDay: '',
      dueMonth: '',
      dueYear: '',
    }),
    audited: true,
  },
  'GET /actions/:id': { access: 'partnership.read', param: actionId },
  'POST /actions/:id/updates': {
    access: changesMeetings,
    param: actionId,
    form: async (f, id) => ({ note: unique('Walked update'), status: 'in-progress', version: String(await f.meetingRecordVersion('actions', id)) }),
    audited: true,
  },
  'GET /my-work': { access: 'partnership.read' },

  'GET /forward-plan': { access: 'partnership.read' },
  'GET /forward-plan/items/new': { access: changesMeetings },
  'POST /forward-plan/items/new': { access: changesMeetings, form: async (f) => plannedItemFields(await ownFixtures(f).meetingBody()), audited: true },
  'GET /forward-plan/items/:id/edit': { access: changesMeetings, param: plannedItemId },
  'POST /forward-plan/items/:id/edit': {
    access: changesMeetings,
    param: plannedItemId,
    form: async (f, id) => ({ ...plannedItemFields(await f.meetingBody()), version: String(await f.meetingRecordVersion('planned_items', id)) }),
    audited: true,
  },
  'GET /forward-plan/items/:id/archive': { access: changesMeetings, param: plannedItemId },
  'POST /forward-plan/items/:id/archive': {
    access: changesMeetings,
    param: plannedItemId,
    form: async (f, id) => ({ version: String(await f.meetingRecordVersion('planned_items', id)) }),
    audited: true,
  },
  'POST /forward-plan/items/:id/restore': {
    access: changesMeetings,
    param: { name: 'id', value: (f) => f.plannedItem({ archived: true }) },
    form: async (f, id) => ({ version: String(await f.meetingRecordVersion('planned_items', id)) }),
    audited: true,
  },

  'GET /bodies': { access: 'partnership.read' },
  'GET /bodies/new': { access: changesBodies },
  'POST /bodies': { access: changesBodies, form: async () => bodyFields(), audited: true },
  'GET /bodies/:id': { access: 'partnership.read', param: bodyId },
  'GET /bodies/:id/edit': { access: changesBodies, param: bodyId },
  'POST /bodies/:id/edit': {
    access: changesBodies,
    param: bodyId,
    form: async (f, id) => ({ ...bodyFields(), version: String(await f.version('bodies', id)) }),
    audited: true,
  },
  'GET /bodies/:id/end': { access: changesBodies, param: bodyId },
  'POST /bodies/:id/end': {
    access: changesBodies,
    param: bodyId,
    form: async (f, id) => ({
      'endedOn-day': '31',
      'endedOn-month': '3',
      'endedOn-year': '2025',
      supersededById: '',
      version: String(await f.version('bodies', id)),
    }),
    audited: true,
  },
  'GET /bodies/:id/archive': { access: changesBodies, param: bodyId },
  'POST /bodies/:id/archive': {
    access: changesBodies,
    param: bodyId,
    form: async (f, id) => ({ version: String(await f.version('bodies', id)) }),
    audited: true,
  },
  'POST /bodies/:id/restore': {
    access: changesBodies,
    param: { name: 'id', value: (f) => f.body({ archived: true }) },
    form: async (f, id) => ({ version: String(await f.version('bodies', id)) }),
    audited: true,
  },
  'GET /bodies/:id/members/new': { access: changesBodies, param: bodyId },
  'POST /bodies/:id/members': { access: changesBodies, param: bodyId, form: async (f) => memberFields(await f.person()), audited: true },
  'GET /bodies/:id/members/:memberId/edit': { access: changesBodies, param: bodyMemberId },
  'POST /bodies/:id/members/:memberId/edit': {
    access: changesBodies,
    param: bodyMemberId,
    form: async (f, id) => ({ ...memberFields(await f.person()), version: String(await f.version('body_members', id.split('/members/')[1]!)) }),
    audited: true,
  },
  'POST /bodies/:id/members/:memberId/remove': {
    access: changesBodies,
    param: bodyMemberId,
    form: async (f, id) => ({ version: String(await f.version('body_members', id.split('/members/')[1]!)) }),
    audited: true,
  },
  'GET /people/:id/bodies': { access: 'partnership.read', param: personId },
  'GET /structure': { access: 'partnership.read' },
  'GET /governance': { access: 'partnership.read' },
  'GET /bodies/:id/terms-of-reference': { access: 'partnership.read', param: bodyId },
  'GET /bodies/:id/terms-of-reference/new': { access: changesBodies, param: bodyId },
  // Sent urlencoded, as the walker's client sends every form: the text alone makes a version, and the refusals come before the form is read.
  'POST /bodies/:id/terms-of-reference/new': { access: changesBodies, param: bodyId, form: async () => ({ ...termsFields(), basedOn: '0' }), audited: true },
  'GET /bodies/:id/terms-of-reference/:version': { access: 'partnership.read', param: termsVersion },
  'GET /files/:id': { access: 'partnership.read', param: { name: 'id', value: async (f) => (await f.termsOfReference()).fileId } },

  'GET /admin/audit': { access: 'audit.read' },
  'GET /admin/audit/:id': { access: 'audit.read', param: { name: 'id', value: (f) => f.auditEvent() } },
  'GET /admin/partnership': { access: 'users.manage' },
  'POST /admin/partnership': {
    access: 'users.manage',
    // The partnership keeps its name and whether it is published (other rules read its public pages): only the version moves on.
    form: async (f) => {
      const own = f.own()
      const p = await own.db
        .selectFrom('partnerships')
        .select(['name', 'description', 'is_published', 'version'])
        .where('id', '=', own.partnershipId)
        .executeTakeFirstOrThrow()
      return { name: p.name, areaCode: 'E08000004', description: p.description, isPublished: p.is_published ? 'yes' : 'no', version: String(p.version) }
    },
    audited: true,
  },

  ...frameworkRules,
  ...planRules,
  ...planTransferRules,
  ...workstreamRules,
  ...indicatorRules,
  ...comparatorGroupRules,
  ...indicatorValueRules,
  ...valueTransferRules,
  // -- rules: helper A
  ...targetRules,
  // -- rules: helper B
  ...indicatorChartRules,
  // -- rules: helper C
  ...reportCardRules,
  ...accountRules,
  // -- rules: helper D
  ...prioritySetProposalRules,
}

// ---------------------------------------------------------------- expectations

interface Outcome {
  status: number
  location?: RegExp
}

type Variant = 'page' | 'empty form' | 'valid form'

function expected(rule: Rule, visitor: Visitor, variant: Variant): Outcome {
  const allowed: Outcome = { status: variant === 'page' ? 200 : variant === 'valid form' ? 303 : (rule.emptyStatus ?? 400) }
  if (rule.access === 'public') return visitor.role && rule.signedIn ? rule.signedIn : allowed
  if (!visitor.role) return { status: 302, location: /^\/sign-in/ }
  if (rule.access === 'signed in') return allowed
  if (rule.access === 'operator') return { status: 403 }
  if (!can(visitor.role, rule.access)) return { status: 403 }
  // A record every partnership reads but only its keeper changes: seen, so refused rather than not found.
  if (rule.param && rule.owned && visitor.idsFrom !== visitor.memberOf) return { status: 403 }
  // A record acted on only by a partnership that does not keep it (proposing a change to a priority set): its keeper is refused.
  if (rule.param && rule.notOwned && visitor.idsFrom === visitor.memberOf) return { status: 403 }
  // The records of a partnership the visitor is not working in do not exist, as far as they can tell.
  if (rule.param && !rule.shared && !rule.owned && visitor.idsFrom !== visitor.memberOf) return { status: 404 }
  return allowed
}

// ---------------------------------------------------------------- the walk

let testing: TestApp
let db: Db
const fixtures = {} as Record<Partnership, Fixtures>
const clients = new Map<string, TestClient>()

/**
 * Every insert, update, delete and truncate of any table, found from the
 * catalogue so a new table is covered too, bumps one counter in the same
 * transaction: a statement that touched no row leaves it alone (the transition
 * table is empty) and a rolled-back one takes its bump back with it. So the
 * counter moves exactly when some row was written, and reading it costs one
 * query where fingerprinting every row of every table cost seconds per visit.
 * (It is stricter than comparing contents: a write of the same values counts.)
 */
async function watchEveryTable(): Promise<void> {
  const statements = [
    sql`CREATE SCHEMA walk`,
    sql`CREATE TABLE walk.changes (n bigint NOT NULL)`,
    sql`INSERT INTO walk.changes VALUES (0)`,
    // Security definer: the app writes as the row-level-security role, which may not touch walk.changes.
    sql`CREATE FUNCTION walk.count_changes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          UPDATE walk.changes SET n = n + 1;
        ELSIF EXISTS (SELECT 1 FROM changed) THEN
          UPDATE walk.changes SET n = n + 1;
        END IF;
        RETURN NULL;
      END $$`,
  ]
  for (const statement of statements) await statement.execute(db)
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
      -- The per-address throttle counts every try, refused or not: that is its job.
      AND table_name <> 'rate_limit_windows'
    ORDER BY table_name`.execute(db)
  assert.ok(tables.rows.length >= 40, `found only ${tables.rows.length} tables to watch`)
  for (const { name } of tables.rows) {
    const table = sql.table(name)
    // A trigger with a transition table takes one event, so each gets its own.
    await sql`CREATE TRIGGER walk_inserts AFTER INSERT ON ${table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION walk.count_changes()`.execute(
      db,
    )
    await sql`CREATE TRIGGER walk_updates AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION walk.count_changes()`.execute(
      db,
    )
    await sql`CREATE TRIGGER walk_deletes AFTER DELETE ON ${table} REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION walk.count_changes()`.execute(
      db,
    )
    await sql`CREATE TRIGGER walk_truncates AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION walk.count_changes()`.execute(db)
  }
}

/** How many writing statements have changed rows since the walk began. */
async function state(): Promise<string> {
  const { rows } = await sql<{ n: string | number }>`SELECT n FROM walk.changes`.execute(db)
  return `${rows[0]!.n} writes`
}

const auditCount = async () =>
  Number(
    (
      await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

async function fixturesFor(partnershipId: string, admin: Actor): Promise<Fixtures> {
  const organisations = organisationService(db)
  const people = peopleService(db)
  const bodies = bodyService(db)
  const meetings = meetingService(db)
  const actions = actionService(db)
  const terms = termsOfReferenceService(db, bodies)
  let body: Promise<string> | undefined
  const meetingBody = () =>
    (body ??= bodies.create(admin, bodyForm.parse({ name: unique('Walked body'), kind: 'working-group', purpose: '' })).then((b) => b.id))
  const meeting = async () => (await meetings.create(admin, meetingForm.parse(meetingFields(await meetingBody())))).id
  const agendaItem = async (meetingId: string) => (await meetings.addItem(admin, meetingId, agendaItemForm.parse(agendaItemFields()))).id
  return {
    partnershipId,
    db,
    admin,
    own: () => ownFixtures({ partnershipId } as Fixtures),
    async organisation({ archived = false } = {}) {
      const created = await organisations.create(admin, organisationForm.parse(organisationFields()))
      if (archived) await organisations.archive(admin, created.id, created.version)
      return created.id
    },
    async person({ archived = false } = {}) {
      const created = await people.create(admin, personForm.parse(personFields()))
      if (archived) await people.archive(admin, created.id, created.version)
      return created.id
    },
    async member() {
      const email = `${unique('member').replace(' ', '-')}@example.org`
      return (await createMember(db, partnershipId, 'viewer', email)).user.id
    },
    async auditEvent() {
      const event = await db.selectFrom('audit_events').select('id').where('partnership_id', '=', partnershipId).limit(1).executeTakeFirstOrThrow()
      return String(event.id)
    },
    async version(table, id) {
      return (await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
    },
    async membershipVersion(userId) {
      const row = await db
        .selectFrom('memberships')
        .select('version')
        .where('user_id', '=', userId)
        .where('partnership_id', '=', partnershipId)
        .executeTakeFirstOrThrow()
      return row.version
    },
    meetingBody,
    meeting,
    async agendaItem() {
      const meetingId = await meeting()
      const first = await agendaItem(meetingId)
      await agendaItem(meetingId)
      return first
    },
    async recommendation() {
      const itemId = await agendaItem(await meeting())
      return (await meetings.addRecommendation(admin, itemId, { label: 'a)', text: unique('Walked recommendation') })).recommendation.id
    },
    async action() {
      return (await actions.create(admin, actionForm.parse({ bodyId: await meetingBody(), description: unique('Walked action') }))).id
    },
    async attendee(meetingId) {
      const personId = (await people.create(admin, personForm.parse(personFields()))).id
      await meetings.recordAttendance(admin, meetingId, attendanceForm.parse({ personId, status: 'present' }))
      return personId
    },
    async plannedItem({ archived = false } = {}) {
      const plan = forwardPlanService(db)
      const created = await plan.create(admin, plannedItemForm.parse(plannedItemFields(await meetingBody())))
      if (archived) await plan.archive(admin, created.id, created.version)
      return created.id
    },
    async meetingRecordVersion(table, id) {
      return (await db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
    },
    async body({ archived = false } = {}) {
      const created = await bodies.create(admin, bodyForm.parse(bodyFields()))
      if (archived) await bodies.archive(admin, created.id, created.version)
      return created.id
    },
    async bodyMember() {
      const created = await bodies.create(admin, bodyForm.parse(bodyFields()))
      const member = await bodies.addMember(
        admin,
        created.id,
        memberForm.parse(memberFields((await people.create(admin, personForm.parse(personFields()))).id)),
      )
      return { bodyId: created.id, memberId: member.id }
    },
    async termsOfReference() {
      const created = await bodies.create(admin, bodyForm.parse(bodyFields()))
      const document = { filename: 'walked-terms.txt', content: Buffer.from('Terms of reference of a walked body.\n'), truncated: false }
      const version = await terms.create(admin, created.id, 0, parseTermsForm(termsFields()), document)
      return { bodyId: created.id, fileId: version.created.file_id! }
    },
  }
}

/** The address and form for one visit, with fresh records made first where the visit may change them. */
async function prepare(visitor: Visitor, method: string, route: string, variant: Variant): Promise<{ url: string; fields: Fields }> {
  const rule = rules[`${method} ${route}`]!
  const f = fixtures[visitor.idsFrom]
  let url = route
  let id = ''
  if (rule.param) {
    id = await rule.param.value(f)
    url = route.replace(rule.param.name === '*' ? '*' : `:${rule.param.name}`, id)
  }
  // A visitor's own partnership fills forms that name one (switching), so the form is one they could send.
  const own = fixtures[visitor.memberOf ?? 'A']
  const fields = variant === 'valid form' && rule.form ? await rule.form({ ...f, partnershipId: own.partnershipId, own: () => own }, id) : {}
  return { url, fields }
}

/** A form token from a page the client can see: every signed-in page has the sign-out form; signed out, the sign-in page. */
async function tokenFor(client: TestClient): Promise<string> {
  const home = await client.get('/')
  const token = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1]
  return token ?? client.csrfToken('/sign-in')
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

/** A page with what differs per request or per id taken out: form tokens, script nonces and ids. */
function normalised(body: string): string {
  return body
    .replace(/name="_csrf" value="[^"]*"/g, '')
    .replace(/nonce="[^"]*"/g, '')
    .replace(uuidPattern, 'ID')
}

/**
 * Some forms are checked before the record is looked up (a missing version on
 * archive), so another partnership's id can get the form's own error rather
 * than 404. That tells nothing only if an id that exists nowhere gets exactly
 * the same answer, which is what this checks.
 */
async function answersAsForNobody(client: TestClient, url: string, response: LightMyRequestResponse): Promise<boolean> {
  if (response.statusCode === 404) return false
  const nobody = await client.post(url.replace(uuidPattern, '00000000-0000-4000-8000-000000000000'), {}, { csrf: await tokenFor(client) })
  return nobody.statusCode === response.statusCode && normalised(nobody.body) === normalised(response.body)
}

function describeOutcome(response: LightMyRequestResponse): string {
  const location = response.headers.location ? ` → ${String(response.headers.location)}` : ''
  return `${response.statusCode}${location}`
}

async function walk(method: string, route: string): Promise<string[]> {
  const rule = rules[`${method} ${route}`]!
  const variants: Variant[] = method === 'GET' ? ['page'] : rule.form ? ['empty form', 'valid form'] : ['empty form']
  const problems: string[] = []
  for (const visitor of visitors) {
    for (const variant of variants) {
      const want = expected(rule, visitor, variant)
      const client = clients.get(visitor.name)!
      const { url, fields } = await prepare(visitor, method, route, variant)
      const where = `${visitor.name}, ${variant}: ${method} ${url}`
      if (method === 'GET') {
        const response = await client.get(url)
        if (response.statusCode !== want.status || (want.location && !want.location.test(String(response.headers.location ?? '')))) {
          problems.push(`${where} got ${describeOutcome(response)}, expected ${want.status}${want.location ? ` → ${want.location}` : ''}`)
        }
        continue
      }
      // The CSRF token is fetched first, so that only the POST itself happens between the two looks at the database.
      const csrf = await tokenFor(client)
      const before = await state()
      const auditBefore = await auditCount()
      const response = await client.post(url, fields, { csrf })
      const sameAsNobody = want.status === 404 && variant === 'empty form' && (await answersAsForNobody(client, url, response))
      if (!sameAsNobody && (response.statusCode !== want.status || (want.location && !want.location.test(String(response.headers.location ?? ''))))) {
        problems.push(`${where} got ${describeOutcome(response)}, expected ${want.status}${want.location ? ` → ${want.location}` : ''}`)
        continue
      }
      // Anything but a redirect after success must leave every record as it was.
      if (response.statusCode !== 303) {
        const after = await state()
        if (after !== before) problems.push(`${where} was answered ${response.statusCode} but changed the database: ${before} → ${after}`)
      } else if (variant === 'valid form' && rule.audited) {
        // Also proves the fingerprint sees a change, so the check above is not empty.
        if ((await state()) === before) problems.push(`${where} was allowed but the database did not change`)
        if ((await auditCount()) <= auditBefore) problems.push(`${where} was allowed but left nothing in the audit trail`)
      }
    }
  }
  return problems
}

before(async () => {
  // The stylesheet is served from its build; a clean clone has not built it yet.
  buildCss()
  testing = await testApp()
  db = testing.database.db
  await watchEveryTable()
  const a = await createPartnership(db, 'alpha', 'Alpha partnership', true)
  const b = await createPartnership(db, 'beta', 'Beta partnership', false)
  const members: Record<string, { email: string; actor?: Actor }> = {}
  for (const role of ['viewer', 'contributor', 'editor', 'admin'] as const) {
    const { user, actor } = await createMember(db, a.id, role)
    members[role] = { email: user.email, actor }
  }
  const adminB = await createMember(db, b.id, 'admin')
  fixtures.A = await fixturesFor(a.id, members.admin!.actor!)
  fixtures.B = await fixturesFor(b.id, adminB.actor)
  // Each partnership has records and an audit trail before the walk starts.
  for (const f of [fixtures.A, fixtures.B]) {
    await f.organisation()
    await f.person()
  }

  const signedIn = new Map<string, TestClient>()
  const clientFor = async (email: string) => {
    if (!signedIn.has(email)) {
      const client = new TestClient(testing.app)
      await client.signIn(email)
      signedIn.set(email, client)
    }
    return signedIn.get(email)!
  }
  for (const visitor of visitors) {
    if (!visitor.role) clients.set(visitor.name, new TestClient(testing.app))
    else if (visitor.memberOf === 'B') clients.set(visitor.name, await clientFor(adminB.user.email))
    else clients.set(visitor.name, await clientFor(members[visitor.role]!.email))
  }
})

after(() => testing.close())

// Before the walk, whose last route signs every visitor out.
describe('what the walk cannot see', () => {
  test('a member cannot switch into a partnership they do not belong to', async () => {
    const client = new TestClient(testing.app)
    const { user } = await createMember(db, fixtures.A.partnershipId, 'editor', 'switcher@example.org')
    await client.signIn(user.email)
    const before = await state()
    const refused = await client.post('/partnerships/switch', { partnershipId: fixtures.B.partnershipId })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Select one of your partnerships/)
    assert.equal(await state(), before)
    assert.equal((await client.get(`/organisations`)).statusCode, 200)
    const session = await db.selectFrom('sessions').select('partnership_id').where('user_id', '=', user.id).executeTakeFirstOrThrow()
    assert.equal(session.partnership_id, fixtures.A.partnershipId)
  })

  test('an unpublished partnership’s public page is not found, even by its own admin', async () => {
    for (const visitor of ['signed out', 'admin of another partnership']) {
      const response = await clients.get(visitor)!.get('/p/beta')
      assert.equal(response.statusCode, 404, visitor)
    }
  })

  test('an address that is not an id at all is not found, not a fault', async () => {
    const admin = new TestClient(testing.app)
    const { user } = await createMember(db, fixtures.A.partnershipId, 'admin', 'admin-two@example.org')
    await admin.signIn(user.email)
    for (const url of [
      '/organisations/not-an-id',
      '/people/123',
      '/admin/users/x',
      '/admin/audit/%27%3B--',
      '/organisations/00000000-0000-0000-0000-000000000000/edit',
    ]) {
      assert.equal((await admin.get(url)).statusCode, 404, url)
    }
  })
})

describe('every route, as every visitor', () => {
  test('every route the app has is walked, and every rule here names a route the app has', async () => {
    const routes = routesOf(testing.app)
    const withoutRule = routes.filter((r) => !rules[r])
    const withoutRoute = Object.keys(rules).filter((r) => !routes.includes(r))
    assert.deepEqual(withoutRule, [], `routes with no expectation: add them to the rules in ${import.meta.filename}`)
    assert.deepEqual(withoutRoute, [], 'rules for routes the app no longer has')
    assert.ok(routes.length >= 40, `found only ${routes.length} routes: are the routes still recorded?`)
  })

  // Signing out ends the session each visitor walks with, so it goes last.
  const order = Object.keys(rules).sort((a, b) => Number(a === 'POST /sign-out') - Number(b === 'POST /sign-out'))
  for (const key of order) {
    test(key, async () => {
      const [method, route] = key.split(' ') as [string, string]
      const problems = await walk(method, route)
      assert.deepEqual(problems, [], `\n${problems.join('\n')}`)
    })
  }
})
