import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../../src/platform/db/database.ts'
import { testApp, type TestApp } from '../support/app.ts'
import type { UploadBrowser, UploadFile } from '../support/upload-browser.ts'
import {
  browserFor,
  csvFile,
  csvText,
  fingerprint,
  fingertipsHeader,
  fingertipsRow,
  importThrough,
  setUp,
  thriveHeader,
} from '../fixtures/value-transfer/support.ts'

// Every way a file can be wrong gets a clear message, by row and column where
// it has them, and leaves every table an import writes exactly as it was.

let t: TestApp
let db: Db
let admin: UploadBrowser

before(async () => {
  t = await testApp()
  db = t.database.db
  const s = await setUp(db)
  admin = await browserFor(t, s.emails.admin)
  // One value already there, so "unchanged" means more than "still empty".
  const { page } = await importThrough(admin, csvFile('first.csv', [fingertipsHeader, fingertipsRow()]))
  assert.match(page, /1 value added/)
})
after(() => t.close())

/** Imports the file, which must be refused with every one of these messages, and proves nothing changed. */
async function refused(file: UploadFile, ...messages: RegExp[]): Promise<string> {
  const before = await fingerprint(db)
  const { page } = await importThrough(admin, file)
  assert.match(page, /Nothing was imported from/)
  for (const message of messages) assert.match(page, message)
  assert.deepEqual(await fingerprint(db), before, 'a refused file changes nothing')
  return page
}

