import { extname } from 'node:path'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { fileTypes, isPlainText } from '../../platform/files/file-types.ts'
import { maxBytes, maxRows } from './layout.ts'
import type { RawRow } from './model.ts'

// Reads an uploaded plan into rows of text, whichever of the two kinds of file
// it is. What the rows say is checked in model.ts; this only refuses a file
// that cannot be read as a spreadsheet at all.

export type ReadResult = { ok: true; rows: RawRow[] } | { ok: false; message: string }

export const acceptedText = 'an Excel workbook (.xlsx) or a CSV file'
/** Rows read from a CSV file at most, blank ones included: far more than any plan, far fewer than a 5 MB file of line breaks. */
const maxRecords = 20 * maxRows
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * A date typed into Excel is stored as a date; shown with a format that has
 * no day ("Nov-07") it was a month, and is read back as one ("November 2007").
 * Excel keeps dates as days since 1900 with no time zone, so the UTC parts are the ones typed.
 */
function dateText(date: Date, numFmt: string | undefined): string {
  const month = `${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`
  return numFmt && !/d/i.test(numFmt.replace(/\[[^\]]*\]|"[^"]*"/g, '')) ? month : `${date.getUTCDate()} ${month}`
}

function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value == null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return dateText(value, numFmt)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue, numFmt)
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numFmt)
  // An error cell (#N/A, #REF!) shows as its code, so the row report says what is there.
  if ('error' in value) return String(value.error)
  return ''
}

async function readWorkbook(content: Buffer): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer)
  } catch {
    return { ok: false, message: 'The selected file could not be read as an Excel workbook: save it again from Excel as .xlsx' }
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return { ok: false, message: 'The selected file is empty' }
  const rows: RawRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value, cell.numFmt)
    })
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') })
  })
  return { ok: true, rows }
}

function readCsv(content: Buffer): ReadResult {
  if (!isPlainText(content)) {
    return { ok: false, message: 'The selected file is not saved as UTF-8 text: in Excel choose Save as, then ‘CSV UTF-8 (Comma delimited)’' }
  }
  try {
    // Blank lines count, so row numbers match the spreadsheet's; a file of little but line breaks is stopped early rather than read whole.
    const records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false, to: maxRecords + 1 }) as string[][]
    if (records.length > maxRecords) return { ok: false, message: `The file has more than ${maxRecords.toLocaleString('en-GB')} rows: a plan can have at most ${maxRows.toLocaleString('en-GB')}` }
    return { ok: true, rows: records.map((cells, index) => ({ row: index + 1, cells })) }
  } catch (error) {
    const line = (error as { lines?: number }).lines
    return { ok: false, message: `The selected file could not be read as CSV${line ? ` (the problem is near line ${line})` : ''}: check its quotation marks` }
  }
}

/** The rows of an uploaded plan, or the message to show by the file field. */
export async function readPlanFile(filename: string, content: Buffer, truncated = false): Promise<ReadResult> {
  if (truncated || content.length > maxBytes) return { ok: false, message: 'The selected file must be smaller than 5 MB' }
  if (content.length === 0) return { ok: false, message: 'The selected file is empty' }
  const extension = extname(filename).toLowerCase()
  if (extension === '.xlsx') {
    if (!fileTypes['.xlsx']!.matches(content)) return { ok: false, message: `The selected file is not an Excel workbook: it must be ${acceptedText}` }
    return readWorkbook(content)
  }
  if (extension === '.csv') return readCsv(content)
  if (extension === '.xls') return { ok: false, message: 'The selected file is an old Excel file (.xls): save it from Excel as a workbook (.xlsx) or as CSV UTF-8 first' }
  return { ok: false, message: `The selected file must be ${acceptedText}` }
}
