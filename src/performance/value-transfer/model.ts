import type { PeriodType, Sex, ValueType } from '../../platform/db/performance-tables.ts'
import { figureProblems, shownFigures, type Method, parsePeriod } from '../indicator-values/index.ts'
import { fingertipsColumns, layoutNames, thriveColumns, type Field, type Layout } from './layout.ts'

// Pure rules of an import: which layout a header row is, what each row says,
// and whether it says it well enough to be kept. The database checks (area
// codes, duplicates) are set-based and live in the repository.

export interface Problem {
  /** The row in the file (1 is the header), or null for the whole file. */
  row: number | null
  column: string | null
  message: string
}

export interface Header {
  layout: Layout
  /** Where each field is, and the heading the file gave it (for messages). */
  columns: Partial<Record<Field, { index: number; heading: string }>>
}

/** Headings compared without case, spaces or punctuation, so "Lower CI 95.0 limit", "LowerCI95.0limit" (fingertipsR) and "lower ci 95.0 limit" agree. */
export const headingKey = (text: string) => text.toLowerCase().replace(/[^a-z0-9.]/g, '')

const fingertipsRead = new Map(fingertipsColumns.filter((c) => c.field).map((c) => [headingKey(c.header), c]))
const fingertipsIgnored = new Set(fingertipsColumns.filter((c) => !c.field).map((c) => headingKey(c.header)))
const thriveByKey = new Map(thriveColumns.map((c) => [headingKey(c.header), c]))
// Fingertips names the parent's comparison after the parent's area type ("Compared to Region value or percentiles", "Compared to percentiles").
const isComparison = (key: string) => /^comparedto.*percentiles$/.test(key)
const list = (names: string[]) => names.map((n) => `‘${n}’`).join(', ')

export type HeaderResult = { ok: true; header: Header } | { ok: false; message: string }

/** Which layout the first row names, or what is wrong with it: the missing headings and the ones not in the layout. */
export function readHeader(cells: readonly string[]): HeaderResult {
  const keys = cells.map((c) => headingKey(c.trim()))
  const layout: Layout | null = keys.includes('indicatorid') ? 'fingertips' : keys.includes('indicator') ? 'thrive' : null
  if (!layout) {
    return {
      ok: false,
      message:
        'The first row must name the columns of a Fingertips export (starting ‘Indicator ID’) or of the Thrive layout (starting ‘Indicator’): check it is the right file, with its headings on row 1',
    }
  }
  const columns: Header['columns'] = {}
  const unknown: string[] = []
  const repeated: string[] = []
  keys.forEach((key, index) => {
    if (key === '') return
    const spec = layout === 'fingertips' ? fingertipsRead.get(key) : thriveByKey.get(key)
    if (spec?.field) {
      if (columns[spec.field]) repeated.push(cells[index]!.trim())
      else columns[spec.field] = { index, heading: cells[index]!.trim() }
    } else if (!(layout === 'fingertips' && (fingertipsIgnored.has(key) || isComparison(key)))) unknown.push(cells[index]!.trim())
  })
  const required = layout === 'fingertips' ? fingertipsColumns.filter((c) => c.field) : thriveColumns.filter((c) => c.required)
  const missing = required.filter((c) => !columns[c.field!]).map((c) => c.header)
  const problems: string[] = []
  if (missing.length) problems.push(`it has no ${missing.length === 1 ? 'column' : 'columns'} ${list(missing)}`)
  if (unknown.length) problems.push(`${list(unknown)} ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of the ${layoutNames[layout]}`)
  if (repeated.length) problems.push(`${list(repeated)} ${repeated.length === 1 ? 'appears' : 'appear'} twice`)
  if (problems.length) return { ok: false, message: `The first row looks like the ${layoutNames[layout]}, but ${problems.join('; ')}` }
  return { ok: true, header: { layout, columns } }
}

export type RawValue = Record<Field, string>
const fields = thriveColumns.map((c) => c.field)

// Where each field is in a header's rows, worked out once a file rather than once a row.
const placesOf = new WeakMap<Header, readonly (readonly [Field, number])[]>()

