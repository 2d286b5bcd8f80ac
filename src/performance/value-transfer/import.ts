import type { Actor } from '../../platform/audit/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import { isSingleSession, yieldToOthers } from '../../platform/db/single-session.ts'
import { batchSize, layoutNames, maxStoredProblems, type Layout } from './layout.ts'
import {
  checkRow,
  isBlankRow,
  rawValue,
  readHeader,
  sortProblems,
  type Header,
  type IndicatorLookup,
  type IndicatorRef,
  type Problem,
  type StagedValue,
} from './model.ts'
import { fileRows, FileProblem, type FileKind, type FileSource } from './read.ts'
import { leadsOrEdits } from '../indicators/index.ts'
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
  readonly problems: readonly Problem[]
  readonly total: number

  constructor(problems: readonly Problem[], total: number) {
    super(problems[0]?.message ?? 'The import was refused')
    this.problems = problems
    this.total = total
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
  const refs = all.map((i): IndicatorRef & { externalId: string | null } => ({
    id: i.id,
    title: i.title,
    periodType: i.period_type,
    valueType: i.value_type,
    multiplier: i.multiplier,
    archived: i.archived_at != null,
    mayChange: leadsOrEdits(actor, i.leadUserId),
    externalId: i.external_source === 'fingertips' ? i.external_id : null,
  }))
  const byFingertipsId = new Map(refs.filter((r) => r.externalId).map((r) => [r.externalId!, r]))
  const byTitle = new Map(refs.map((r) => [r.title.toLowerCase().replace(/\s+/g, ' '), r]))
  return (text: string, layout: Layout) => {
    const byId = byFingertipsId.get(text)
    if (layout === 'fingertips') return byId ?? null
    return byTitle.get(text.toLowerCase().replace(/\s+/g, ' ')) ?? byId ?? null
  }
}

/** Somewhere the checked rows go, a batch at a time, and the database the checks and the writing run in. */
interface Steps {
  /** Runs one step of the import: in the caller's transaction, or in a short transaction of its own. */
  step<T>(work: (trx: Trx) => Promise<T>): Promise<T>
  /** After each batch staged or part written: lets other requests in where the database is one session. */
  pause(): Promise<void>
  /** Rows staged at a time. */
  batch: number
  /** The database runs in this process (PGlite): its memory is ours, and it has no COPY from a stream. */
  embedded: boolean
}

/** Reads the file into the staging table and checks it there; refuses it with every problem found, or says what it holds. */
async function readAndCheck(steps: Steps, actor: Actor, source: FileSource, kind: FileKind, onProgress: (p: ImportProgress) => void) {
  const indicatorFor = await steps.step((trx) => lookupFor(trx, actor))
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
  // One batch is written while the next is read and checked: on PostgreSQL the server stages it on the other core.
  let staging: Promise<void> = Promise.resolve()
  const stage = async (values: StagedValue[]) => {
    await staging
    staging = steps.step((trx) => repo.stageBatch(trx, values, !steps.embedded)).then(steps.pause)
    // Its failure is heard where it is awaited (the next batch, or the end), not as an unhandled rejection before then.
    staging.catch(() => {})
  }
  try {
    for await (const { row, cells } of fileRows(kind, source, (n) => (progress.bytesRead += n))) {
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
        if (batch.length >= steps.batch) {
          await stage(batch)
          batch = []
        }
      }
    }
  } catch (error) {
    // The batch being written finishes before the caller takes the import back.
    await staging.catch(() => {})
    if (error instanceof FileProblem) throw ImportRefused.ofFile(error.message)
    throw error
  }
  if (!header) throw ImportRefused.ofFile('The file is empty: it has no headings and no values')
  if (rows === 0) throw ImportRefused.ofFile('The file has its headings but no rows of values under them')
  await stage(batch)
  await staging
  onProgress({ ...progress, phase: 'checking' })
  await steps.step((trx) => repo.analyseStaging(trx))
  const areaHeading = header.columns.areaCode!.heading
  report(...spread(await steps.step((trx) => repo.unknownAreas(trx, maxStoredProblems, areaHeading))))
  report(
    ...spread(
      await steps.step(async (trx) => {
        await repo.tuneForImport(trx, steps.embedded)
        return repo.duplicateKeys(trx, maxStoredProblems)
      }),
    ),
  )
  if (total > 0) throw new ImportRefused(sortProblems(problems, maxStoredProblems), total)
  onProgress({ ...progress, phase: 'writing' })
  return { layout: header.layout, rows, skipped }
}

