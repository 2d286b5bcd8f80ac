import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import type { AuditEntry } from '../../platform/audit/audit.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { NotFoundError, type FieldErrors } from '../../platform/errors.ts'
import type { UploadedFile } from '../../platform/files/uploads.ts'
import { sanitiseFilename } from '../../platform/files/file-types.ts'
import { londonToday } from '../../platform/dates/index.ts'
import { checkSheet, type Problem, type RawRow } from './model.ts'
import { readPlanFile } from './read.ts'
import * as lookups from '../../directory/lookups.ts'
import * as repo from './repository.ts'
import { importForm, type ImportInput } from './schema.ts'

/** A refused import: messages by the form's fields, and every problem found in the file's rows. Nothing was written. */
export class ImportRejected extends Error {
  readonly fields: FieldErrors
  readonly problems: readonly Problem[]

  constructor(fields: FieldErrors, problems: readonly Problem[]) {
    super('The import was refused')
    this.fields = fields
    this.problems = problems
  }
}

export interface ImportWriter {
  trx: Trx
  partnershipId: string
  authorLabel: string
  audit(entry: AuditEntry): Promise<void>
}

/**
 * Checks the rows against the partnership's people and bodies and, when every
 * row is sound, writes the plan with its aims, objectives and progress, and
 * one audit row saying what came in. Shared with the demo, which imports the
 * 2007 delivery plan this way inside its own transaction.
 */
export async function writeImportedPlan(
  writer: ImportWriter,
  input: ImportInput,
  filename: string,
  rows: readonly RawRow[],
  { today = londonToday(), commentary = `Imported from ${filename}` }: { today?: string; commentary?: string } = {},
) {
  const { trx, partnershipId } = writer
  const [people, bodies] = [await repo.peopleChoices(trx, partnershipId), await repo.bodyChoices(trx, partnershipId)]
  const checked = checkSheet(rows, { people, bodies, today })
  if (!checked.ok) return checked
  const written = await repo.insertPlan(trx, partnershipId, input, checked.aims, { today, commentary, authorLabel: writer.authorLabel })
  const counts = { aims: checked.aims.length, objectives: written.objectives, updates: written.updates }
  await writer.audit({
    action: 'create',
    entityType: 'plan',
    entityId: written.plan.id,
    summary: `Imported the plan ‘${written.plan.title}’ from ${filename}: ${countText(counts)}`,
    after: { ...written.plan, imported: { filename, ...counts } },
  })
  return { ok: true as const, plan: written.plan, counts }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
export const countText = (c: { aims: number; objectives: number; updates: number }) =>
  `${plural(c.aims, 'aim', 'aims')}, ${plural(c.objectives, 'objective', 'objectives')} and ${plural(c.updates, 'progress update', 'progress updates')}`

export function planTransferService(db: Db) {
  return {
    /** The plan's aims and objectives as the export writes them, and the file name to give it. */
    async planForExport(actor: Actor, id: string, extension: 'xlsx' | 'csv') {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, async (trx) => {
        const plan = await repo.findPlan(trx, actor.partnershipId, id)
        if (!plan) throw new NotFoundError('The plan')
        return { title: plan.title, filename: sanitiseFilename(`${plan.title}.${extension}`), aims: await repo.planForExport(trx, actor.partnershipId, id) }
      })
    },

    /** The choices the import form offers. */
    async formOptions(actor: Actor) {
      assertCan(actor, 'directory.edit')
      return inPartnership(db, actor.partnershipId, async (trx) => ({
        strategies: await repo.strategyOptions(trx, actor.partnershipId),
        bodies: await lookups.bodyOptions(trx, actor.partnershipId),
      }))
    },

    assertMayImport(actor: Actor) {
      assertCan(actor, 'directory.edit')
    },

    /**
     * A new plan from a spreadsheet, all or nothing: the file is read and
     * every row checked first, and one transaction writes the lot, so a bad
     * file, or a fault half way, leaves the database as it was.
     */
    async importPlan(actor: Actor, body: Record<string, unknown>, file: UploadedFile | null, today = londonToday()) {
      assertCan(actor, 'directory.edit')
      const fields: FieldErrors = {}
      const form = importForm.safeParse(body)
      if (!form.success) for (const issue of form.error.issues) fields[String(issue.path[0])] ??= issue.message
      let rows: RawRow[] | null = null
      if (!file || file.filename === '') fields.file = 'Select the spreadsheet to import'
      else {
        const read = await readPlanFile(file.filename, file.content, file.truncated)
        if (read.ok) rows = read.rows
        else fields.file = read.message
      }
      const filename = file ? sanitiseFilename(file.filename) : ''
      const result = await inPartnership(db, actor.partnershipId, async (trx) => {
        if (form.success) {
          const { strategyId, leadBodyId } = form.data
          if (strategyId && !(await repo.strategyOptions(trx, actor.partnershipId)).some((s) => s.id === strategyId))
            fields.strategyId = 'Select the strategy from the list'
          if (leadBodyId && !(await lookups.bodyOptions(trx, actor.partnershipId)).some((b) => b.id === leadBodyId))
            fields.leadBodyId = 'Select the lead body from the list'
        }
        if (!rows) return null
        const writer: ImportWriter = { trx, partnershipId: actor.partnershipId, authorLabel: actor.label, audit: (entry) => recordAudit(trx, actor, entry) }
        // The rows are checked even when a field is wrong, so one try shows every problem; nothing is written unless all is well.
        if (Object.keys(fields).length || !form.success) {
          const [people, bodies] = [await repo.peopleChoices(trx, actor.partnershipId), await repo.bodyChoices(trx, actor.partnershipId)]
          const checked = checkSheet(rows, { people, bodies, today })
          return checked.ok ? null : checked
        }
        return writeImportedPlan(writer, form.data, filename, rows, { today })
      })
      if (result?.ok) return result
      const problems = result?.problems ?? []
      // A problem of the whole file (empty, too long) is said by the file field; a row's goes in the table.
      const whole = problems.find((p) => p.row == null)
      const rowProblems = problems.filter((p) => p.row != null)
      if (whole) fields.file ??= whole.message
      if (rowProblems.length) {
        fields.file ??=
          rowProblems.length === 1
            ? 'The file has a problem, listed below: nothing was imported'
            : `The file has ${rowProblems.length.toLocaleString('en-GB')} problems, listed below: nothing was imported`
      }
      throw new ImportRejected(fields, rowProblems)
    },
  }
}

export type PlanTransferService = ReturnType<typeof planTransferService>