const cellsOf = (page: string) => [...page.matchAll(/<td class="govuk-table__cell[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]!.replace(/&#39;|&rsquo;/g, '’'))

describe('files that are refused, changing nothing', () => {
  test('wrong columns: the missing and the unknown are named', async () => {
    await refused(
      csvFile('columns.csv', [[...fingertipsHeader.filter((h) => h !== 'Count' && h !== 'Time period'), 'Colour'], fingertipsRow().slice(0, 25)]),
      /it has no columns ‘Time period’, ‘Count’; ‘Colour’ is not a column of the Fingertips export layout/,
    )
    await refused(
      csvFile('neither.csv', [
        ['Name', 'Email'],
        ['A', 'b@example.org'],
      ]),
      /must name the columns of a Fingertips export \(starting ‘Indicator ID’\)/,
    )
  })

  test('bad numbers are reported by row and column, and the good rows around them are not imported either', async () => {
    const page = await refused(
      csvFile('numbers.csv', [
        fingertipsHeader,
        fingertipsRow({ 'Time period': '2019/20' }),
        fingertipsRow({ 'Time period': '2020/21', Value: '25,2', Count: 'n/a' }),
        fingertipsRow({ 'Time period': '2021/22', Denominator: '-5' }),
      ]),
      /The file has 4 problems/,
    )
    const cells = cellsOf(page)
    assert.deepEqual(
      cells.slice(0, 12),
      [
        ['3', 'Value', '‘25,2’ is not a number'],
        ['3', 'Count', '‘n/a’ is not a number'],
        ['4', 'Count', 'The count cannot be more than the denominator for a proportion'],
        ['4', 'Denominator', 'The denominator must be greater than zero'],
      ].flat(),
    )
  })

  test('unknown area codes and an indicator not in the library', async () => {
    await refused(
      csvFile('areas.csv', [fingertipsHeader, fingertipsRow({ 'Area Code': 'E08999999' }), fingertipsRow({ 'Indicator ID': '90999' })]),
      /No area in the register has the code E08999999/,
      /No indicator in the library has the Fingertips ID 90999: add it to the library with that Fingertips ID first/,
    )
  })

  test('the same value twice in one file', async () => {
    const page = await refused(
      csvFile('twice.csv', [
        fingertipsHeader,
        fingertipsRow({ 'Time period': '2019/20' }),
        fingertipsRow(),
        fingertipsRow({ 'Time period': '2019/20', Value: '26' }),
      ]),
      /Repeats row 2: the same indicator, area, period and breakdown/,
    )
    assert.deepEqual(cellsOf(page).slice(0, 1), ['4'])
  })

  test('an empty file, and one with headings only', async () => {
    await refused({ name: 'empty.csv', content: Buffer.alloc(0) }, /The file is empty/)
    await refused({ name: 'blank.csv', content: Buffer.from('\r\n\r\n') }, /The file is empty/)
    await refused(csvFile('headings.csv', [thriveHeader]), /The file has its headings but no rows of values under them/)
  })

  test('a file over the browser’s limit is refused on the form, pointing to the command line', async () => {
    const before = await fingerprint(db)
    const line = `${fingertipsRow().join(',')}\r\n`
    const huge = Buffer.from(`${fingertipsHeader.join(',')}\r\n${line.repeat(Math.ceil((21 * 1024 * 1024) / line.length))}`)
    const response = await admin.upload('/indicator-values/import', {}, { name: 'huge.csv', content: huge }, { formPage: '/indicator-values/import' })
    assert.equal(response.statusCode, 400)
    assert.match(response.body, /The file must be smaller than 20 MB to import here: import a bigger file from the command line, with thrive import/)
    assert.deepEqual(await fingerprint(db), before)
    const none = await admin.upload('/indicator-values/import', {}, null, { formPage: '/indicator-values/import' })
    assert.equal(none.statusCode, 400)
    assert.match(none.body, /Select the file of values to import/)
  })

  test('wrong encodings: UTF-16 and Windows-1252 are refused with how to save as UTF-8; a UTF-8 byte order mark is fine', async () => {
    const text = csvText([fingertipsHeader, fingertipsRow({ 'Time period': '2019/20', 'Area Name': 'Oldham – borough' })])
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    await refused({ name: 'unicode.csv', content: utf16 }, /not saved as UTF-8 text \(it looks like UTF-16/, /CSV UTF-8 \(Comma delimited\)/)
    const windows = Buffer.from(text.replace('–', '\u0096'), 'latin1')
    await refused({ name: 'windows.csv', content: windows }, /not saved as UTF-8 text \(it looks like Windows-1252/)
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
    const { page } = await importThrough(admin, { name: 'bom.csv', content: withBom })
    assert.match(page, /1 value added/)
  })

  test('a file named .xlsx that is not a workbook, an old .xls, another kind of file, and broken CSV quoting', async () => {
    await refused(csvFile('values.xlsx', [fingertipsHeader, fingertipsRow()]), /The file is not an Excel workbook, though its name ends .xlsx/)
    await refused({ name: 'damaged.xlsx', content: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 1)]) }, /could not be read as an Excel workbook/)
    await refused({ name: 'values.xls', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) }, /old Excel file \(.xls\)/)
    await refused({ name: 'values.pdf', content: Buffer.from('%PDF-1.4') }, /must be a CSV file \(.csv\) or an Excel workbook \(.xlsx\)/)
    await refused(
      { name: 'quotes.csv', content: Buffer.from(`${fingertipsHeader.join(',')}\r\n92033,"Year 6,E12000002\r\n`) },
      /could not be read as CSV \(the problem is near line \d+\): check its quotation marks/,
    )
  })

  test('thousands of problems: the first thousand are listed, and the total said', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => fingertipsRow({ Age: `${i} yrs`, Sex: 'Both' }))
    const page = await refused(csvFile('many.csv', [fingertipsHeader, ...rows]), /The file has 1,200 problems/, /And 200 more problems not listed/)
    assert.equal(cellsOf(page).length, 3000)
    const download = await admin.get(`${/\/indicator-values\/imports\/[A-Za-z0-9_-]+/.exec(page)?.[0] ?? ''}/problems.csv`)
    assert.equal(download.statusCode, 200)
    assert.match(download.body, /Sex must be Persons, Male or Female, not ‘Both’/)
  })
})