const spread = (found: { problems: Problem[]; total: number }) => [found.problems, found.total] as const

function audited(actor: Actor, importId: string, filename: string, layout: Layout, counts: ImportCounts) {
  return {
    action: 'create' as const,
    entityType: 'value-import',
    entityId: importId,
    summary: `Imported indicator values from ${filename} (${layoutNames[layout]}): ${countsText(counts)}`,
    after: { filename, layout, ...counts },
  }
}

/**
 * Reads the file a row at a time into the staging table, checks it there,
 * and writes it: values replaced (their earlier figures kept), added, or left
 * alone when unchanged; one value_imports row and one audit event. Throws
 * ImportRefused, having written nothing the caller's rollback would not undo,
 * if anything anywhere is wrong.
 */
export async function importInto(
  trx: Trx,
  actor: Actor,
  source: FileSource,
  kind: FileKind,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportDone> {
  // The demo imports on PGlite this way too, in one transaction of its own.
  const embedded = await isSingleSession(trx)
  await repo.createStaging(trx)
  await repo.tuneForImport(trx, embedded)
  const read = await readAndCheck({ step: (work) => work(trx), pause: async () => {}, batch: batchSize, embedded }, actor, source, kind, onProgress)
  const importId = await repo.insertImport(trx, actor.partnershipId, source.filename, read.layout, read.rows, actor.label)
  const written = await repo.applyStaged(trx, actor.partnershipId, importId)
  await repo.dropStaging(trx)
  const counts: ImportCounts = { rows: read.rows, ...written, skipped: read.skipped, unchanged: read.rows - read.skipped - written.added - written.replaced }
  await recordAudit(trx, actor, audited(actor, importId, source.filename, read.layout, counts))
  return { importId, layout: read.layout, filename: source.filename, counts }
}

/** Rows of the file staged, or written, in one short transaction where the database is one session: a few tenths of a second each. */
export const writePart = 500
let running: Promise<unknown> = Promise.resolve()

/**
 * The same import for PGlite, whose one session would otherwise be held by
 * the import for as long as it takes, every other request waiting: each batch
 * staged, each check and each part written is a short transaction of its own,
 * with other requests let in between. A refused file still changes nothing
 * (every check is made before anything is written); a fault while writing
 * takes back the parts written, and an import cut off by the process stopping
 * is taken back before the partnership's next one. Imports run one at a time,
 * the staging table being the session's.
 */
export async function importInSteps(
  db: Db,
  actor: Actor,
  source: FileSource,
  kind: FileKind,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportDone> {
  const turn = running.then(() => stepwise(db, actor, source, kind, onProgress))
  running = turn.catch(() => {})
  return turn
}

async function stepwise(db: Db, actor: Actor, source: FileSource, kind: FileKind, onProgress: (p: ImportProgress) => void): Promise<ImportDone> {
  const pid = actor.partnershipId
  const steps: Steps = { step: (work) => inPartnership(db, pid, work), pause: yieldToOthers, batch: writePart, embedded: true }
  await steps.step(async (trx) => {
    for (const id of await repo.unfinishedImports(trx, pid)) await repo.undoImport(trx, pid, id)
    await repo.createStaging(trx, true)
  })
  try {
    const read = await readAndCheck(steps, actor, source, kind, onProgress)
    const importId = await steps.step((trx) => repo.insertImport(trx, pid, source.filename, read.layout, read.rows, actor.label))
    try {
      const last = await steps.step((trx) => repo.lastStagedRow(trx))
      const written = { added: 0, replaced: 0 }
      for (let from = 1; from <= last; from += writePart) {
        const part = await steps.step((trx) => repo.applyStaged(trx, pid, importId, { from, to: from + writePart - 1 }))
        written.added += part.added
        written.replaced += part.replaced
        await steps.pause()
      }
      const counts: ImportCounts = {
        rows: read.rows,
        ...written,
        skipped: read.skipped,
        unchanged: read.rows - read.skipped - written.added - written.replaced,
      }
      await steps.step((trx) => recordAudit(trx, actor, audited(actor, importId, source.filename, read.layout, counts)))
      // PGlite has no autovacuum to tell the planner the values are there: without this the next import, and the
      // pages, plan for a partnership with none. (As the owner: the partnership's role may not analyse.)
      await repo.analyseValues(db)
      return { importId, layout: read.layout, filename: source.filename, counts }
    } catch (error) {
      await steps.step((trx) => repo.undoImport(trx, pid, importId))
      throw error
    }
  } finally {
    await steps.step((trx) => repo.dropStaging(trx))
  }
}
