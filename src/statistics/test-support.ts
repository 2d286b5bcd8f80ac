// Shared by the *.test.ts files here: reads the reference test data (copied
// from PHEindicatormethods and FingertipsNext, see test/fixtures/indicator-statistics/README.md)
// that the methods must reproduce.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import assert from 'node:assert/strict'

/** Vendored into the repository, so the tests read nothing outside it. */
export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../test/fixtures/indicator-statistics')

export type CsvRow = Record<string, string>

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines); drops a BOM and all-empty rows. */
export function parseCsv(text: string): CsvRow[] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  const input = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      record.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += ch
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  const [header, ...rows] = records
  if (!header) return []
  const names = header.map((name) => name.trim())
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== '')).map((cells) => Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ''])))
}

/** Rows of a reference file, by its path inside the reference folder. */
export function readReference(relativePath: string): CsvRow[] {
  return parseCsv(readFileSync(path.join(REFERENCE_DIR, relativePath), 'utf8'))
}

/** A sheet of one of the PHEindicatormethods workbooks, as converted to CSV. */
export function readSheet(book: string, sheet: string): CsvRow[] {
  return readReference(`testdata/csv_from_xlsx/testdata_${book}__${sheet}.csv`)
}

/** A numeric cell, or null for an empty one (R's NA). */
export function num(cell: string | undefined): number | null {
  if (cell == null || cell.trim() === '' || cell.trim() === 'NA') return null
  const value = Number(cell)
  if (Number.isNaN(value)) throw new Error(`Not a number in the reference data: ${cell}`)
  return value
}

export function required(cell: string | undefined): number {
  const value = num(cell)
  if (value == null) throw new Error('A required number is missing from the reference data')
  return value
}

/**
 * actual ≈ the reference cell: within `relative` (default 1e-6) of it, or, when
 * `rounded`, within half a unit of the last decimal the reference prints.
 * An empty reference cell demands null.
 */
export function assertMatches(
  actual: number | null | undefined,
  cell: string | undefined,
  label: string,
  options: { relative?: number; rounded?: boolean } = {},
): void {
  const expected = num(cell)
  if (expected == null) {
    assert.equal(actual, null, `${label}: expected NA (null), got ${actual}`)
    return
  }
  assert.ok(typeof actual === 'number' && Number.isFinite(actual), `${label}: expected ${expected}, got ${actual}`)
  const [mantissa, exponent] = cell!.trim().split(/e/i)
  const lastPlace = Number(exponent ?? 0) - (mantissa!.split('.')[1] ?? '').length
  const tolerance = options.rounded ? 0.5 * 10 ** lastPlace * (1 + 1e-9) : (options.relative ?? 1e-6) * Math.abs(expected) + 1e-15
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${label}: expected ${expected}, got ${actual} (difference ${Math.abs(actual - expected)}, tolerance ${tolerance})`,
  )
}

/** Percent strings in the workbooks ("95%", "99.8%") to fractions. */
export function percent(cell: string | undefined): number {
  return required(cell?.replace('%', '')) / 100
}

/** Rows grouped by a key, groups in first-seen order (Map.groupBy arrives in Node 21). */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}
