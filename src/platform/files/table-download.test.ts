import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { downloadName, tableCsv, tableFormat, writeTableWorkbook, type DownloadTable } from './table-download.ts'

const table: DownloadTable = {
  name: 'Year 6: obesity / trend',
  columns: [{ header: 'Period' }, { header: 'Value' }, { header: 'Note' }],
  rows: [
    ['2018/19', 24.5, null],
    ['2019/20', 25, 'Provisional, "revised"'],
  ],
}

test('the CSV starts with a byte order mark, quotes what needs it and leaves blanks blank', () => {
  const csv = tableCsv(table)
  assert.ok(csv.startsWith('\ufeff'))
  assert.equal(csv.slice(1), 'Period,Value,Note\r\n2018/19,24.5,\r\n2019/20,25,"Provisional, ""revised"""\r\n')
})

test('the workbook keeps numbers as numbers and blanks as empty cells', async () => {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  await writeTableWorkbook(table, stream)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]!
  assert.equal(sheet.name, 'Year 6 obesity trend')
  assert.deepEqual(
    [1, 2, 3].map((c) => sheet.getRow(1).getCell(c).value),
    ['Period', 'Value', 'Note'],
  )
  assert.equal(sheet.getCell('B2').value, 24.5)
  assert.equal(sheet.getCell('C2').value, null)
})

test('a text that looks like a formula is text in both formats: escaped in the CSV, a string cell in the workbook', async () => {
  const hostile: DownloadTable = {
    name: 'Hostile',
    columns: [{ header: 'Note' }, { header: 'Change' }],
    rows: [
      ['=1+1', -1.5],
      ['@SUM(A1)', -2],
    ],
  }
  assert.equal(tableCsv(hostile).slice(1), "Note,Change\r\n'=1+1,-1.5\r\n'@SUM(A1),-2\r\n")
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  await writeTableWorkbook(hostile, stream)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]!
  // exceljs writes a string as a text cell (t="s"), never as a formula (<f>), so a workbook needs no escaping.
  assert.equal(sheet.getCell('A2').type, ExcelJS.ValueType.String)
  assert.equal(sheet.getCell('A2').value, '=1+1')
  assert.equal(sheet.getCell('B2').value, -1.5)
})

test('file names lose the characters file systems refuse, and only csv and xlsx are formats', () => {
  assert.equal(downloadName('Year 6: obesity / trend', 'xlsx'), 'Year 6 obesity trend.xlsx')
  assert.equal(downloadName('???', 'csv'), 'table.csv')
  assert.equal(tableFormat('csv'), 'csv')
  assert.equal(tableFormat('pdf'), null)
})
