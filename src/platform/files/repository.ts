import type { Executor } from '../db/database.ts'

export interface StoredFileSummary {
  id: string
  filename: string
  content_type: string
  size_bytes: number
  sha256: string
}

const summaryColumns = ['id', 'filename', 'content_type', 'size_bytes', 'sha256'] as const

export async function insertStoredFile(
  db: Executor,
  partnershipId: string,
  file: { filename: string; contentType: string; content: Buffer; sha256: string; uploadedBy: string },
): Promise<StoredFileSummary> {
  return db
    .insertInto('stored_files')
    .values({
      partnership_id: partnershipId,
      filename: file.filename,
      content_type: file.contentType,
      size_bytes: file.content.length,
      sha256: file.sha256,
      content: file.content,
      uploaded_by_label: file.uploadedBy,
    })
    .returning(summaryColumns)
    .executeTakeFirstOrThrow()
}

export async function findStoredFile(db: Executor, partnershipId: string, id: string) {
  return db
    .selectFrom('stored_files')
    .select([...summaryColumns, 'content'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst()
}
