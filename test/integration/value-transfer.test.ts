import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'csv-parse/sync'
import type { Db } from '../../src/platform/db/database.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { finishJob, insertJob, markRunning, saveProgress } from '../../src/platform/jobs/repository.ts'
import {
  browserFor,
  csvFile,
  fingerprint,
  fingertipsHeader,
  fingertipsRow,
  importThrough,
  setUp,
  thriveHeader,
  workbook,
  type Setup,
} from '../fixtures/value-transfer/support.ts'

let t: TestApp
let db: Db
let s: Setup

before(async () => {
  t = await testApp()
  db = t.database.db
  s = await setUp(db)
})
after(() => t.close())

const valuesOf = (indicatorId: string) =>
  db.selectFrom('indicator_values').selectAll().where('indicator_id', '=', indicatorId).orderBy('period_starts_on').orderBy('area_code').execute()

describe('importing values', () => {
  test('an admin imports a Fingertips export: values added, periods without a figure skipped, one import and one audit event', async () => {
    const admin = await browserFor(t, s.emails.admin)
    const file = csvFile('fingertips-92033.csv', [
      fingertipsHeader,
      fingertipsRow(),
      fingertipsRow({
        'Area Code': 'E92000001',
        'Area Name': 'England',
        'Parent Code': '',
        'Parent Name': '',
        Value: '23.4',
        'Lower CI 95.0 limit': '23.3',
        'Upper CI 95.0 limit': '23.5',
        Count: '137150',
        Denominator: '586290',
      }),
      fingertipsRow({ 'Time period': '2019/20', Value: '', 'Lower CI 95.0 limit': '', 'Upper CI 95.0 limit': '', Count: '', Denominator: '' }),
      fingertipsRow({
        'Category Type': 'Deprivation quintile within the area (IMD)',
        Category: 'Most deprived quintile',
        Value: '27.6',
        'Lower CI 95.0 limit': '26.7',
        'Upper CI 95.0 limit': '28.6',
        Count: '',
        Denominator: '',
      }),
      [],
      [],
    ])
    const { page } = await importThrough(admin, file)
    assert.match(page, /Values imported from fingertips-92033.csv/)
    assert.match(page, /3 values added, 0 replaced, 0 unchanged; 1 row skipped with no value/)
    const values = await valuesOf(s.obesity)
    assert.equal(values.length, 3)
    const oldham = values.find((v) => v.area_code === 'E08000004' && v.category === '')!
    assert.deepEqual(
      [oldham.period_starts_on, oldham.sex, oldham.age, Number(oldham.value), Number(oldham.count), Number(oldham.lower_95)],
      ['2018-09-01', 'persons', '10-11 yrs', 25.2, 790, 23.9],
    )
    assert.equal(values.find((v) => v.category)!.category_rank, 1)
    const imports = await db.selectFrom('value_imports').selectAll().execute()
    assert.equal(imports.length, 1)
    assert.deepEqual([imports[0]!.filename, imports[0]!.layout, imports[0]!.row_count], ['fingertips-92033.csv', 'fingertips', 4])
    assert.ok(values.every((v) => v.import_id === imports[0]!.id))
    const audit = await db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'value-import').execute()
    assert.equal(audit.length, 1)
    assert.match(audit[0]!.summary, /Imported indicator values from fingertips-92033.csv \(Fingertips export layout\): 3 values added/)

    const viewer = await browserFor(t, s.emails.viewer)
    const shown = await viewer.get(`/indicators/${s.obesity}/values`)
    assert.match(shown.body, /25\.2/)
    const list = await viewer.get('/indicator-values/imports')
    assert.match(list.body, /fingertips-92033.csv<\/td>\s*<td class="govuk-table__cell">Fingertips export layout<\/td>/)
  })

  test('a newer export replaces the figures it revises, keeps the superseded ones, and leaves the rest alone', async () => {
    const admin = await browserFor(t, s.emails.admin)
    const before = (await valuesOf(s.obesity)).find((v) => v.area_code === 'E08000004' && v.category === '')!
    const { page } = await importThrough(admin, {
      name: 'fingertips-92033-revised.xlsx',
      content: await workbook([
        fingertipsHeader,
        fingertipsRow({ Value: '25.3', Count: '792' }).map((c, i) =>
          ['Value', 'Count', 'Denominator', 'Lower CI 95.0 limit', 'Upper CI 95.0 limit', 'Indicator ID'].includes(fingertipsHeader[i]!) && c !== ''
            ? Number(c)
            : c,
        ),
        fingertipsRow({
          'Area Code': 'E92000001',
          'Area Name': 'England',
          'Parent Code': '',
          'Parent Name': '',
          Value: '23.4',
          'Lower CI 95.0 limit': '23.3',
          'Upper CI 95.0 limit': '23.5',
          Count: '137150',
          Denominator: '586290',
        }),
      ]),
    })
    assert.match(page, /0 values added, 1 replaced, 1 unchanged/)
    const afterwards = (await valuesOf(s.obesity)).find((v) => v.id === before.id)!
    assert.deepEqual([Number(afterwards.value), Number(afterwards.count), afterwards.version], [25.3, 792, before.version + 1])
    const revisions = await db.selectFrom('indicator_value_revisions').selectAll().execute()
    assert.equal(revisions.length, 1)
    assert.deepEqual(
      [revisions[0]!.value_id, Number(revisions[0]!.value), Number(revisions[0]!.count), revisions[0]!.previous_import_id],
      [before.id, 25.2, 790, before.import_id],
    )
    assert.equal(revisions[0]!.import_id, afterwards.import_id)
  })

  test('the Thrive layout imports from CSV and xlsx, finding indicators by title or Fingertips ID', async () => {
    const editor = await browserFor(t, s.emails.editor)
    const row = (indicator: string, period: string, value: string) => [
      indicator,
      'E08000004',
      period,
      'Female',
      '<18 yrs',
      '',
      '',
      '',
      '30',
      '2000',
      value,
      '',
      '',
      '',
      '',
      '',
      'No',
    ]
    const csv = await importThrough(editor, csvFile('thrive.csv', [thriveHeader, row('under-18 CONCEPTIONS', '2018', '15'), row('20401', '2019', '14.5')]))
    assert.match(csv.page, /2 values added/)
    const xlsx = await importThrough(editor, {
      name: 'thrive.xlsx',
      content: await workbook([
        thriveHeader,
        [...row('Under-18 conceptions', '2020', '').slice(0, 8), 28, 2100, null, null, null, null, null, 'Estimated', 'Yes'],
      ]),
    })
    assert.match(xlsx.page, /1 value added/)
    const values = await valuesOf(s.conceptions)
    assert.deepEqual(
      values.map((v) => [v.period_starts_on, v.sex, v.value, v.illustrative]),
      [
        ['2018-01-01', 'female', '15', false],
        ['2019-01-01', 'female', '14.5', false],
        ['2020-01-01', 'female', null, true],
      ],
    )
  })

  test('export then import changes nothing, in either layout and either format', async () => {
    const admin = await browserFor(t, s.emails.admin)
    const before = await fingerprint(db)
    for (const layout of ['thrive', 'fingertips'] as const) {
      for (const format of ['csv', 'xlsx'] as const) {
        const exported = await admin.get(`/indicator-values/export.${format}?layout=${layout}`)
        assert.equal(exported.statusCode, 200)
        if (format === 'csv') {
          const rows = parse(exported.rawPayload, { bom: true }) as string[][]
          assert.deepEqual(rows[0], layout === 'thrive' ? thriveHeader : fingertipsHeader)
          assert.equal(rows.length - 1, 6)
          if (layout === 'fingertips') {
            const england = rows.find((r) => r[4] === 'E92000001')!
            assert.deepEqual(
              [england[0], england[5], england[6], england[11], england[23], england[26]],
              ['92033', 'England', 'England', '2018/19', '20180000', '1y'],
            )
            // A value stored without limits shows them calculated (Byar, for a crude rate).
            const computed = rows.find((r) => r[0] === '20401' && r[11] === '2020')!
            assert.ok(Number(computed[13]) > 0 && Number(computed[14]) > Number(computed[13]))
          }
        }
        const { page } = await importThrough(admin, { name: `export.${format}`, content: exported.rawPayload })
        assert.match(page, /0 values added, 0 replaced, 6 unchanged/, `${layout} ${format}: ${/Imported \d+ rows[^<]*/.exec(page)?.[0] ?? 'refused'}`)
      }
    }
    const afterwards = await fingerprint(db)
    assert.equal(afterwards.indicator_values, before.indicator_values)
    assert.equal(afterwards.indicator_value_revisions, before.indicator_value_revisions)
  })

  test('notes that look like formulas are escaped in the CSV export and come back exactly when it is imported', async () => {
    const admin = await browserFor(t, s.emails.admin)
    const hostile = ['=HYPERLINK("http://evil.example","Click")', '+1', '-x', '@SUM(A1:A9)', "'=already quoted", '-1.5']
    const values = await db.selectFrom('indicator_values').select('id').orderBy('id').execute()
    assert.equal(values.length, hostile.length)
    for (const [i, v] of values.entries()) await db.updateTable('indicator_values').set({ note: hostile[i]! }).where('id', '=', v.id).execute()
    const exported = await admin.get('/indicator-values/export.csv?layout=thrive')
    const notes = (parse(exported.rawPayload, { bom: true }) as string[][]).slice(1).map((r) => r[15]!)
    assert.deepEqual(notes.sort(), hostile.map((n) => `'${n}`).sort())
    await db.updateTable('indicator_values').set({ note: 'changed since the export' }).execute()
    const { page } = await importThrough(admin, { name: 'export.csv', content: exported.rawPayload })
    assert.match(page, /0 values added, 6 replaced, 0 unchanged/)
    const after = await db.selectFrom('indicator_values').select('note').execute()
    assert.deepEqual(after.map((v) => v.note).sort(), [...hostile].sort())
  })
})

