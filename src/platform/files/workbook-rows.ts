import { Readable } from 'node:stream'
// exceljs takes a second to load, and unzipper (with its dependencies) a quarter of one: both load
// with the first workbook, not with every process.
import type ExcelJS from 'exceljs'
import type unzipper from 'unzipper'

// Reads a workbook's first sheet a row at a time, never the whole workbook at
// once. An xlsx file is a zip of XML, and XML compresses hundreds of times over:
// a 3 MB upload can hold a gigabyte (a "zip bomb"). So before the workbook is
// read, its parts are unpacked once and counted, bytes thrown away as they
// come, and a file that would unpack to more than its limit is refused. The
// count uses unzipper, the parser exceljs itself reads the workbook with, so it
// sees exactly the parts the reader will.

/** Something wrong with the workbook as a whole: said once, by the file. */
export class WorkbookProblem extends Error {}

export interface WorkbookLimits {
  /** Bytes every part of the workbook may unpack to, together. */
  unpacked: number
  /** Bytes any one part other than a worksheet may unpack to: those (the shared strings above all) are held whole while the sheets are read. */
  held?: number
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`
export const unreadableMessage =
  'The file could not be read as an Excel workbook: it may be damaged or protected with a password. Save it again from Excel as .xlsx, or as CSV UTF-8'
export const tooBigMessage = (limit: number) =>
  `The workbook unpacks to more than ${megabytes(limit)}, far more than its size suggests: save it again from Excel as .xlsx, or as CSV UTF-8`
const isWorksheet = (path: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(path)

/** Throws WorkbookProblem when the zip unpacks to more than the limit or cannot be unpacked at all. Memory stays one chunk deep. */
export async function assertUnpacksWithin(open: () => Readable, limits: WorkbookLimits): Promise<void> {
  const { default: unzip } = await import('unzipper')
  const input = open()
  const zip = input.pipe(unzip.Parse({ forceStream: true }))
  input.on('error', (error: Error) => zip.destroy(error))
  let total = 0
  try {
    for await (const entry of zip as AsyncIterable<unzipper.Entry>) {
      const held = isWorksheet(entry.path) ? Infinity : (limits.held ?? Infinity)
      let part = 0
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        total += chunk.length
        part += chunk.length
        if (total > limits.unpacked) throw new WorkbookProblem(tooBigMessage(limits.unpacked))
        if (part > held) throw new WorkbookProblem(tooBigMessage(held))
      }
    }
  } catch (error) {
    if (error instanceof WorkbookProblem) throw error
    throw new WorkbookProblem(unreadableMessage)
  } finally {
    input.destroy()
    zip.destroy()
  }
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * A cell as text: what a person sees in it, numbers in full. A date typed into
 * Excel is stored as a date; shown with a format that has no day ("Nov-07")
 * it was a month, and is read back as one ("November 2007"). Excel keeps
 * dates as days since 1900 with no time zone, so the UTC parts are the ones typed.
 */
export function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
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
  // An error cell (#N/A, #REF!) shows as its code, so a row report says what is there.
  if ('error' in value) return String(value.error)
  return ''
}

export interface WorkbookRow {
  /** As Excel numbers it: the header is row 1. */
  row: number
  cells: string[]
}

/**
 * The first sheet's rows, blank ones left out, each cell as text. The other
 * sheets (notes, metadata) are read past. Throws WorkbookProblem for a file
 * that is not a workbook it can read; the caller checks the size first.
 */
export async function* firstSheetRows(input: Readable): AsyncGenerator<WorkbookRow> {
  const { default: ExcelJS } = await import('exceljs')
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  })
  let sheets = 0
  try {
    for await (const sheet of reader) {
      sheets += 1
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
    if (error instanceof WorkbookProblem) throw error
    throw new WorkbookProblem(unreadableMessage)
  } finally {
    input.destroy()
  }
}

/** The bytes of an upload held in memory, as a stream that can be opened again. */
export const reopenable = (content: Buffer) => () => Readable.from([content])
