import { comparatorGroupService } from '../../../src/performance/comparator-groups/service.ts'
import { groupForm } from '../../../src/performance/comparator-groups/schema.ts'
import { unique, type Fields, type Fixtures, type Rule } from './rules.ts'

// Comparator groups: everyone in the partnership reads them; admins and editors
// define, change, archive and restore them (directory.edit).

const groupFields = (): Fields => ({ name: unique('Walked group'), kind: 'regional-partnership', areaCodes: 'E08000001, E08000004', description: '' })

async function group(f: Fixtures, { archived = false } = {}): Promise<string> {
  const groups = comparatorGroupService(f.db)
  const created = await groups.create(f.admin, groupForm.parse(groupFields()))
  if (archived) await groups.setArchived(f.admin, created.id, created.version, 'archive')
  return created.id
}

const version = async (f: Fixtures, id: string) =>
  String((await f.db.selectFrom('comparator_groups').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)
const groupId = { name: 'id', value: (f: Fixtures) => group(f) }

export const comparatorGroupRules: Record<string, Rule> = {
  'GET /comparator-groups': { access: 'partnership.read' },
  'GET /comparator-groups/new': { access: 'directory.edit' },
  'POST /comparator-groups': { access: 'directory.edit', form: async () => groupFields(), audited: true },
  'GET /comparator-groups/:id': { access: 'partnership.read', param: groupId },
  'GET /comparator-groups/:id/edit': { access: 'directory.edit', param: groupId },
  'POST /comparator-groups/:id/edit': {
    access: 'directory.edit',
    param: groupId,
    form: async (f, id) => ({ ...groupFields(), version: await version(f, id) }),
    audited: true,
  },
  'GET /comparator-groups/:id/archive': { access: 'directory.edit', param: groupId },
  'POST /comparator-groups/:id/archive': {
    access: 'directory.edit',
    param: groupId,
    form: async (f, id) => ({ version: await version(f, id) }),
    audited: true,
  },
  'POST /comparator-groups/:id/restore': {
    access: 'directory.edit',
    param: { name: 'id', value: (f) => group(f, { archived: true }) },
    form: async (f, id) => ({ version: await version(f, id) }),
    audited: true,
  },
}
