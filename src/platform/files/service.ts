import { createHash } from 'node:crypto'
import type { Db } from '../db/database.ts'
import { inPartnership, type Trx } from '../db/tenancy.ts'
import type { Actor } from '../audit/actor.ts'
import { recordAudit } from '../audit/audit.ts'
import { assertCan } from '../auth/model.ts'
import { NotFoundError, ValidationError } from '../errors.ts'
import { checkFile } from './file-types.ts'
import type { UploadedFile } from './uploads.ts'
import * as repo from './repository.ts'

export type { StoredFileSummary } from './repository.ts'

/**
 * Keeps an uploaded document inside the caller's transaction, so the file and
 * the record that refers to it are saved together or not at all. The caller
 * has already checked the actor may change that record. A refused file is a
 * ValidationError on `field`, shown by the file input.
 */
export async function storeFile(trx: Trx, actor: Actor, upload: UploadedFile, field: string): Promise<repo.StoredFileSummary> {
  const check = checkFile(upload.filename, upload.content, upload.truncated)
  if (!check.ok) throw new ValidationError({ [field]: check.message })
  const sha256 = createHash('sha256').update(upload.content).digest('hex')
  const stored = await repo.insertStoredFile(trx, actor.partnershipId, {
    filename: check.filename,
    contentType: check.contentType,
    content: upload.content,
    sha256,
    uploadedBy: actor.label,
  })
  // The audit row describes the file; its contents stay out of the audit trail.
  await recordAudit(trx, actor, {
    action: 'create',
    entityType: 'stored-file',
    entityId: stored.id,
    summary: `Uploaded file ‘${stored.filename}’`,
    after: stored,
  })
  return stored
}

export function fileService(db: Db) {
  return {
    /** A file for download: any member of the partnership may read it; another partnership's file does not exist for them. */
    async download(actor: Actor, id: string) {
      assertCan(actor, 'partnership.read')
      const file = await inPartnership(db, actor.partnershipId, (trx) => repo.findStoredFile(trx, actor.partnershipId, id))
      if (!file) throw new NotFoundError('The file')
      return file
    },
  }
}

export type FileService = ReturnType<typeof fileService>
