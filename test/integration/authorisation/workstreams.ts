import { workstreamService } from '../../../src/strategy/workstreams/service.ts'
import { workstreamForm } from '../../../src/strategy/workstreams/schema.ts'
import { unique, type Fields, type Fixtures, type Rule } from './rules.ts'

// Workstreams and the golden thread. Admins and editors change any body's
// workstreams; a contributor only those of the bodies they chair or are lead
// officer of, and the walking contributor holds no such role, so is refused
// exactly as directory.edit would refuse them.
const changesWorkstreams = 'directory.edit' as const

const workstreamFields = (bodyId: string): Fields => ({ bodyId, title: unique('Walked workstream'), kind: 'service', description: '', leadId: '' })

async function workstream(f: Fixtures, { archived = false } = {}): Promise<string> {
  const workstreams = workstreamService(f.db)
  const created = await workstreams.create(f.admin, workstreamForm.parse(workstreamFields(await f.meetingBody())))
  if (archived) await workstreams.archive(f.admin, created.id, created.version)
  return created.id
}

/**
 * A body of the partnership the form is sent in (partnershipId is the
 * visitor's own there). Made directly rather than through f.own(), whose
 * fixtures are those of the partnership the ids come from.
 */
const bodyOf = async (f: Fixtures) =>
  (
    await f.db
      .insertInto('bodies')
      .values({ partnership_id: f.partnershipId, name: unique('Walked workstream body'), kind: 'working-group' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
const version = async (f: Fixtures, id: string) =>
  String((await f.db.selectFrom('workstreams').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)
const workstreamId = { name: 'id', value: (f: Fixtures) => workstream(f) }
/** An outcome with no framework wording: its page still answers, saying it is not in the framework in force. */
const outcomeId = {
  name: 'id',
  value: async (f: Fixtures) => (await f.db.insertInto('outcomes').values({ partnership_id: f.partnershipId }).returning('id').executeTakeFirstOrThrow()).id,
}

export const workstreamRules: Record<string, Rule> = {
  'GET /workstreams': { access: 'partnership.read' },
  'GET /workstreams/new': { access: changesWorkstreams },
  'POST /workstreams/new': { access: changesWorkstreams, form: async (f) => workstreamFields(await bodyOf(f)), audited: true },
  'GET /workstreams/:id': { access: 'partnership.read', param: workstreamId },
  'GET /workstreams/:id/edit': { access: changesWorkstreams, param: workstreamId },
  'POST /workstreams/:id/edit': {
    access: changesWorkstreams,
    param: workstreamId,
    form: async (f, id) => ({ ...workstreamFields(await f.meetingBody()), version: await version(f, id) }),
    audited: true,
  },
  'GET /workstreams/:id/archive': { access: changesWorkstreams, param: workstreamId },
  'POST /workstreams/:id/archive': {
    access: changesWorkstreams,
    param: workstreamId,
    form: async (f, id) => ({ version: await version(f, id) }),
    audited: true,
  },
  'POST /workstreams/:id/restore': {
    access: changesWorkstreams,
    param: { name: 'id', value: (f) => workstream(f, { archived: true }) },
    form: async (f, id) => ({ version: await version(f, id) }),
    audited: true,
  },

  'GET /golden-thread': { access: 'partnership.read' },
  'GET /outcomes/:id': { access: 'partnership.read', param: outcomeId },
}
