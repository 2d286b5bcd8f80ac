import { PassThrough, Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify, type Options } from 'csv-stringify'
import { stringify as stringifySync } from 'csv-stringify/sync'

// The one CSV writer. Every download a spreadsheet opens goes through it, so
// a text someone typed ("=HYPERLINK(…)", "+44 161…", "@SUM(…)") is shown as
// the text it is rather than run as a formula: csv-stringify's escape_formulas
// puts a ' before it (OWASP's advice for CSV injection). Numbers are written as
// numbers and never escaped, so -1.5 stays a figure the spreadsheet reads.
//
// An import reads back exactly what an export wrote: `unescapeCsvText` takes
// the ' off again. So that text which already began with ' and a formula
// character ("'=x") survives the trip too, it gets one more ' on the way out.

export type CsvCell = string | number | null | undefined

/** Characters a spreadsheet reads as the start of a formula (with their full-width forms, which Apple Numbers folds). */
const formulaStart = '=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20'
const quotedFormula = new RegExp(`^'+[${formulaStart}]`)

const options: Options = {
  escape_formulas: true,
  record_delimiter: 'windows',
  cast: { string: (text) => (quotedFormula.test(text) ? `'${text}` : text) },
}

const cellsOf = (row: readonly CsvCell[]) => row.map((cell) => cell ?? '')

/** A whole file: UTF-8 with a byte order mark, which is how Excel knows to read it as UTF-8 rather than the Windows code page. */
export function csvText(headers: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  return stringifySync(Array.from(rows, cellsOf), { ...options, bom: true, header: true, columns: [...headers] })
}

/** One field, quoted when it needs to be, for a caller that lays out its own lines. */
export function csvField(value: CsvCell): string {
  return stringifySync([[value ?? '']], { ...options, record_delimiter: '\n' }).slice(0, -1)
}

/** A file of any length, written as its rows are read; a fault half way ends the stream rather than sending a broken file as if it were whole. */
export function csvStream(headers: readonly string[], rows: AsyncIterable<readonly CsvCell[]>): Readable {
  const out = new PassThrough()
  pipeline(
    Readable.from(
      (async function* () {
        for await (const row of rows) yield cellsOf(row)
      })(),
    ),
    stringify({ ...options, bom: true, header: true, columns: [...headers] }),
    out,
  ).catch((error: Error) => out.destroy(error))
  return out
}

/** A cell of an imported CSV file as it was before the export escaped it: the one ' added before a formula character is taken off. */
export function unescapeCsvText(text: string): string {
  return quotedFormula.test(text) ? text.slice(1) : text
}
