import { extname } from 'node:path'
import { parse } from 'csv-parse/sync'
import { fileTypes, isPlainText } from '../../platform/files/file-types.ts'
import { unescapeCsvText } from '../../platform/files/csv.ts'
import { assertUnpacksWithin, firstSheetRows, reopenable, WorkbookProblem, type WorkbookLimits } from '../../platform/files/workbook-rows.ts'
import { maxBytes, maxRows } from './layout.ts'
import type { RawRow } from './model.ts'

// Reads an uploaded plan into rows of text, whichever of the two kinds of file
// it is. What the rows say is checked in model.ts; this only refuses a file
// that cannot be read as a spreadsheet at all.

export type ReadResult = { ok: true; rows: RawRow[] } | { ok: false; message: string }

export const acceptedText = 'an Excel workbook (.xlsx) or a CSV file'
/** Rows read from a CSV file at most, blank ones included: far more than any plan, far fewer than a 5 MB file of line breaks. */
const maxRecords = 20 * maxRows
/** What a plan's workbook may unpack to: a 2,000-row plan in Excel is a few megabytes of XML; a zip bomb is a gigabyte. */
export const workbookLimits: WorkbookLimits = { unpacked: 50 * 1024 * 1024 }

async function readWorkbook(content: Buffer): Promise<ReadResult> {
  const open = reopenable(content)
  const rows: RawRow[] = []
  try {
    await assertUnpacksWithin(open, workbookLimits)
    for await (const { row, cells } of firstSheetRows(open())) {
      if (cells.every((c) => c === '')) continue
      if (rows.length >= maxRecords)
        return {
          ok: false,
          message: `The file has more than ${maxRecords.toLocaleString('en-GB')} rows: a plan can have at most ${maxRows.toLocaleString('en-GB')}`,
        }
      rows.push({ row, cells })
    }
  } catch (error) {
    if (error instanceof WorkbookProblem) return { ok: false, message: error.message.replace('The file', 'The selected file') }
    throw error
  }
  if (!rows.length) return { ok: false, message: 'The selected file is empty' }
  return { ok: true, rows }
}

function readCsv(content: Buffer): ReadResult {
  if (!isPlainText(content)) {
    return { ok: false, message: 'The selected file is not saved as UTF-8 text: in Excel choose Save as, then ‘CSV UTF-8 (Comma delimited)’' }
  }
  try {
    // Blank lines count, so row numbers match the spreadsheet's; a file of little but line breaks is stopped early rather than read whole.
    const records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false, to: maxRecords + 1 }) as string[][]
    if (records.length > maxRecords)
      return {
        ok: false,
        message: `The file has more than ${maxRecords.toLocaleString('en-GB')} rows: a plan can have at most ${maxRows.toLocaleString('en-GB')}`,
      }
    // What the export escaped so a spreadsheet would not run it as a formula is read back as it was.
    return { ok: true, rows: records.map((cells, index) => ({ row: index + 1, cells: cells.map(unescapeCsvText) })) }
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
  if (extension === '.xls')
    return { ok: false, message: 'The selected file is an old Excel file (.xls): save it from Excel as a workbook (.xlsx) or as CSV UTF-8 first' }
  return { ok: false, message: `The selected file must be ${acceptedText}` }
}
