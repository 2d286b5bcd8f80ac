import { extname } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse'

// Reads a file of values a row at a time, whichever kind it is, without ever
// holding the whole file: a million-row Fingertips export goes through in
// constant memory. What the rows say is checked in model.ts.

/** Something wrong with the file as a whole: said once, above the rows. */
export class FileProblem extends Error {}

export interface FileSource {
  filename: string
  /** Bytes, for the progress shown while reading. */
  size: number
  open(): Readable
}

export interface FileRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number
  cells: string[]
}

export type FileKind = 'csv' | 'xlsx'

export const encodingMessage = 'The file is not saved as UTF-8 text: in Excel choose Save as, then ‘CSV UTF-8 (Comma delimited)’, and import that'
export const notWorkbookMessage = 'The file is not an Excel workbook, though its name ends .xlsx: save it again from Excel as a workbook (.xlsx), or as CSV UTF-8'

/** The kind of file its name says, or the message for one we cannot read. */
export function fileKind(filename: string): { ok: true; kind: FileKind } | { ok: false; message: string } {
  const extension = extname(filename).toLowerCase()
  if (extension === '.csv' || extension === '.txt') return { ok: true, kind: 'csv' }
  if (extension === '.xlsx') return { ok: true, kind: 'xlsx' }
  if (extension === '.xls') return { ok: false, message: 'The file is an old Excel file (.xls): save it from Excel as a workbook (.xlsx) or as CSV UTF-8 first' }
  return { ok: false, message: 'The file must be a CSV file (.csv) or an Excel workbook (.xlsx)' }
}

/** Counts the bytes as they pass, and looks at the first ones, where a text file says it is really UTF-16. */
async function* watchText(source: AsyncIterable<Buffer>, onBytes: (n: number) => void) {
  let first = true
  for await (const chunk of source) {
    // UTF-16 (what Excel's "Unicode text" writes) starts with a byte order mark, and has a zero byte in every other place.
    if ((first && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) || chunk.includes(0)) {
      throw new FileProblem(encodingMessage.replace('UTF-8 text', 'UTF-8 text (it looks like UTF-16, Excel’s ‘Unicode text’)'))
    }
    first = false
    onBytes(chunk.length)
    yield chunk
  }
}

/** UTF-8 to text; a UTF-8 byte order mark is dropped, and bytes that are not UTF-8 (Windows-1252’s £ and ’) stop the import. */
async function* decodeUtf8(source: AsyncIterable<Buffer>) {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    for await (const chunk of source) {
      const text = decoder.decode(chunk, { stream: true })
      if (text) yield text
    }
    const rest = decoder.decode()
    if (rest) yield rest
  } catch (error) {
    if (error instanceof TypeError) throw new FileProblem(encodingMessage.replace('UTF-8 text', 'UTF-8 text (it looks like Windows-1252, Excel’s plain ‘CSV’)'))
    throw error
  }
}

async function* csvRows(input: Readable, onBytes: (n: number) => void): AsyncGenerator<FileRow> {
  // Blank lines count, so row numbers match the spreadsheet's; quoted numbers and ragged rows are read as they are.
  const parser = parse({ relax_column_count: true, skip_empty_lines: false, trim: false })
  const done = pipeline(input, (source: AsyncIterable<Buffer>) => watchText(source, onBytes), decodeUtf8, parser)
  done.catch(() => {})
  let row = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield { row: ++row, cells: record }
    await done
  } catch (error) {
    if (error instanceof FileProblem) throw error
    const code = (error as { code?: string }).code
    if (code?.startsWith('CSV_')) {
      const line = (error as { lines?: number }).lines
      throw new FileProblem(`The file could not be read as CSV${line ? ` (the problem is near line ${line})` : ''}: check its quotation marks`)
    }
    throw error
  } finally {
    input.destroy()
  }
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** A cell as text: what a person sees in it, numbers in full and a date shown without a day as its month ("April 2019"). */
function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value == null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) {
    const month = `${months[value.getUTCMonth()]} ${value.getUTCFullYear()}`
    return numFmt && !/d/i.test(numFmt.replace(/\[[^\]]*\]|"[^"]*"/g, '')) ? month : `${value.getUTCDate()} ${month}`
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue, numFmt)
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numFmt)
  if ('error' in value) return String(value.error)
  return ''
}

async function* xlsxRows(input: Readable, onBytes: (n: number) => void): AsyncGenerator<FileRow> {
  // The first bytes are looked at before the workbook reader sees any, so a file that is not a zip is said plainly.
  const chunks = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]()
  const first = await chunks.next()
  if (first.done || !(first.value[0] === 0x50 && first.value[1] === 0x4b && first.value[2] === 0x03 && first.value[3] === 0x04)) {
    input.destroy()
    throw new FileProblem(notWorkbookMessage)
  }
  const counted = async function* () {
    onBytes(first.value.length)
    yield first.value
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      onBytes(next.value.length)
      yield next.value
    }
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(counted()), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' } as ExcelJS.stream.xlsx.WorkbookStreamReaderOptions)
  let sheets = 0
  try {
    for await (const sheet of reader) {
      sheets += 1
      // Only the first sheet holds values; the others (notes, metadata) are read past.
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (sheets > 1) continue
        const cells: string[] = []
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          cells[column - 1] = cellText(cell.value, cell.numFmt)
        })
        yield { row: row.number, cells: Array.from(cells, (c) => c ?? '') }
      }
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error
    throw new FileProblem('The file could not be read as an Excel workbook: it may be damaged or protected with a password. Save it again from Excel as .xlsx, or as CSV UTF-8')
  } finally {
    input.destroy()
  }
}

/** The rows of a file, the header first; `onBytes` hears of every chunk read, for progress. */
export function fileRows(kind: FileKind, input: Readable, onBytes: (n: number) => void = () => {}): AsyncGenerator<FileRow> {
  return kind === 'csv' ? csvRows(input, onBytes) : xlsxRows(input, onBytes)
}
