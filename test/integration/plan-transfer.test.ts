import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import type { Db } from '../../src/platform/db/database.ts'
import { readPlanFile } from '../../src/strategy/plan-transfer/read.ts'
import { demoSlug, seedDemo } from '../../demo/seed.ts'
import { testDatabase } from '../support/database.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { UploadBrowser, type UploadFile } from '../support/upload-browser.ts'
import { createMember, createPartnership } from '../support/fixtures.ts'
import { zipBombWorkbook } from '../fixtures/zip-bomb.ts'

const demoCsv = await readFile(new URL('../../demo/data/delivery-plan-2007.csv', import.meta.url))
const header = 'Number,Aim,Objective,Timescale,Outcome,Owner,Lead body,Status,RAG,Last update'
const csv = (...lines: string[]): UploadFile => ({ name: 'plan.csv', content: Buffer.from(lines.join('\r\n'), 'utf8'), type: 'text/csv' })
const row = 'Embed Integrated Commissioning,Agree the framework,November 2007,A shared culture'

/** The rows of every table an import writes, and the audit trail: a refused file must leave each exactly as it was. */
async function counts(db: Db) {
  const result = { plans: 0, plan_aims: 0, plan_objectives: 0, objective_updates: 0, audit_events: 0 }
  for (const table of Object.keys(result) as (keyof typeof result)[]) {
    result[table] = Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  }
  return result
}

/** The rows of a downloaded plan, read back the way the import reads them. */
async function rowsOf(name: string, content: Buffer) {
  const read = await readPlanFile(name, content)
  assert.ok(read.ok, read.ok ? '' : read.message)
  return read.rows.map((r) => r.cells.map((c) => c.trim()))
}

