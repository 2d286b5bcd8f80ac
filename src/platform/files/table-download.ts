import { PassThrough, type Writable } from 'node:stream'
import type { FastifyReply } from 'fastify'
import { attachmentHeader, fileTypes } from './file-types.ts'
import { csvText } from './csv.ts'

// Any table a page shows can be downloaded as the analyst's two formats: CSV
// for their own tools and xlsx for colleagues who live in Excel. Numbers stay
// numbers in the workbook; blanks stay blank rather than becoming zeros.
// exceljs writes a string as a text cell, never as a formula, so a workbook
// needs no escaping (the test checks "=1+1" comes back as text).

export type Cell = string | number | null
export interface TableColumn {
  header: string
  /** Characters wide in the workbook; headers set the width when not given. */
  width?: number
}
export interface DownloadTable {
  /** The file's name without its extension, e.g. "Year 6 obesity - trend". */
  name: string
  columns: readonly TableColumn[]
  rows: readonly (readonly Cell[])[]
}
export type TableFormat = 'csv' | 'xlsx'

/** The format asked for in a download address ("…/trend.csv"), or null when it names neither. */
export function tableFormat(text: string | undefined): TableFormat | null {
  return text === 'csv' || text === 'xlsx' ? text : null
}

/** A file name every system accepts: no path separators or characters Windows refuses. */
export function downloadName(name: string, format: TableFormat): string {
  const safe =
    name
      .replace(/[\\/:*?"<>|]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'table'
  return `${safe}.${format}`
}

/** The CSV file: formulas neutralised, numbers kept as numbers (see csv.ts). */
export function tableCsv(table: DownloadTable): string {
  return csvText(
    table.columns.map((c) => c.header),
    table.rows,
  )
}

/** A sheet name Excel accepts: at most 31 characters and none of []:*?/\. */
const sheetName = (name: string) =>
  name
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31) || 'Table'

/** Streams the workbook as it is written, with the header row kept in view. */
export async function writeTableWorkbook(table: DownloadTable, stream: Writable): Promise<void> {
  // exceljs takes a second to load: it loads with the first workbook, not with every process.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true })
  workbook.creator = 'Thrive'
  workbook.title = table.name
  const sheet = workbook.addWorksheet(sheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = table.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? Math.max(10, Math.min(60, c.header.length + 2)) }))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.commit()
  for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? null)).commit()
  sheet.commit()
  await workbook.commit()
}

/** Sends the table as a download in the format asked for. */
export function sendTable(reply: FastifyReply, table: DownloadTable, format: TableFormat) {
  reply.header('content-disposition', attachmentHeader(downloadName(table.name, format))).header('cache-control', 'private, no-store')
  if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(tableCsv(table))
  const stream = new PassThrough()
  // A fault half way ends the download rather than sending a broken file as if whole.
  writeTableWorkbook(table, stream).catch((error: Error) => stream.destroy(error))
  return reply.header('content-type', fileTypes['.xlsx']!.contentType).send(stream)
}