describe('who may import', () => {
  test('viewers may not import; a target lead imports their own indicator’s rows and gets row errors for another’s', async () => {
    const viewer = new TestClient(t.app)
    await viewer.signIn(s.emails.viewer)
    assert.equal((await viewer.get('/indicator-values/import')).statusCode, 403)
    const lead = await browserFor(t, s.emails.lead)
    const before = await fingerprint(db)
    const mixed = await importThrough(
      lead,
      csvFile('mixed.csv', [fingertipsHeader, fingertipsRow({ 'Time period': '2020/21' }), fingertipsRow({ 'Indicator ID': '20401', 'Time period': '2020' })]),
    )
    assert.match(mixed.page, /Only admins, editors and the target lead of ‘Under-18 conceptions’ can import its values/)
    assert.deepEqual(await fingerprint(db), before)
    const own = await importThrough(lead, csvFile('own.csv', [fingertipsHeader, fingertipsRow({ 'Time period': '2020/21' })]))
    assert.match(own.page, /1 value added/)
    // A contributor who leads no indicator has nothing they could import.
    const other = await browserFor(t, s.emails.contributor)
    assert.equal((await other.get('/indicator-values/import')).statusCode, 403)
  })

  test('an import’s page is found only in the partnership it ran in', async () => {
    const admin = await browserFor(t, s.emails.admin)
    const { location } = await importThrough(admin, csvFile('mine.csv', [fingertipsHeader, fingertipsRow()]))
    const editor = await browserFor(t, s.emails.editor)
    assert.equal((await editor.get(location)).statusCode, 200)
    const outsider = await browserFor(t, s.emails.outsider)
    assert.equal((await outsider.get(location)).statusCode, 404)
    assert.equal((await outsider.get(`${location}/problems.csv`)).statusCode, 404)
    const theirs = await outsider.get('/indicator-values/export.csv?layout=thrive')
    assert.equal(theirs.statusCode, 200)
    assert.equal(theirs.body.includes('E08000004'), false)
  })
})

