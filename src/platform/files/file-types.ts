import { extname } from 'node:path'

/**
 * The documents a partnership keeps: papers and terms of reference in PDF, Word,
 * OpenDocument, plain text or Excel. The type is decided here from the name and
 * the bytes, never from what the browser claims, and each extension must match
 * its file's signature so a renamed program or web page is refused.
 */
interface FileType {
  contentType: string
  matches(content: Buffer): boolean
}

const startsWith = (signature: number[]) => (content: Buffer) => signature.every((byte, i) => content[i] === byte)
const isZip = startsWith([0x50, 0x4b, 0x03, 0x04])
// Office Open XML and OpenDocument files are zip archives; the names of their
// parts are stored uncompressed, so the part that marks the kind can be looked for.
const zipContaining = (marker: string) => (content: Buffer) => isZip(content) && content.includes(marker, 0, 'latin1')
const isPdf = startsWith([0x25, 0x50, 0x44, 0x46, 0x2d])
const isOle = startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/** UTF-8 text with no NUL bytes: what a text file or a CSV file must be. */
export function isPlainText(content: Buffer): boolean {
  if (content.includes(0)) return false
  try {
    strictUtf8.decode(content)
    return true
  } catch {
    return false
  }
}

// An OpenDocument file starts with an uncompressed part called "mimetype" holding its type.
const isOdt = (content: Buffer) =>
  isZip(content) &&
  content.subarray(30, 38).toString('latin1') === 'mimetype' &&
  content.subarray(38, 77).toString('latin1') === 'application/vnd.oasis.opendocument.text'

export const fileTypes: Record<string, FileType> = {
  '.pdf': { contentType: 'application/pdf', matches: isPdf },
  '.docx': { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', matches: zipContaining('word/') },
  '.doc': { contentType: 'application/msword', matches: isOle },
  '.odt': { contentType: 'application/vnd.oasis.opendocument.text', matches: isOdt },
  '.txt': { contentType: 'text/plain; charset=utf-8', matches: isPlainText },
  '.xlsx': { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', matches: zipContaining('xl/') },
}

export const maxFileBytes = 20 * 1024 * 1024
export const allowedTypesText = 'PDF, Word (DOCX or DOC), OpenDocument text (ODT), plain text (TXT) or Excel (XLSX)'

/**
 * Control and invisible formatting characters: C0 and C1 controls (Cc), and
 * format characters (Cf) such as the bidirectional overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), the direction marks (U+200E, U+200F,
 * U+061C) and zero-width characters. A right-to-left override turns
 * `invoice\u202Egnp.txt` into what reads as `invoicetxt.png`, so a name must
 * never carry one to a page or a download.
 */
const invisible = /[\p{Cc}\p{Cf}]/gu

/** The name without control or invisible formatting characters: what pages and downloads show. */
export function withoutControlCharacters(name: string): string {
  return name.replace(invisible, '')
}

/**
 * A name safe to store and to send back in a header: no folders, no control
 * or bidirectional-text characters, none of the characters Windows refuses, at
 * most 255 characters with the extension kept.
 */
export function sanitiseFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = withoutControlCharacters(base.normalize('NFC'))
    .replace(/[<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  const extension = (/\.[a-z0-9]{1,10}$/i.exec(cleaned)?.[0] ?? '').toLowerCase()
  // A leading dot would hide the file on some systems.
  const stem = cleaned
    .slice(0, cleaned.length - extension.length)
    .replace(/^[.\s]+/, '')
    .trim()
  return `${(stem || 'document').slice(0, 255 - extension.length)}${extension}`
}

export type FileCheck = { ok: true; filename: string; contentType: string } | { ok: false; message: string }

/** Whether an upload is a document we keep; the message is the one shown by the file field. */
export function checkFile(filename: string, content: Buffer, truncated = false): FileCheck {
  if (truncated || content.length > maxFileBytes) return { ok: false, message: 'The selected file must be smaller than 20 MB' }
  if (content.length === 0) return { ok: false, message: 'The selected file is empty' }
  const safeName = sanitiseFilename(filename)
  const type = fileTypes[extname(safeName).toLowerCase()]
  if (!type) return { ok: false, message: `The selected file must be a ${allowedTypesText}` }
  if (!type.matches(content)) return { ok: false, message: `The selected file’s contents do not match its name: it must be a ${allowedTypesText}` }
  return { ok: true, filename: safeName, contentType: type.contentType }
}

/** Content-Disposition for a download: a plain ASCII name for old clients and the exact UTF-8 name for the rest. */
export function attachmentHeader(name: string): string {
  // Names stored before control characters were stripped on upload are cleaned on the way out too.
  const filename = withoutControlCharacters(name)
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`
}