describe('importing and exporting a delivery plan', () => {
  let t: TestApp
  let db: Db
  let partnershipId: string
  let editor: UploadBrowser
  let viewer: TestClient
  let outsider: TestClient
  let demoPlanId: string

  before(async () => {
    t = await testApp()
    db = t.database.db
    partnershipId = (await createPartnership(db, 'oldham')).id
    const other = await createPartnership(db, 'elsewhere')
    const editorUser = await createMember(db, partnershipId, 'editor')
    const viewerUser = await createMember(db, partnershipId, 'viewer')
    const outsiderUser = await createMember(db, other.id, 'admin')
    for (const roleTitle of ['Director of Children’s Services', 'Assistant Director Safeguarding and Partnerships']) {
      await db.insertInto('people').values({ partnership_id: partnershipId, role_title: roleTitle }).execute()
    }
    await db
      .insertInto('people')
      .values([
        { partnership_id: partnershipId, name: 'Sam Jones' },
        { partnership_id: partnershipId, name: 'Sam Jones' },
      ])
      .execute()
    await db.insertInto('people').values({ partnership_id: partnershipId, name: 'Former Officer', archived_at: new Date() }).execute()
    for (const [name, shortName] of [
      ['Changing for Children Board', null],
      ['Changing for Children Strategy Group', null],
      ['Integrated Commissioning Group', 'ICG'],
    ] as const) {
      await db.insertInto('bodies').values({ partnership_id: partnershipId, name, short_name: shortName, kind: 'strategy-group' }).execute()
    }
    editor = new UploadBrowser(t, 'file')
    await editor.signIn(editorUser.user.email)
    viewer = new TestClient(t.app)
    await viewer.signIn(viewerUser.user.email)
    outsider = new TestClient(t.app)
    await outsider.signIn(outsiderUser.user.email)
  })
  after(() => t.close())

  const importFile = (file: UploadFile | null, fields: Record<string, string> = { title: 'Imported plan' }) =>
    editor.upload('/plans/import', fields, file, { formPage: '/plans/import' })

  test('the whole 2007 delivery plan imports from its CSV file, with an audit row giving the counts', async () => {
    const before = await counts(db)
    const response = await importFile(
      { name: 'delivery-plan-2007.csv', content: demoCsv, type: 'text/csv' },
      { title: 'Children’s Trust Approach Delivery Plan' },
    )
    assert.equal(response.statusCode, 303, response.body.slice(0, 2000))
    const location = String(response.headers.location)
    assert.match(location, /^\/plans\/[0-9a-f-]{36}$/)
    demoPlanId = location.split('/')[2]!

    const aims = await db.selectFrom('plan_aims').selectAll().where('plan_id', '=', demoPlanId).orderBy('number').execute()
    assert.deepEqual(
      aims.map((a) => a.number),
      [1, 2, 3, 4, 5, 6],
    )
    assert.equal(aims[1]!.title, 'Embed Integrated Planning arrangements')
    const objectives = await db
      .selectFrom('plan_objectives')
      .selectAll()
      .where(
        'aim_id',
        'in',
        aims.map((a) => a.id),
      )
      .execute()
    assert.deepEqual(
      aims.map((a) => objectives.filter((o) => o.aim_id === a.id).length),
      [7, 6, 5, 3, 2, 3],
    )
    const framework = objectives.find((o) => o.title === 'Develop and Publish Commissioning Framework')!
    assert.deepEqual([framework.timescale_kind, framework.timescale_ends_on, framework.timescale_note], ['month', '2008-01-31', 'draft September 2007'])
    const needs = objectives.find((o) => o.title.startsWith('Needs analysis'))!
    assert.equal(needs.title, 'Needs analysis including service mapping by each delivery partnership')
    assert.deepEqual([needs.timescale_kind, needs.timescale_note], ['planning-cycle', 'CYPP'])

    const updates = await db
      .selectFrom('objective_updates')
      .selectAll()
      .where(
        'objective_id',
        'in',
        objectives.map((o) => o.id),
      )
      .execute()
    assert.equal(updates.length, 26)
    assert.ok(updates.every((u) => u.reported_on === '2008-02-29' && u.commentary === 'Imported from delivery-plan-2007.csv'))
    const after = await counts(db)
    assert.equal(after.plans, before.plans + 1)
    assert.equal(after.audit_events, before.audit_events + 1, 'one audit row for the whole plan')
    const audit = await db.selectFrom('audit_events').selectAll().where('entity_id', '=', demoPlanId).executeTakeFirstOrThrow()
    assert.equal(
      audit.summary,
      'Imported the plan ‘Children’s Trust Approach Delivery Plan’ from delivery-plan-2007.csv: 6 aims, 26 objectives and 26 progress updates',
    )
  })

  test('the CSV export is the plan in the Appendix 2 shape, UTF-8 with a byte order mark, named after the plan', async () => {
    const response = await viewer.get(`/plans/${demoPlanId}/export.csv`)
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8')
    assert.match(
      String(response.headers['content-disposition']),
      /filename="Children_s Trust Approach Delivery Plan.csv"; filename\*=UTF-8''Children%E2%80%99s%20Trust/,
    )
    assert.deepEqual([...response.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    const rows = await rowsOf('plan.csv', response.rawPayload)
    assert.equal(rows[0]!.join(','), header)
    assert.deepEqual(rows[1], [
      '1',
      'Establish integrated governance and accountability arrangements',
      'Agree governance framework',
      'November 2007',
      'There will be clear lines of responsibility and accountability involving all partners delivering services to children and young people',
      'Director of Children’s Services',
      'Changing for Children Board',
      'Complete',
      'Green',
      '29 February 2008',
    ])
    // An aim's later rows leave its number, title and outcome blank, as the seed does.
    assert.deepEqual(rows[2]!.slice(0, 5), [
      '',
      '',
      'Agree level of delegated decision making to Executive Board and develop terms of reference',
      'January 2008',
      '',
    ])
    const timescales = rows.slice(1).map((r) => r[3])
    for (const words of [
      'January 2008 (draft September 2007)',
      'January 2008, then annually',
      'April 2008, then ongoing',
      'In line with the planning cycle (CYPP)',
      'April 2008 to April 2009',
      'April 2008 to September 2008',
      'Ongoing',
      'Quarterly',
      'Annually',
    ]) {
      assert.ok(timescales.includes(words), words)
    }
    assert.equal(rows.length, 27)
  })

  test('the Excel export is a real workbook: header row in bold and kept in view, widths set, text wrapped', async () => {
    const response = await viewer.get(`/plans/${demoPlanId}/export.xlsx`)
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    assert.match(String(response.headers['content-disposition']), /\.xlsx"/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    assert.equal(sheet.getCell('A1').value, 'Number')
    assert.equal(sheet.getCell('J1').value, 'Last update')
    assert.equal(sheet.getRow(1).font?.bold, true)
    assert.equal(sheet.views[0]?.state, 'frozen')
    assert.equal(sheet.getColumn(3).width, 50)
    assert.equal(sheet.getCell('C2').alignment?.wrapText, true)
    assert.equal(sheet.getCell('A2').value, 1)
    assert.equal(sheet.getCell('D2').value, 'November 2007')
    assert.equal(sheet.rowCount, 27)
  })

  for (const format of ['csv', 'xlsx'] as const) {
    test(`a plan exported as ${format} and imported again comes back the same`, async () => {
      const first = await viewer.get(`/plans/${demoPlanId}/export.${format}`)
      const response = await importFile({ name: `plan.${format}`, content: first.rawPayload }, { title: `Round trip ${format}` })
      assert.equal(response.statusCode, 303, response.body.slice(0, 2000))
      const copyId = String(response.headers.location).split('/')[2]!
      assert.notEqual(copyId, demoPlanId)
      const second = await viewer.get(`/plans/${copyId}/export.${format}`)
      assert.deepEqual(await rowsOf(`plan.${format}`, second.rawPayload), await rowsOf(`plan.${format}`, first.rawPayload))
      const plan = await db.selectFrom('plans').selectAll().where('id', '=', copyId).executeTakeFirstOrThrow()
      assert.equal(plan.title, `Round trip ${format}`)
    })
  }

  test('a zip bomb workbook is refused before it is unpacked, in bounded memory, importing nothing', async () => {
    const bomb = await zipBombWorkbook(400 * 1024 * 1024)
    assert.ok(bomb.length < 1024 * 1024, 'a small upload')
    const before = await counts(db)
    const rssBefore = process.memoryUsage.rss()
    let peak = rssBefore
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20)
    const response = await importFile({ name: 'plan.xlsx', content: bomb }, { title: 'Bomb' })
    clearInterval(sampler)
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /The workbook unpacks to more than 50 MB, far more than its size suggests/)
    assert.deepEqual(await counts(db), before)
    // Unpacked whole, the shared strings alone would be 400 MB, and twice that as JavaScript text.
    assert.ok(peak - rssBefore < 150 * 1024 * 1024, `memory grew by ${Math.round((peak - rssBefore) / 1024 / 1024)} MB`)
  })

  test('aims and objectives that look like formulas are escaped in the CSV and come back exactly', async () => {
    const hostile = ['=HYPERLINK("http://evil.example","Click")', '+1 more', '-x', '@SUM(A1:A9)', '＝full width']
    const quote = (text: string) => `"${text.replace(/"/g, '""')}"`
    const lines = hostile.map((text, i) =>
      i === 0 ? `1,${quote(hostile[0]!)},${quote(text)},November 2007,${quote(hostile[3]!)}` : `,,${quote(text)},ongoing,`,
    )
    const first = await importFile(csv('Number,Aim,Objective,Timescale,Outcome', ...lines), { title: 'Hostile' })
    assert.equal(first.statusCode, 303, first.body.slice(0, 2000))
    const planId = String(first.headers.location).split('/')[2]!
    const exported = (await viewer.get(`/plans/${planId}/export.csv`)).rawPayload
    const cells = (parse(exported, { bom: true, relax_column_count: true }) as string[][]).slice(1)
    assert.deepEqual(
      cells.map((r) => r[2]),
      hostile.map((text) => `'${text}`),
    )
    assert.equal(cells[0]![1], `'${hostile[0]}`)
    const again = await importFile({ name: 'plan.csv', content: exported }, { title: 'Hostile again' })
    assert.equal(again.statusCode, 303, again.body.slice(0, 2000))
    const objectives = await db
      .selectFrom('plan_objectives as o')
      .innerJoin('plan_aims as a', 'a.id', 'o.aim_id')
      .select(['o.title', 'a.title as aim', 'a.expected_outcome as outcome'])
      .where('a.plan_id', '=', String(again.headers.location).split('/')[2]!)
      .orderBy('o.position')
      .execute()
    assert.deepEqual(
      objectives.map((o) => o.title),
      hostile,
    )
    assert.equal(objectives[0]!.aim, hostile[0])
    assert.equal(objectives[0]!.outcome, hostile[3])
  })

  test('a plan with a strategy and a lead body chosen on the form; an aim with no objectives yet survives the trip', async () => {
    const body = await db.selectFrom('bodies').select('id').where('name', '=', 'Integrated Commissioning Group').executeTakeFirstOrThrow()
    const response = await importFile(csv(header, `1,${row},Sam Jones2,ICG,,,`, '2,An aim still to plan,,,,,,,,'), {
      title: 'With a lead',
      leadBodyId: body.id,
      strategyId: '',
    })
    // "Sam Jones2" names nobody; the form's own lead body was fine.
    assert.equal(response.statusCode, 400)
    const ok = await importFile(csv(header, `1,${row},,ICG,,,`, '2,An aim still to plan,,,,,,,,'), { title: 'With a lead', leadBodyId: body.id })
    assert.equal(ok.statusCode, 303)
    const plan = await db.selectFrom('plans').selectAll().where('id', '=', String(ok.headers.location).split('/')[2]!).executeTakeFirstOrThrow()
    assert.equal(plan.lead_body_id, body.id)
    const exported = await rowsOf('plan.csv', (await viewer.get(`/plans/${plan.id}/export.csv`)).rawPayload)
    assert.deepEqual(exported[2]!.slice(0, 3), ['2', 'An aim still to plan', ''])
  })

  describe('a bad file is reported row by row and changes nothing', () => {
    const cases: Array<{ name: string; file: UploadFile | null; fields?: Record<string, string>; expect: Array<string | RegExp> }> = [
      { name: 'no file chosen', file: null, expect: ['Select the spreadsheet to import'] },
      { name: 'no title', file: csv(header, `1,${row},,,,,,`), fields: { title: '' }, expect: ['Enter the plan’s title'] },
      {
        name: 'a lead body from another list',
        file: csv(header, `1,${row},,,,,,`),
        fields: { title: 'x', leadBodyId: '00000000-0000-4000-8000-000000000000' },
        expect: ['Select the lead body from the list'],
      },
      { name: 'wrong columns', file: csv('Number,Aim,Objective,When,Outcome', `1,${row}`), expect: ['The file must have a column headed ‘Timescale’'] },
      { name: 'a column twice', file: csv(`${header},objective`, `1,${row},,,,,,,x`), expect: ['The column ‘Objective’ appears more than once'] },
      {
        name: 'bad numbers',
        file: csv(header, `1.5,${row},,,,,,`, `x,${row},,,,,,`, `0,${row},,,,,,`),
        expect: [
          /<td class="govuk-table__cell govuk-table__cell--numeric">2<\/td>\s*<td class="govuk-table__cell">Number<\/td>/,
          'Number must be a whole number from 1 to 999',
        ],
      },
      { name: 'no number on the first row', file: csv(header, `,${row},,,,,,`), expect: ['Enter the aim’s number on its first row'] },
      {
        name: 'an aim split in two',
        file: csv(header, `1,${row},,,,,,`, `2,Other aim,Thing,ongoing,,,,,,`, `1,${row.replace('Agree the framework', 'Another')},,,,,,`),
        expect: ['Aim 1 started on row 2: keep each aim’s rows together'],
      },
      {
        name: 'bad timescales',
        file: csv(header, `1,${row.replace('November 2007', '31 February 2008')},,,,,,`, `,,Another,soon,,,,,,`, `,,Third,April 2009 to April 2008,,,,,,`),
        expect: [
          'The timescale must be a real date',
          'Enter the timescale as a date, a month, a quarter',
          'The end of the timescale must be the same as or after its start',
        ],
      },
      {
        name: 'unknown owner and body',
        file: csv(header, `1,${row},Nobody Known,Board of Nothing,,,`),
        expect: ['No one called ‘Nobody Known’', 'There is no body called ‘Board of Nothing’'],
      },
      {
        name: 'an owner who is two people, or archived',
        file: csv(header, `1,${row},Sam Jones,,,,`, `,,Second,ongoing,,Former Officer,,,,`),
        expect: ['More than one person is called ‘Sam Jones’', '‘Former Officer’ is archived'],
      },
      {
        name: 'bad status, RAG and date',
        file: csv(header, `1,${row},,,Finished,Purple,31/02/2008`, `,,Second,ongoing,,,,,Red,`, `,,Third,ongoing,,,,On track,,1 January 2199`),
        expect: [
          'Status must be one of Not started, On track',
          'RAG must be Red, Amber or Green',
          'Last update must be a real date',
          'Enter the status: a RAG or last update needs one',
          'Last update must be today or in the past',
        ],
      },
      {
        name: 'a duplicate objective in the same aim',
        file: csv(header, `1,${row},,,,,,`, `,,agree  the Framework,ongoing,,,,,,`),
        expect: ['The objective is the same as row 2’s in aim 1'],
      },
      {
        name: 'an aim’s title changed on a later row',
        file: csv(header, `1,${row},,,,,,`, `,Something else,Second,ongoing,,,,,,`),
        expect: ['Leave the aim blank on aim 1’s later rows'],
      },
      { name: 'an empty file', file: { name: 'plan.csv', content: Buffer.alloc(0) }, expect: ['The selected file is empty'] },
      { name: 'a file of blank rows', file: csv(',,,', ',,,'), expect: ['The file is empty'] },
      { name: 'a header and nothing else', file: csv(header), expect: ['The file has a header row but no objectives'] },
      {
        name: 'a huge file',
        file: { name: 'plan.csv', content: Buffer.alloc(5 * 1024 * 1024 + 1, 'a') },
        expect: ['The selected file must be smaller than 5 MB'],
      },
      {
        name: 'too many rows',
        file: csv(header, `1,${row},,,,,,`, ...Array.from({ length: 2000 }, (_, i) => `,,Objective ${i},ongoing,,,,,,`)),
        expect: ['The file has 2,001 rows: a plan can have at most 2,000'],
      },
      {
        name: 'the wrong encoding',
        file: { name: 'plan.csv', content: Buffer.from(`${header}\r\n1,${row.replace('culture', 'culture – café')},,,,,,`, 'latin1') },
        expect: ['The selected file is not saved as UTF-8 text'],
      },
      {
        name: 'UTF-16 text',
        file: { name: 'plan.csv', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(header, 'utf16le')]) },
        expect: ['The selected file is not saved as UTF-8 text'],
      },
      { name: 'a broken CSV', file: csv(header, `1,"${row},,,,,,`), expect: ['could not be read as CSV'] },
      {
        name: 'not a spreadsheet at all',
        file: { name: 'plan.xlsx', content: Buffer.from('%PDF-1.4 not a workbook') },
        expect: ['The selected file is not an Excel workbook'],
      },
      {
        name: 'a zip that is not a workbook',
        file: { name: 'plan.xlsx', content: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/ and then nothing')]) },
        expect: ['could not be read as an Excel workbook'],
      },
      {
        name: 'a PDF',
        file: { name: 'plan.pdf', content: Buffer.from('%PDF-1.4') },
        expect: ['The selected file must be an Excel workbook (.xlsx) or a CSV file'],
      },
      { name: 'an old Excel file', file: { name: 'plan.xls', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) }, expect: ['old Excel file (.xls)'] },
    ]
    for (const c of cases) {
      test(c.name, async () => {
        const before = await counts(db)
        const response = await importFile(c.file, c.fields)
        assert.equal(response.statusCode, 400, response.body.slice(0, 500))
        const body = response.body.replaceAll('&#39;', '’')
        for (const expected of c.expect) {
          if (typeof expected === 'string') assert.ok(body.includes(expected), `missing: ${expected}`)
          else assert.match(body, expected)
        }
        assert.match(body, /There is a problem/)
        assert.deepEqual(await counts(db), before)
        if (c.file) assert.match(body, /choose it again/)
        // What was typed is kept; the file cannot be.
        if (c.fields?.title ?? 'Imported plan') assert.match(body, new RegExp(`value="${c.fields?.title ?? 'Imported plan'}"`))
      })
    }
  })

  test('the row-level report is a table of row, column and problem', async () => {
    const response = await importFile(csv(header, `1,${row},Nobody,,,,`))
    assert.match(response.body, /<caption class="govuk-table__caption govuk-table__caption--m">Problems in plan.csv<\/caption>/)
    assert.match(response.body, />2<\/td>\s*<td class="govuk-table__cell">Owner<\/td>\s*<td class="govuk-table__cell">No one called/)
    assert.match(response.body, /The file has a problem, listed below: nothing was imported/)
  })

  test('a viewer may download but not import; another partnership’s plan is not found', async () => {
    assert.equal((await viewer.get('/plans/import')).statusCode, 403)
    assert.equal((await viewer.get(`/plans/${demoPlanId}/export.xlsx`)).statusCode, 200)
    const before = await counts(db)
    const refused = await viewer.post('/plans/import', { title: 'Not allowed' }, { formPage: '/' })
    assert.equal(refused.statusCode, 403)
    assert.deepEqual(await counts(db), before)
    for (const format of ['csv', 'xlsx']) {
      assert.equal((await outsider.get(`/plans/${demoPlanId}/export.${format}`)).statusCode, 404)
      assert.equal((await viewer.get(`/plans/00000000-0000-4000-8000-000000000000/export.${format}`)).statusCode, 404)
    }
  })

  test('the import form asks for the title, the optional strategy and lead body, and the file', async () => {
    const page = await editor.get('/plans/import')
    assert.equal(page.statusCode, 200)
    for (const field of ['name="title"', 'name="strategyId"', 'name="leadBodyId"', 'name="file"', 'enctype="multipart/form-data"'])
      assert.ok(page.body.includes(field), field)
    assert.match(page.body, /Changing for Children Strategy Group/)
  })
})