/** A row's cells by field, trimmed; a column the layout lacks reads as blank. */
export function rawValue(header: Header, cells: readonly string[]): RawValue {
  let places = placesOf.get(header)
  if (!places) placesOf.set(header, (places = fields.map((f) => [f, header.columns[f]?.index ?? -1] as const)))
  const raw = {} as RawValue
  for (const [field, index] of places) raw[field] = (cells[index] ?? '').trim()
  return raw
}

export const isBlankRow = (cells: readonly string[]) => cells.every((c) => c.trim() === '')

export type NumberResult = { ok: true; text: string | null } | { ok: false }

/** A figure as written: blank is none; thousands separators and exponents (.NET writes 1E-05) are read; anything else is refused. */
const plainDecimal = /^-?\d+(\.\d+)?$/
export function readNumber(text: string): NumberResult {
  const t = text.trim()
  if (t === '') return { ok: true, text: null }
  // Nearly every figure is a plain decimal, kept as written; the rest are read as below.
  if (t.length <= 30 && plainDecimal.test(t)) return { ok: true, text: t }
  const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain) || !Number.isFinite(Number(plain))) return { ok: false }
  return { ok: true, text: plain.replace(/^\+/, '') }
}

/** The order of a deprivation group Fingertips names ("Second most deprived decile (IMD2019)"), 1 being the most deprived. */
export function deprivationRank(category: string): number | null {
  const c = category
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .trim()
  const m =
    /^(most|second most|third more|fourth more|fifth more|fifth less|fourth less|third less|second least|least|average) deprived (decile|quintile)$/.exec(c)
  if (!m) return null
  const quintile = m[2] === 'quintile'
  const order: Record<string, number> = quintile
    ? { most: 1, 'second most': 2, average: 3, 'second least': 4, least: 5 }
    : {
        most: 1,
        'second most': 2,
        'third more': 3,
        'fourth more': 4,
        'fifth more': 5,
        'fifth less': 6,
        'fourth less': 7,
        'third less': 8,
        'second least': 9,
        least: 10,
      }
  return order[m[1]!] ?? null
}

/** What the import knows of an indicator in the library. */
export interface IndicatorRef {
  id: string
  title: string
  periodType: PeriodType
  valueType: ValueType
  multiplier: number
  archived: boolean
  /** Whether the person importing may change its values. */
  mayChange: boolean
}

export type IndicatorLookup = (text: string, layout: Layout) => IndicatorRef | null

/** One value ready for the staging table: figures as the text the database reads exactly. */
export interface StagedValue {
  row: number
  indicatorId: string
  areaCode: string
  periodStartsOn: string
  sex: Sex
  age: string
  categoryType: string
  category: string
  categoryRank: number | null
  /** Whether the file says the rank (a blank in the Thrive layout's column says "none"); otherwise a value keeps the one it has. */
  rankGiven: boolean
  count: string | null
  denominator: string | null
  value: string | null
  lower95: string | null
  upper95: string | null
  lower998: string | null
  upper998: string | null
  /** Null when the file has no such column: a value replaced keeps its own. */
  note: string | null
  illustrative: boolean | null
  /** The value, or the limits, are exactly what the method makes of the count: stored or not, they show the same (see repository). */
  valueComputed: boolean
  limits95Computed: boolean
  limits998Computed: boolean
}

export type RowResult = { kind: 'value'; value: StagedValue } | { kind: 'skipped' } | { kind: 'problems'; problems: Problem[] }

// Maps, not objects: a cell saying ‘constructor’ or ‘toString’ must not find what every object inherits.
const sexes = new Map<string, Sex>(Object.entries({ persons: 'persons', person: 'persons', male: 'male', males: 'male', female: 'female', females: 'female' }))
const yesNo = new Map<string, boolean>(Object.entries({ '': false, no: false, n: false, false: false, yes: true, y: true, true: true }))
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))

