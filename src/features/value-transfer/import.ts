import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Trx } from '../../platform/db/tenancy.ts'
import { batchSize, layoutNames, maxStoredProblems, type Layout } from './layout.ts'
import { checkRow, isBlankRow, rawValue, readHeader, sortProblems, type Header, type IndicatorLookup, type IndicatorRef, type Problem, type StagedValue } from './model.ts'
import { fileRows, FileProblem, type FileKind, type FileSource } from './read.ts'
import { leadsOrEdits } from '../indicators/access.ts'
import * as repo from './repository.ts'

// One import, all or nothing, inside a transaction the caller opened in the
// partnership: the service for people, the demo for its published values.

export interface ImportCounts {
  rows: number
  added: number
  replaced: number
  unchanged: number
  skipped: number
}

export interface ImportDone {
  importId: string
  layout: Layout
  filename: string
  counts: ImportCounts
}

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing'
  rowsRead: number
  bytesRead: number
}

/** The file was refused: every problem found (up to the cap) and how many there were. The transaction is rolled back. */
export class ImportRefused extends Error {
  constructor(
    readonly problems: readonly Problem[],
    readonly total: number,
  ) {
    super(problems[0]?.message ?? 'The import was refused')
  }
  static ofFile(message: string) {
    return new ImportRefused([{ row: null, column: null, message }], 1)
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
export const countsText = (c: ImportCounts) =>
  `${plural(c.added, 'value')} added, ${c.replaced.toLocaleString('en-GB')} replaced, ${c.unchanged.toLocaleString('en-GB')} unchanged` +
  (c.skipped ? `; ${plural(c.skipped, 'row')} skipped with no value` : '')

/** Finds a row's indicator: by Fingertips ID, or (in the Thrive layout) by its title too. */
async function lookupFor(trx: Trx, actor: Actor): Promise<IndicatorLookup> {
  const all = await repo.indicatorsForImport(trx, actor.partnershipId)
  const refs = all.map(
    (i): IndicatorRef & { externalId: string | null } => ({
      id: i.id,
      title: i.title,
      periodType: i.period_type,
      valueType: i.value_type,
      multiplier: i.multiplier,
      archived: i.archived_at != null,
      mayChange: leadsOrEdits(actor, i.leadUserId),
      externalId: i.external_source === 'fingertips' ? i.external_id : null,
    }),
  )
  const byFingertipsId = new Map(refs.filter((r) => r.externalId).map((r) => [r.externalId!, r]))
  const byTitle = new Map(refs.map((r) => [r.title.toLowerCase().replace(/\s+/g, ' '), r]))
  return (text: string, layout: Layout) => {
    const byId = byFingertipsId.get(text)
    if (layout === 'fingertips') return byId ?? null
    return byTitle.get(text.toLowerCase().replace(/\s+/g, ' ')) ?? byId ?? null
  }
}

/**
 * Reads the file a row at a time into the staging table, checks it there,
 * and writes it: values replaced (their earlier figures kept), added, or left
 * alone when unchanged; one value_imports row and one audit event. Throws
 * ImportRefused, having written nothing the caller's rollback would not undo,
 * if anything anywhere is wrong.
 */
export async function importInto(trx: Trx, actor: Actor, source: FileSource, kind: FileKind, onProgress: (p: ImportProgress) => void = () => {}): Promise<ImportDone> {
  const indicatorFor = await lookupFor(trx, actor)
  await repo.createStaging(trx)
  const problems: Problem[] = []
  let total = 0
  const report = (found: readonly Problem[], count = found.length) => {
    total += count
    for (const p of found) if (problems.length < maxStoredProblems) problems.push(p)
  }
  const progress: ImportProgress = { phase: 'reading', rowsRead: 0, bytesRead: 0 }
  let header: Header | null = null
  let rows = 0
  let skipped = 0
  let batch: StagedValue[] = []
  try {
    for await (const { row, cells } of fileRows(kind, source.open(), (n) => (progress.bytesRead += n))) {
      if (isBlankRow(cells)) continue
      if (!header) {
        const read = readHeader(cells)
        if (!read.ok) throw new ImportRefused([{ row, column: null, message: read.message }], 1)
        header = read.header
        continue
      }
      rows += 1
      progress.rowsRead = rows
      if (rows % 1000 === 0) onProgress(progress)
      const checked = checkRow(header, row, rawValue(header, cells), indicatorFor)
      if (checked.kind === 'skipped') skipped += 1
      else if (checked.kind === 'problems') report(checked.problems)
      else {
        batch.push(checked.value)
        if (batch.length >= batchSize) {
          await repo.stageBatch(trx, batch)
          batch = []
        }
      }
    }
  } catch (error) {
    if (error instanceof FileProblem) throw ImportRefused.ofFile(error.message)
    throw error
  }
  if (!header) throw ImportRefused.ofFile('The file is empty: it has no headings and no values')
  if (rows === 0) throw ImportRefused.ofFile('The file has its headings but no rows of values under them')
  await repo.stageBatch(trx, batch)
  onProgress({ ...progress, phase: 'checking' })
  await repo.analyseStaging(trx)
  const areaHeading = header.columns.areaCode!.heading
  for (const found of [await repo.unknownAreas(trx, maxStoredProblems, areaHeading), await repo.duplicateKeys(trx, maxStoredProblems)]) report(found.problems, found.total)
  if (total > 0) throw new ImportRefused(sortProblems(problems, maxStoredProblems), total)

  onProgress({ ...progress, phase: 'writing' })
  const importId = await repo.insertImport(trx, actor.partnershipId, source.filename, header.layout, rows, actor.label)
  const written = await repo.applyStaged(trx, actor.partnershipId, importId)
  await repo.dropStaging(trx)
  const counts: ImportCounts = { rows, ...written, skipped, unchanged: rows - skipped - written.added - written.replaced }
  await recordAudit(trx, actor, {
    action: 'create',
    entityType: 'value-import',
    entityId: importId,
    summary: `Imported indicator values from ${source.filename} (${layoutNames[header.layout]}): ${countsText(counts)}`,
    after: { filename: source.filename, layout: header.layout, ...counts },
  })
  return { importId, layout: header.layout, filename: source.filename, counts }
}
