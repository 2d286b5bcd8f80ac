import { ValidationError, NotFoundError, ForbiddenError, ConflictError } from '../platform/errors.ts'
import { BackupError } from './backup-format.ts'

/** A problem the person running the command can fix: shown as a plain message, without a stack trace. */
export class CommandError extends Error {}

const expected = [CommandError, ValidationError, NotFoundError, ForbiddenError, ConflictError, BackupError]

// Files that cannot be opened, and databases that cannot be reached or entered,
// are the operator's to fix; any other failure is a fault, shown with its stack.
const operatorCodes = new Set([
  'EBUSY', // the embedded database is open in another process
  'ENOENT',
  'EACCES',
  'EISDIR',
  'ENOTDIR',
  'EEXIST',
  'ENOSPC',
  'EROFS',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '28P01', // password authentication failed
  '28000', // no such role, or not allowed to connect
  '3D000', // no such database
])

/** Why a command failed, in the words a person needs. */
export function describeFailure(error: unknown): string {
  if (error instanceof ValidationError)
    return Object.values(error.fields)
      .map((message) => `Error: ${message}`)
      .join('\n')
  if (expected.some((kind) => error instanceof kind)) return `Error: ${(error as Error).message}`
  if (error instanceof Error && operatorCodes.has(String((error as NodeJS.ErrnoException).code))) return `Error: ${error.message}`
  return `Error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
}
