import type { FastifyInstance } from 'fastify'
import multipart, { type MultipartFile } from '@fastify/multipart'
import { maxFileBytes } from './file-types.ts'

/** A file from a form: its name as the browser sent it, and its bytes. */
export interface UploadedFile {
  filename: string
  content: Buffer
  /** Cut off at the size limit: refused with a message rather than an error page. */
  truncated: boolean
}

/**
 * Forms with a file field (enctype multipart/form-data). Every field lands in
 * request.body like a plain form's, text as strings and the file as an
 * UploadedFile, so the CSRF check (which reads `_csrf` from the body in a
 * preHandler, after this runs in preValidation) and parseForm work unchanged.
 */
export async function setUpUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    // Too large is a message by the file field, not an error page: the rest is read and thrown away.
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes, files: 1, fields: 40, fieldNameSize: 100, fieldSize: 100_000, parts: 41, headerPairs: 100 },
    async onFile(part: MultipartFile) {
      const content = await part.toBuffer()
      const file: UploadedFile = { filename: part.filename, content, truncated: part.file.truncated }
      ;(part as MultipartFile & { value: UploadedFile }).value = file
    },
  })
}

/** The file chosen in a form field, or null when none was chosen (browsers send an empty, nameless part). */
export function uploadedFile(body: Record<string, unknown>, name: string): UploadedFile | null {
  const value = body[name] as Partial<UploadedFile> | undefined
  if (!value || typeof value !== 'object' || !Buffer.isBuffer(value.content) || typeof value.filename !== 'string') return null
  if (value.filename === '' && value.content.length === 0) return null
  return { filename: value.filename, content: value.content, truncated: value.truncated === true }
}