describe('the progress page', () => {
  test('while an import runs it shows how far it has got, and updates itself only when the person chose that', async () => {
    // The page reads the job's row, whichever instance runs the import: here the row is moved by hand.
    const id = await insertJob(db, {
      partnershipId: s.partnershipId,
      kind: 'value-import',
      title: 'slow.csv',
      requestedBy: null,
      requestedByLabel: 'test',
      fileId: null,
      totalBytes: 1000,
    })
    const job = { id }
    const waiting = (await (await browserFor(t, s.emails.viewer)).get(`/indicator-values/imports/${id}?follow=yes`)).body
    assert.match(waiting, /Waiting to start/)
    assert.match(waiting, /<meta http-equiv="refresh" content="2">/)
    await markRunning(db, id)
    await saveProgress(db, id, { phase: 'reading', rowsRead: 1234, bytesRead: 400 })
    const viewer = await browserFor(t, s.emails.viewer)
    const chosen = (await viewer.get(`/indicator-values/imports/${job.id}?follow=yes`)).body
    assert.match(chosen, /<meta http-equiv="refresh" content="2">/)
    assert.match(chosen, /<h1 class="govuk-heading-l">Importing values from slow.csv<\/h1>/)
    assert.match(chosen, /Reading the file: 1,234 rows read so far/)
    assert.match(chosen, /<progress id="import-progress" max="100" value="40">40%<\/progress>/)
    assert.match(chosen, /Stop updating by itself/)
    const plain = (await viewer.get(`/indicator-values/imports/${job.id}`)).body
    assert.doesNotMatch(plain, /http-equiv="refresh"/)
    assert.match(plain, /let this page update itself every 2 seconds/)
    await finishJob(db, id, 'refused', { ok: false, filename: 'slow.csv', problems: [{ row: 3, column: 'Value', message: '‘x’ is not a number' }], total: 1 })
    const done = (await viewer.get(`/indicator-values/imports/${job.id}?follow=yes`)).body
    assert.doesNotMatch(done, /http-equiv="refresh"/, 'an ended import’s page stays still')
    assert.match(done, /Nothing was imported from slow.csv/)
    assert.match(done, /‘x’ is not a number/)
  })
})
