import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import ExcelJS from 'exceljs'
import { readPlanFile } from './read.ts'

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  fill(book.addWorksheet('Plan'))
  return Buffer.from(await book.xlsx.writeBuffer())
}

describe('reading an uploaded plan', () => {
  test('a workbook someone typed into Excel: dates, months, rich text, formulas and numbers read as the words they show', async () => {
    const content = await workbook((sheet) => {
      sheet.addRow(['Number', 'Aim', 'Objective', 'Timescale', 'Outcome', 'Last update'])
      sheet.addRow([
        1,
        { richText: [{ text: 'Embed ' }, { text: 'Commissioning', font: { bold: true } }] },
        'Agree',
        new Date(Date.UTC(2007, 10, 1)),
        { formula: '"Shared"&" culture"', result: 'Shared culture' },
        new Date(Date.UTC(2008, 1, 29)),
      ])
      sheet.getCell('D2').numFmt = 'mmm-yy'
      sheet.getCell('F2').numFmt = 'dd/mm/yyyy'
      sheet.addRow([])
      sheet.addRow(['', '', 'Second', 'ongoing'])
    })
    const read = await readPlanFile('plan.xlsx', content)
    assert.ok(read.ok)
    assert.deepEqual(read.rows, [
      { row: 1, cells: ['Number', 'Aim', 'Objective', 'Timescale', 'Outcome', 'Last update'] },
      { row: 2, cells: ['1', 'Embed Commissioning', 'Agree', 'November 2007', 'Shared culture', '29 February 2008'] },
      { row: 4, cells: ['', '', 'Second', 'ongoing'] },
    ])
  })

  test('a CSV file: with or without the byte order mark, cells with commas, quotes and line breaks', async () => {
    for (const bom of ['\ufeff', '']) {
      const read = await readPlanFile('plan.csv', Buffer.from(`${bom}Number,Aim\r\n1,"Embed ""integrated"" planning, and more\nover two lines"\r\n`))
      assert.ok(read.ok)
      assert.deepEqual(read.rows, [
        { row: 1, cells: ['Number', 'Aim'] },
        { row: 2, cells: ['1', 'Embed "integrated" planning, and more\nover two lines'] },
      ])
    }
  })

  test('files that are not a plan spreadsheet', async () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      ['plan.csv', Buffer.alloc(0), /is empty/],
      ['plan.csv', Buffer.from('Number,Aim\n1,Café', 'latin1'), /not saved as UTF-8/],
      ['plan.csv', Buffer.from('a,"b\n'), /could not be read as CSV/],
      ['plan.xlsx', Buffer.from('Number,Aim'), /not an Excel workbook/],
      ['plan.docx', Buffer.from('PK'), /must be an Excel workbook \(\.xlsx\) or a CSV file/],
      ['plan', Buffer.from('Number'), /must be an Excel workbook/],
    ]
    for (const [name, content, message] of cases) {
      const read = await readPlanFile(name, content)
      assert.ok(!read.ok, name)
      assert.match(read.message, message, name)
    }
    const lineBreaks = await readPlanFile('plan.csv', Buffer.from('Number\n'.padEnd(50_000, '\n')))
    assert.deepEqual(lineBreaks, { ok: false, message: 'The file has more than 40,000 rows: a plan can have at most 2,000' })
    const big = await readPlanFile('plan.csv', Buffer.from('x'), true)
    assert.deepEqual(big, { ok: false, message: 'The selected file must be smaller than 5 MB' })
  })
})