/** The value moved into its limits when no more than half its last written decimal place outside them, for checking only. */
export function withinRounding(
  f: { value: number | null; lower95: number | null; upper95: number | null; lower998: number | null; upper998: number | null },
  text: string | null,
): number | null {
  if (f.value == null || text == null || /e/i.test(text)) return f.value
  const places = text.split('.')[1]?.length ?? 0
  const half = 0.5 * 10 ** -places + 1e-12
  let value = f.value
  for (const [lower, upper] of [
    [f.lower95, f.upper95],
    [f.lower998, f.upper998],
  ] as const) {
    if (lower == null || upper == null || lower > upper) continue
    if (value < lower && lower - value <= half) value = lower
    if (value > upper && value - upper <= half) value = upper
  }
  return value
}

// A file has a few hundred distinct periods in a million rows: each is read once. Bounded, for a file of nothing but different ones.
type PeriodResult = ReturnType<typeof parsePeriod>
const periodsRead = new Map<string, PeriodResult>()
function periodOf(type: PeriodType, text: string): PeriodResult {
  const key = `${type} ${text}`
  let result = periodsRead.get(key)
  if (!result) {
    if (periodsRead.size >= 10_000) periodsRead.clear()
    periodsRead.set(key, (result = parsePeriod(type, text)))
  }
  return result
}

/** The heading a field has in this file, or in the layout when the file lacks it. */
function headingOf(header: Header, field: Field): string {
  return header.columns[field]?.heading ?? thriveColumns.find((c) => c.field === field)!.header
}

const textLimits = [
  ['age', 40],
  ['categoryType', 100],
  ['category', 100],
  ['note', 500],
] as const
const figureFields = ['count', 'denominator', 'value', 'lower95', 'upper95', 'lower998', 'upper998'] as const

/**
 * Reads one row: skipped when it has neither value nor count (Fingertips lists
 * periods it has no figure for), a value when every cell is sound, or every
 * problem it has, each by its column.
 */
