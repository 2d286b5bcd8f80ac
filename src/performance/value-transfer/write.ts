import { PassThrough, type Readable, type Writable } from 'node:stream'
import type { ExportCell } from './export.ts'

// Writes the workbook of export rows as they are read, so a partnership's whole history goes
// out in constant memory. A fault half way ends the download rather than
// sending a broken file as if it were whole. The CSV is written by the one
// CSV writer, platform/files/csv.ts, which neutralises formulas.

async function writeWorkbook(name: string, headers: readonly string[], rows: AsyncIterable<ExportCell[]>, stream: Writable): Promise<void> {
  // exceljs takes a second to load: it loads with the first workbook, not with every process.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  workbook.creator = 'Thrive'
  workbook.title = name
  const sheet = workbook.addWorksheet('Values', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = headers.map((header, i) => ({ header, key: String(i), width: Math.max(10, Math.min(40, header.length + 2)) }))
  const head = sheet.getRow(1)
  head.font = { bold: true }
  head.commit()
  for await (const row of rows) sheet.addRow(row).commit()
  sheet.commit()
  await workbook.commit()
}

export function xlsxStream(name: string, headers: readonly string[], rows: AsyncIterable<ExportCell[]>): Readable {
  const out = new PassThrough()
  writeWorkbook(name, headers, rows, out).catch((error: Error) => out.destroy(error))
  return out
}