describe('the demo’s 2007 delivery plan', () => {
  test('is seed 001 Appendix 2 whole, imported from its CSV file, with illustrative statuses as of early 2008', async () => {
    const database = await testDatabase()
    try {
      const db = database.db
      await seedDemo(db)
      const partnership = await db.selectFrom('partnerships').select('id').where('slug', '=', demoSlug).executeTakeFirstOrThrow()
      const plan = await db
        .selectFrom('plans')
        .innerJoin('bodies', 'bodies.id', 'plans.lead_body_id')
        .select(['plans.id', 'bodies.name as leadBody'])
        .where('plans.partnership_id', '=', partnership.id)
        .where('plans.title', '=', 'Children’s Trust Approach Delivery Plan')
        .executeTakeFirstOrThrow()
      assert.equal(plan.leadBody, 'Changing for Children Board')
      const aims = await db.selectFrom('plan_aims').selectAll().where('plan_id', '=', plan.id).orderBy('number').execute()
      assert.deepEqual(
        aims.map((a) => a.title),
        [
          'Establish integrated governance and accountability arrangements',
          'Embed Integrated Planning arrangements',
          'Embed Integrated Commissioning',
          'Embed Integrated Delivery',
          'Communicating the Process',
          'Performance Management',
        ],
      )
      const objectives = await db
        .selectFrom('plan_objectives')
        .selectAll()
        .where(
          'aim_id',
          'in',
          aims.map((a) => a.id),
        )
        .execute()
      assert.equal(objectives.length, 26)
      assert.ok(
        objectives.every((o) => o.owner_id && o.lead_body_id),
        'every objective has an owner and a lead body',
      )
      const kinds = new Set(objectives.map((o) => o.timescale_kind))
      assert.deepEqual([...kinds].sort(), ['annually', 'month', 'ongoing', 'planning-cycle', 'quarterly', 'range'])
      const updates = await db
        .selectFrom('objective_updates')
        .selectAll()
        .where(
          'objective_id',
          'in',
          objectives.map((o) => o.id),
        )
        .execute()
      assert.equal(updates.length, 26)
      assert.ok(
        updates.every((u) => u.reported_on === '2008-02-29' && /^Illustrative status as of early 2008/.test(u.commentary) && u.author_label === 'demo seed'),
      )
      assert.deepEqual([...new Set(updates.map((u) => u.status))].sort(), ['at-risk', 'complete', 'not-started', 'off-track', 'on-track'])
    } finally {
      await database.close()
    }
  })
})
