import type { Db } from '../../platform/db/database.ts'
import { inPartnership, type Trx } from '../../platform/db/tenancy.ts'
import { isSingleSession } from '../../platform/db/single-session.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { ForbiddenError, ValidationError } from '../../platform/errors.ts'
import { sanitiseFilename } from '../../platform/files/file-types.ts'
import { importInSteps, importInto, ImportRefused, type ImportDone, type ImportProgress } from './import.ts'
import type { Problem } from './model.ts'
import { fileKind, type FileSource } from './read.ts'
import { exportRows } from './export.ts'
import type { Layout } from './layout.ts'
import * as repo from './repository.ts'

export type ImportResult = ({ ok: true } & ImportDone) | { ok: false; filename: string; problems: readonly Problem[]; total: number }

/** What else an import's own transaction does, where it has one (PostgreSQL): the background job it runs for claims itself, and ends with it. */
export interface WithinImport {
  /** False when the work is already done (another attempt finished it): the import then stops with ImportSuperseded. */
  claim(trx: Trx): Promise<boolean>
  done(trx: Trx, result: ImportResult): Promise<void>
}

/** The import was not run: the job it was for had already ended. */
export class ImportSuperseded extends Error {}

const refusal = 'Only admins, editors and the target leads of indicators can import values'

export function valueTransferService(db: Db) {
  return {
    /** Admins and editors import values; a contributor too when they lead an indicator's target (each row is checked against the ones they lead). */
    async assertMayImport(actor: Actor): Promise<void> {
      assertCan(actor, 'partnership.read')
      if (actor.role === 'admin' || actor.role === 'editor') return
      if (actor.role === 'contributor' && actor.userId) {
        const leads = await inPartnership(db, actor.partnershipId, (trx) =>
          trx
            .selectFrom('indicators as i')
            .innerJoin('people as p', 'p.id', 'i.target_lead_id')
            .select('i.id')
            .where('i.partnership_id', '=', actor.partnershipId)
            .where('p.user_id', '=', actor.userId)
            .where('i.archived_at', 'is', null)
            .limit(1)
            .executeTakeFirst(),
        )
        if (leads) return
      }
      throw new ForbiddenError(refusal)
    },

    /**
     * Imports one file, all or nothing: in one transaction inside the
     * partnership, or on PGlite in short steps (see importInSteps). A refused
     * file comes back as its report; nothing was written.
     * `maxBytes` is the browser's limit; the command line passes none.
     */
    async importFile(
      actor: Actor,
      source: FileSource,
      { onProgress, maxBytes, within }: { onProgress?: (p: ImportProgress) => void; maxBytes?: number; within?: WithinImport } = {},
    ): Promise<ImportResult> {
      await this.assertMayImport(actor)
      const filename = sanitiseFilename(source.filename)
      const refused = (message: string): ImportResult => ({ ok: false, filename, problems: [{ row: null, column: null, message }], total: 1 })
      const kind = fileKind(filename)
      if (!kind.ok) return refused(kind.message)
      if (source.size === 0) return refused('The file is empty: it has no headings and no values')
      if (maxBytes != null && source.size > maxBytes) {
        return refused(
          `The file must be smaller than ${Math.round(maxBytes / 1024 / 1024)} MB to import here: import a bigger file from the command line, with thrive import`,
        )
      }
      try {
        const file = { ...source, filename }
        // PGlite is one session: one long transaction there would keep every other request waiting until the import ends.
        const done = (await isSingleSession(db))
          ? await importInSteps(db, actor, file, kind.kind, onProgress)
          : await inPartnership(db, actor.partnershipId, async (trx) => {
              if (within && !(await within.claim(trx))) throw new ImportSuperseded()
              const imported = await importInto(trx, actor, file, kind.kind, onProgress)
              await within?.done(trx, { ok: true, ...imported })
              return imported
            })
        return { ok: true, ...done }
      } catch (error) {
        if (error instanceof ImportRefused) return { ok: false, filename, problems: error.problems, total: error.total }
        throw error
      }
    },

    /** Every value of the partnership in the layout asked for, a page at a time, so a download of any size streams. */
    exportRows(actor: Actor, layout: Layout) {
      return exportRows(db, actor, layout)
    },

    async pastImports(actor: Actor) {
      assertCan(actor, 'partnership.read')
      return inPartnership(db, actor.partnershipId, (trx) => repo.pastImports(trx, actor.partnershipId))
    },

    /** The actor the command line imports as: a member named by email, or the operator, who holds the database and acts as an admin. */
    async commandLineActor(slug: string, email?: string): Promise<{ actor: Actor; partnershipName: string }> {
      const partnership = await db.selectFrom('partnerships').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst()
      if (!partnership) throw new ValidationError({ partnership: `There is no partnership with the slug ‘${slug}’` })
      if (!email) return { actor: { userId: null, label: 'command line', partnershipId: partnership.id, role: 'admin' }, partnershipName: partnership.name }
      const member = await db
        .selectFrom('users as u')
        .innerJoin('memberships as m', 'm.user_id', 'u.id')
        .select(['u.id', 'u.display_name', 'm.role'])
        .where('m.partnership_id', '=', partnership.id)
        .where((eb) => eb(eb.fn('lower', ['u.email']), '=', email.toLowerCase()))
        .where('u.disabled_at', 'is', null)
        .executeTakeFirst()
      if (!member) throw new ValidationError({ as: `${email} is not a member of ${partnership.name}` })
      return {
        actor: { userId: member.id, label: `${member.display_name} (command line)`, partnershipId: partnership.id, role: member.role },
        partnershipName: partnership.name,
      }
    },
  }
}

export type ValueTransferService = ReturnType<typeof valueTransferService>
