import { frameworkService } from '../../../src/strategy/framework/service.ts'
import { adoptionForm, commitmentForm, outcomeForm, versionDetailsForm } from '../../../src/strategy/framework/schema.ts'
import { externalFrameworkService } from '../../../src/strategy/external-frameworks/service.ts'
import { externalFrameworkForm, priorityForm } from '../../../src/strategy/external-frameworks/schema.ts'
import { unique, type Fields, type Fixtures, type Rule } from './rules.ts'

// The strategic framework (partnership-owned), the regional and national
// frameworks every partnership shares, and the alignment matrix between them.
// Admins and editors change the framework and its alignment (directory.edit);
// only admins change the shared frameworks.

const detailsFields = (): Fields => ({ title: unique('Walked framework'), ambition: 'a place where children and young people thrive', introduction: '' })
const outcomeFields = (): Fields => ({ title: unique('Walked outcome'), description: '' })

// ---------------------------------------------------------------- the framework

const versions = (f: Fixtures) =>
  f.db
    .selectFrom('framework_versions')
    .select(['id', 'stage', 'version', 'number'])
    .where('partnership_id', '=', f.admin.partnershipId)
    .orderBy('number', 'desc')
    .execute()

const bodyFor = async (f: Fixtures, partnershipId: string) =>
  (
    await f.db
      .insertInto('bodies')
      .values({ partnership_id: partnershipId, name: unique('Walked adopting body'), kind: 'working-group' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id

/** Adopts a partnership's open version, through the service, as its admin would. */
async function adoptOpen(f: Fixtures, id: string): Promise<void> {
  const framework = frameworkService(f.db)
  const version = (await versions(f)).find((v) => v.id === id)!.version
  await framework.adopt(
    f.admin,
    id,
    version,
    adoptionForm.parse({ 'adoptedOn-day': '1', 'adoptedOn-month': '1', 'adoptedOn-year': '2030', bodyId: await bodyFor(f, f.admin.partnershipId) }),
  )
}

/**
 * The partnership's open version, made as the walk needs it: the first draft
 * (with two outcomes and a commitment) when there is none, otherwise a new
 * draft from the adopted one. With `draft`, one not yet out for consultation.
 * Read afresh each time, as each walked change moves the framework on.
 */
async function openVersion(f: Fixtures, { draft = false } = {}): Promise<string> {
  const framework = frameworkService(f.db)
  let all = await versions(f)
  let open = all.find((v) => v.stage === 'draft' || v.stage === 'consultation')
  if (open && draft && open.stage === 'consultation') {
    await adoptOpen(f, open.id)
    open = undefined
    all = await versions(f)
  }
  if (open) return open.id
  const adopted = all.find((v) => v.stage === 'adopted')
  if (adopted) return (await framework.startNewDraft(f.admin, adopted.id)).id
  const created = await framework.startFirstDraft(f.admin, versionDetailsForm.parse(detailsFields()))
  const first = await framework.addOutcome(f.admin, created.id, created.version, outcomeForm.parse(outcomeFields()))
  await framework.addOutcome(f.admin, created.id, created.version + 1, outcomeForm.parse(outcomeFields()))
  await framework.addCommitment(f.admin, created.id, created.version + 2, commitmentForm.parse({ text: unique('Walked commitment'), outcomeIds: first }))
  return created.id
}

/** The adopted version, with no draft after it, so a new draft can start from it. */
async function adoptedVersion(f: Fixtures): Promise<string> {
  const open = (await versions(f)).find((v) => v.stage === 'draft' || v.stage === 'consultation')
  await adoptOpen(f, open ? open.id : await openVersion(f))
  return (await versions(f)).find((v) => v.stage === 'adopted')!.id
}

const frameworkVersionOf = async (f: Fixtures, id: string) =>
  String((await f.db.selectFrom('framework_versions').select('version').where('id', '=', id.split('/')[0]!).executeTakeFirstOrThrow()).version)

/** A fresh outcome or commitment of the open version (the walk may remove it), as `<version>/<kind>/<item>`. */
const itemOf = (kind: 'outcomes' | 'commitments') => ({
  name: `id/${kind}/:itemId`,
  value: async (f: Fixtures) => {
    const framework = frameworkService(f.db)
    const id = await openVersion(f)
    const version = Number(await frameworkVersionOf(f, id))
    const itemId =
      kind === 'outcomes'
        ? await framework.addOutcome(f.admin, id, version, outcomeForm.parse(outcomeFields()))
        : await framework.addCommitment(f.admin, id, version, commitmentForm.parse({ text: unique('Walked commitment') }))
    return `${id}/${kind}/${itemId}`
  },
})

const openId = { name: 'id', value: (f: Fixtures) => openVersion(f) }
const draftId = { name: 'id', value: (f: Fixtures) => openVersion(f, { draft: true }) }
const changes = 'directory.edit' as const

function itemRules(kind: 'outcomes' | 'commitments'): Record<string, Rule> {
  const fields = (): Fields => (kind === 'outcomes' ? outcomeFields() : { text: unique('Walked commitment') })
  const item = itemOf(kind)
  return {
    [`GET /framework/versions/:id/${kind}/new`]: { access: changes, param: openId },
    [`POST /framework/versions/:id/${kind}/new`]: {
      access: changes,
      param: openId,
      form: async (f, id) => ({ ...fields(), version: await frameworkVersionOf(f, id) }),
      audited: true,
    },
    [`GET /framework/versions/:id/${kind}/:itemId/edit`]: { access: changes, param: item },
    [`POST /framework/versions/:id/${kind}/:itemId/edit`]: {
      access: changes,
      param: item,
      form: async (f, id) => ({ ...fields(), version: await frameworkVersionOf(f, id) }),
      audited: true,
    },
    // The fresh item is the last, so it can always move up.
    [`POST /framework/versions/:id/${kind}/:itemId/move`]: {
      access: changes,
      param: item,
      form: async (f, id) => ({ direction: 'up', version: await frameworkVersionOf(f, id) }),
      audited: true,
    },
    [`POST /framework/versions/:id/${kind}/:itemId/remove`]: {
      access: changes,
      param: item,
      form: async (f, id) => ({ version: await frameworkVersionOf(f, id) }),
      audited: true,
    },
  }
}

// ---------------------------------------------------------------- shared frameworks

/**
 * Regional and national frameworks are read by every partnership (`shared`:
 * no partnership's ids are "another's" for reading, aligning or copying), but
 * each is changed only by the admins of the partnership that keeps it
 * (`owned`: another partnership's admin, who can see the set, is refused).
 * The walker's sets are made by the admin of the partnership whose ids fill
 * the address, so they are that partnership's.
 */

const externalFields = (): Fields => ({
  title: unique('Walked regional framework'),
  publisher: 'Walked publisher',
  scope: 'regional',
  description: '',
  'publishedOn-day': '',
  'publishedOn-month': '',
  'publishedOn-year': '',
})
const priorityFields = (): Fields => ({ title: unique('Walked priority'), description: '' })

async function externalFramework(f: Fixtures, { archived = false } = {}): Promise<string> {
  const frameworks = externalFrameworkService(f.db)
  const created = await frameworks.create(f.admin, externalFrameworkForm.parse(externalFields()))
  if (archived) await frameworks.setArchived(f.admin, created.id, created.version, 'archive')
  return created.id
}

/** A priority with another before it, so it can always move up. */
async function priority(f: Fixtures, { archived = false } = {}): Promise<string> {
  const frameworks = externalFrameworkService(f.db)
  const frameworkId = await externalFramework(f)
  await frameworks.addPriority(f.admin, frameworkId, priorityForm.parse(priorityFields()))
  const created = await frameworks.addPriority(f.admin, frameworkId, priorityForm.parse(priorityFields()))
  if (archived) await frameworks.setPriorityArchived(f.admin, created.id, created.version, 'archive')
  return created.id
}

const externalVersion = async (f: Fixtures, table: 'external_frameworks' | 'external_priorities', id: string) =>
  String((await f.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)

const externalId = { name: 'id', value: (f: Fixtures) => externalFramework(f) }
const priorityId = { name: 'id', value: (f: Fixtures) => priority(f) }
const sharedEdit = 'shared-frameworks.edit' as const

const sharedRules: Record<string, Rule> = {
  'GET /external-frameworks': { access: 'partnership.read' },
  'GET /external-frameworks/new': { access: sharedEdit },
  'POST /external-frameworks/new': { access: sharedEdit, form: async () => externalFields(), audited: true },
  'GET /external-frameworks/:id': { access: 'partnership.read', param: externalId, shared: true },
  'GET /external-frameworks/:id/copy': { access: sharedEdit, param: externalId, shared: true },
  'POST /external-frameworks/:id/copy': {
    access: sharedEdit,
    param: externalId,
    form: async () => ({ title: unique('Walked copy') }),
    audited: true,
    shared: true,
  },
  'GET /external-frameworks/:id/edit': { access: sharedEdit, param: externalId, owned: true },
  'POST /external-frameworks/:id/edit': {
    access: sharedEdit,
    param: externalId,
    form: async (f, id) => ({ ...externalFields(), version: await externalVersion(f, 'external_frameworks', id) }),
    audited: true,
    owned: true,
  },
  'GET /external-frameworks/:id/archive': { access: sharedEdit, param: externalId, owned: true },
  'POST /external-frameworks/:id/archive': {
    access: sharedEdit,
    param: externalId,
    form: async (f, id) => ({ version: await externalVersion(f, 'external_frameworks', id) }),
    audited: true,
    owned: true,
  },
  'POST /external-frameworks/:id/restore': {
    access: sharedEdit,
    param: { name: 'id', value: (f) => externalFramework(f, { archived: true }) },
    form: async (f, id) => ({ version: await externalVersion(f, 'external_frameworks', id) }),
    audited: true,
    owned: true,
  },
  'GET /external-frameworks/:id/priorities/new': { access: sharedEdit, param: externalId, owned: true },
  'POST /external-frameworks/:id/priorities/new': { access: sharedEdit, param: externalId, form: async () => priorityFields(), audited: true, owned: true },
  'GET /external-priorities/:id/edit': { access: sharedEdit, param: priorityId, owned: true },
  'POST /external-priorities/:id/edit': {
    access: sharedEdit,
    param: priorityId,
    form: async (f, id) => ({ ...priorityFields(), version: await externalVersion(f, 'external_priorities', id) }),
    audited: true,
    owned: true,
  },
  'POST /external-priorities/:id/move': {
    access: sharedEdit,
    param: priorityId,
    form: async (f, id) => ({ direction: 'up', version: await externalVersion(f, 'external_priorities', id) }),
    audited: true,
    owned: true,
  },
  'POST /external-priorities/:id/archive': {
    access: sharedEdit,
    param: priorityId,
    form: async (f, id) => ({ version: await externalVersion(f, 'external_priorities', id) }),
    audited: true,
    owned: true,
  },
  'POST /external-priorities/:id/restore': {
    access: sharedEdit,
    param: { name: 'id', value: (f) => priority(f, { archived: true }) },
    form: async (f, id) => ({ version: await externalVersion(f, 'external_priorities', id) }),
    audited: true,
    owned: true,
  },
}

// ---------------------------------------------------------------- alignment

/** A shared framework with a priority, and the id of that priority, for alignment forms. */
async function alignablePriority(f: Fixtures): Promise<{ frameworkId: string; priorityId: string }> {
  const id = await priority(f)
  const found = await f.db.selectFrom('external_priorities').select('framework_id').where('id', '=', id).executeTakeFirstOrThrow()
  return { frameworkId: found.framework_id, priorityId: id }
}

/** An outcome or commitment of the framework in force: the open version's first (the walk keeps one open). */
const localOf = (kind: 'outcome' | 'commitment') => ({
  name: 'id',
  value: async (f: Fixtures) => {
    const id = await openVersion(f)
    const table = kind === 'outcome' ? 'framework_outcomes' : 'framework_commitments'
    const column = kind === 'outcome' ? 'outcome_id' : 'commitment_id'
    const row = await f.db.selectFrom(table).select(`${column} as id`).where('framework_id', '=', id).orderBy('position').executeTakeFirstOrThrow()
    return row.id
  },
})

/**
 * The form names a fresh shared framework and one of its priorities, with the
 * set it was opened with: empty, as nothing serves a fresh framework yet.
 */
async function alignmentFields(f: Fixtures): Promise<Fields> {
  const { frameworkId, priorityId } = await alignablePriority(f)
  return { framework: frameworkId, priorityIds: priorityId, aligned: '' }
}

export const frameworkRules: Record<string, Rule> = {
  'GET /framework': { access: 'partnership.read' },
  'GET /framework/new': { access: changes },
  'POST /framework/new': {
    access: changes,
    // Only a partnership with no framework starts its first draft: the walked
    // partnership's versions are cleared first, as a new partnership would have none.
    form: async (f) => {
      for (const table of ['commitment_outcomes', 'framework_commitments', 'framework_outcomes', 'framework_versions'] as const) {
        await f.db.deleteFrom(table).where('partnership_id', '=', f.partnershipId).execute()
      }
      return detailsFields()
    },
    audited: true,
  },
  'GET /framework/versions/:id': { access: 'partnership.read', param: openId },
  // Nothing to fill in: the button alone starts the draft.
  'POST /framework/versions/:id/new-draft': { access: changes, param: { name: 'id', value: (f) => adoptedVersion(f) }, emptyStatus: 303 },
  'GET /framework/versions/:id/edit': { access: changes, param: openId },
  'POST /framework/versions/:id/edit': {
    access: changes,
    param: openId,
    form: async (f, id) => ({ ...detailsFields(), version: await frameworkVersionOf(f, id) }),
    audited: true,
  },
  ...itemRules('outcomes'),
  ...itemRules('commitments'),
  'GET /framework/versions/:id/consult': { access: changes, param: draftId },
  'POST /framework/versions/:id/consult': {
    access: changes,
    param: draftId,
    form: async (f, id) => ({
      'startsOn-day': '7',
      'startsOn-month': '2',
      'startsOn-year': '2019',
      'endsOn-day': '29',
      'endsOn-month': '3',
      'endsOn-year': '2019',
      version: await frameworkVersionOf(f, id),
    }),
    audited: true,
  },
  'GET /framework/versions/:id/adopt': { access: changes, param: openId },
  'POST /framework/versions/:id/adopt': {
    access: changes,
    param: openId,
    form: async (f, id) => ({
      'adoptedOn-day': '1',
      'adoptedOn-month': '1',
      'adoptedOn-year': '2030',
      bodyId: await bodyFor(f, f.partnershipId),
      version: await frameworkVersionOf(f, id),
    }),
    audited: true,
  },

  ...sharedRules,

  'GET /alignment': { access: 'partnership.read' },
  'GET /alignment.csv': { access: 'partnership.read' },
  'GET /alignment/outcomes/:id/edit': { access: changes, param: localOf('outcome') },
  'POST /alignment/outcomes/:id/edit': { access: changes, param: localOf('outcome'), form: alignmentFields, audited: true },
  'GET /alignment/commitments/:id/edit': { access: changes, param: localOf('commitment') },
  'POST /alignment/commitments/:id/edit': { access: changes, param: localOf('commitment'), form: alignmentFields, audited: true },
}
