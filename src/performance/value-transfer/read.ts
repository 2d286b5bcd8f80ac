import { extname } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setImmediate } from 'node:timers/promises'
import { parse } from 'csv-parse'
import { unescapeCsvText } from '../../platform/files/csv.ts'
import { assertUnpacksWithin, firstSheetRows, WorkbookProblem, type WorkbookLimits } from '../../platform/files/workbook-rows.ts'

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
export const notWorkbookMessage =
  'The file is not an Excel workbook, though its name ends .xlsx: save it again from Excel as a workbook (.xlsx), or as CSV UTF-8'

/** The kind of file its name says, or the message for one we cannot read. */
export function fileKind(filename: string): { ok: true; kind: FileKind } | { ok: false; message: string } {
  const extension = extname(filename).toLowerCase()
  if (extension === '.csv' || extension === '.txt') return { ok: true, kind: 'csv' }
  if (extension === '.xlsx') return { ok: true, kind: 'xlsx' }
  if (extension === '.xls')
    return { ok: false, message: 'The file is an old Excel file (.xls): save it from Excel as a workbook (.xlsx) or as CSV UTF-8 first' }
  return { ok: false, message: 'The file must be a CSV file (.csv) or an Excel workbook (.xlsx)' }
}

/** A file read from disk comes in chunks of this size; an upload is cut to it. */
const sliceBytes = 64 * 1024

/** Counts the bytes as they pass, and looks at the first ones, where a text file says it is really UTF-16. */
async function* watchText(source: AsyncIterable<Buffer>, onBytes: (n: number) => void) {
  let first = true
  for await (const chunk of source) {
    // UTF-16 (what Excel's "Unicode text" writes) starts with a byte order mark, and has a zero byte in every other place.
    if ((first && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) || chunk.includes(0)) {
      throw new FileProblem(encodingMessage.replace('UTF-8 text', 'UTF-8 text (it looks like UTF-16, Excel’s ‘Unicode text’)'))
    }
    first = false
    // An upload arrives as one buffer of up to 20 MB, which the parser would read in one go, answering no other
    // request until it had: it gets slices instead, with other requests let in before each one after the first.
    for (let at = 0; at < chunk.length; at += sliceBytes) {
      if (at > 0) await setImmediate()
      const slice = chunk.subarray(at, at + sliceBytes)
      onBytes(slice.length)
      yield slice
    }
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
    // What the export escaped so a spreadsheet would not run it as a formula is read back as it was.
    // Only a cell starting with ' can have been escaped: the rest (nearly all) skip the test.
    for await (const record of parser as AsyncIterable<string[]>)
      yield { row: ++row, cells: record.map((c) => (c.charCodeAt(0) === 39 ? unescapeCsvText(c) : c)) }
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

/** What a workbook of values may unpack to: XML packs ten or fifteen times over, a zip bomb hundreds of times. */
export const workbookLimits = (size: number): WorkbookLimits => ({ unpacked: Math.max(64 * 1024 * 1024, 50 * size), held: 64 * 1024 * 1024 })

async function* xlsxRows(source: FileSource, onBytes: (n: number) => void): AsyncGenerator<FileRow> {
  const input = source.open()
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
  try {
    await assertUnpacksWithin(() => source.open(), workbookLimits(source.size))
    // Only the first sheet holds values; the others (notes, metadata) are read past.
    yield* firstSheetRows(Readable.from(counted()))
  } catch (error) {
    if (error instanceof WorkbookProblem) throw new FileProblem(error.message)
    throw error
  } finally {
    input.destroy()
  }
}

/** The rows of a file, the header first; `onBytes` hears of every chunk read, for progress. */
export function fileRows(kind: FileKind, source: FileSource, onBytes: (n: number) => void = () => {}): AsyncGenerator<FileRow> {
  return kind === 'csv' ? csvRows(source.open(), onBytes) : xlsxRows(source, onBytes)
}