export function checkRow(header: Header, row: number, raw: RawValue, indicatorFor: IndicatorLookup): RowResult {
  // Fingertips lists periods it has no figure for, and counts it gives no value or denominator for (a suppressed zero): nothing to show.
  if (raw.value === '' && (raw.count === '' || (header.layout === 'fingertips' && raw.denominator === ''))) return { kind: 'skipped' }
  const problems: Problem[] = []
  const problem = (field: Field, message: string) => problems.push({ row, column: headingOf(header, field), message })
  const indicator = raw.indicator ? indicatorFor(raw.indicator, header.layout) : null
  if (!raw.indicator)
    problem('indicator', header.layout === 'fingertips' ? 'Enter the indicator’s Fingertips ID' : 'Enter the indicator’s title or Fingertips ID')
  else if (!indicator) {
    problem(
      'indicator',
      header.layout === 'fingertips' || /^\d+$/.test(raw.indicator)
        ? `No indicator in the library has the Fingertips ID ${raw.indicator}: add it to the library with that Fingertips ID first`
        : `No indicator in the library is called ‘${raw.indicator}’: use its title as the library has it, or its Fingertips ID`,
    )
  } else if (indicator.archived) problem('indicator', `‘${indicator.title}’ is archived: restore it before importing its values`)
  else if (!indicator.mayChange) problem('indicator', `Only admins, editors and the target lead of ‘${indicator.title}’ can import its values`)
  if (!raw.areaCode) problem('areaCode', 'Enter the area’s code, such as E08000004')
  else if (!/^[A-Za-z0-9-]{2,20}$/.test(raw.areaCode)) problem('areaCode', `‘${raw.areaCode}’ is not an area code: use an ONS code such as E08000004`)
  const sex = sexes.get(raw.sex.toLowerCase() || 'persons')
  if (!sex) problem('sex', `Sex must be Persons, Male or Female, not ‘${raw.sex}’`)
  for (const [field, max] of textLimits) {
    if (raw[field].length > max) problem(field, `Must be ${max} characters or fewer`)
  }
  if (raw.category && !raw.categoryType) problem('categoryType', 'Enter the breakdown the group belongs to, such as Deprivation decile')
  if (raw.categoryType && !raw.category) problem('category', 'Enter the group, such as Most deprived decile')
  let categoryRank: number | null = null
  if (header.layout === 'fingertips') categoryRank = raw.categoryType ? deprivationRank(raw.category) : null
  else if (raw.categoryRank !== '') {
    categoryRank = /^\d{1,3}$/.test(raw.categoryRank) && Number(raw.categoryRank) >= 1 ? Number(raw.categoryRank) : null
    if (categoryRank == null) problem('categoryRank', `The category rank must be a whole number from 1, not ‘${raw.categoryRank}’`)
  }
  const illustrative = header.columns.illustrative ? yesNo.get(raw.illustrative.toLowerCase()) : null
  if (illustrative === undefined) problem('illustrative', `Illustrative must be Yes or No, not ‘${raw.illustrative}’`)

  const numbers = {} as Record<'count' | 'denominator' | 'value' | 'lower95' | 'upper95' | 'lower998' | 'upper998', string | null>
  let allNumbers = true
  for (const field of figureFields) {
    const read = readNumber(raw[field])
    if (read.ok) numbers[field] = read.text
    else {
      allNumbers = false
      problem(field, `‘${raw[field]}’ is not a number`)
    }
  }
  let periodStartsOn = ''
  if (indicator) {
    if (!raw.period) problem('period', 'Enter the period')
    else {
      const period = periodOf(indicator.periodType, raw.period)
      if (period.ok) periodStartsOn = period.startsOn
      else problem('period', `${period.message} (not ‘${raw.period}’)`)
    }
  }
  const numeric = (t: string | null) => (t == null ? null : Number(t))
  const figures = {
    count: numeric(numbers.count),
    denominator: numeric(numbers.denominator),
    value: numeric(numbers.value),
    lower95: numeric(numbers.lower95),
    upper95: numeric(numbers.upper95),
    lower998: numeric(numbers.lower998),
    upper998: numeric(numbers.upper998),
  }
  const method: Method | null = indicator ? { valueType: indicator.valueType, multiplier: indicator.multiplier } : null
  if (method && allNumbers) {
    // A published value is rounded to fewer places than its limits (15.6 within 15.52 to 15.59): it lies within them if its unrounded self could.
    const checked = { ...figures, value: withinRounding(figures, numbers.value) }
    for (const [field, message] of Object.entries(figureProblems(method, checked))) problem(field as Field, message)
  }
  if (problems.length || !indicator || !method || !sex || illustrative === undefined) {
    // Left to right, as the person reads the row.
    const order = new Map(Object.values(header.columns).map((c) => [c.heading, c.index]))
    return { kind: 'problems', problems: problems.sort((a, b) => (order.get(a.column ?? '') ?? 999) - (order.get(b.column ?? '') ?? 999)) }
  }

  // Figures that are exactly what the method makes of the count show the same stored or not (see repository.applyStaged).
  const computed = shownFigures(method, { ...figures, lower95: null, upper95: null, lower998: null, upper998: null })
  const sameAsComputed = (lower: 'lower95' | 'lower998', upper: 'upper95' | 'upper998') => {
    const [l, u, cl, cu] = [figures[lower], figures[upper], computed[lower], computed[upper]]
    return l != null && u != null && cl != null && cu != null && close(l, cl) && close(u, cu)
  }
  const estimate = shownFigures(method, { ...figures, value: null, lower95: null, upper95: null, lower998: null, upper998: null })
  return {
    kind: 'value',
    value: {
      row,
      indicatorId: indicator.id,
      areaCode: raw.areaCode,
      periodStartsOn,
      sex,
      age: raw.age,
      categoryType: raw.categoryType,
      category: raw.category,
      categoryRank,
      rankGiven: header.layout === 'fingertips' ? categoryRank != null : header.columns.categoryRank != null,
      count: numbers.count,
      denominator: numbers.denominator,
      value: numbers.value,
      lower95: numbers.lower95,
      upper95: numbers.upper95,
      lower998: numbers.lower998,
      upper998: numbers.upper998,
      note: header.columns.note ? raw.note : null,
      illustrative,
      valueComputed: figures.value != null && estimate.computed.value && estimate.value != null && close(figures.value, estimate.value),
      limits95Computed: sameAsComputed('lower95', 'upper95'),
      limits998Computed: sameAsComputed('lower998', 'upper998'),
    },
  }
}

/** Problems in row order, the whole file's first, at most `cap` of them. */
export function sortProblems(problems: readonly Problem[], cap: number): Problem[] {
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)).slice(0, cap)
}
