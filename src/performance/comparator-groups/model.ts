import type { AreaKind, ComparatorGroupKind } from '../../platform/db/performance-tables.ts'

// Comparator groups: the areas a partnership benchmarks itself against. A
// group is written as a list of ONS codes, the way analysts already hold them.

export const groupKinds = ['england', 'region', 'regional-partnership', 'statistical-neighbours', 'other'] as const satisfies readonly ComparatorGroupKind[]

export const groupKindLabels: Record<ComparatorGroupKind, string> = {
  england: 'England',
  region: 'Region',
  'regional-partnership': 'Regional partnership (such as the ten Greater Manchester boroughs)',
  'statistical-neighbours': 'Statistical neighbours',
  other: 'Another group',
}

export const areaKindLabels: Record<AreaKind, string> = {
  country: 'Country',
  region: 'Region',
  'local-authority': 'Local authority',
  ward: 'Ward',
  locality: 'Locality',
  'health-area': 'Health area',
}

export const englandCode = 'E92000001'
// Every ONS code, and every locality code the app accepts, has a digit: a name typed by mistake has none.
const codePattern = /^(?=.*\d)[A-Z0-9-]{2,20}$/

/** The codes typed into the form: separated by commas, spaces or lines, in capitals, each once, in the order given. */
export function parseAreaCodes(text: string): { codes: string[]; malformed: string[] } {
  const tokens = text
    .split(/[\s,;]+/)
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean)
  const codes: string[] = []
  const malformed: string[] = []
  for (const token of tokens) {
    if (!codePattern.test(token)) malformed.push(token)
    else if (!codes.includes(token)) codes.push(token)
  }
  return { codes, malformed }
}

/** The mistakes in a group's areas, given the kind of each code found in the register (missing: not found). */
export function groupAreaProblem(kind: ComparatorGroupKind, codes: readonly string[], kindOf: ReadonlyMap<string, AreaKind>): string | null {
  if (codes.length === 0) return 'Enter the codes of the areas in the group'
  const unknown = codes.filter((c) => !kindOf.has(c))
  if (unknown.length) return `${unknown.length === 1 ? 'This code is' : 'These codes are'} not in the register of areas: ${unknown.join(', ')}`
  if (kind === 'england' && (codes.length !== 1 || codes[0] !== englandCode)) return `An England group is England alone: ${englandCode}`
  if (kind === 'region' && (codes.length !== 1 || kindOf.get(codes[0]!) !== 'region'))
    return 'A region group is one region, such as E12000002 for the North West'
  if ((kind === 'regional-partnership' || kind === 'statistical-neighbours') && codes.length < 2)
    return 'A group of neighbours or partners needs at least two areas'
  return null
}
