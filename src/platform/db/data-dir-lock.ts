import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs'
import { join } from 'node:path'

/** Another process already has the embedded database open. */
export class DataDirInUseError extends Error {
  readonly code = 'EBUSY'
  constructor(dataDir: string, pid: number) {
    super(
      `The database in ${dataDir} is in use by another Thrive process (pid ${pid}). ` +
        'Stop the server first (Ctrl+C), then run the command again. To run several processes at once, use PostgreSQL (DATABASE_URL).',
    )
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * PGlite is a single-process database: a second process writing the same
 * directory corrupts what the first holds in memory. A lock file with the
 * owner's pid refuses the second process; a lock left by a process that has
 * died is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'thrive.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      const release = () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path)
        } catch {
          // Already gone: nothing to release.
        }
      }
      process.once('exit', release)
      return () => {
        process.removeListener('exit', release)
        release()
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(readFileSync(path, 'utf8'))
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) throw new DataDirInUseError(dataDir, owner)
      unlinkSync(path)
    }
  }
  throw new Error(`Could not lock ${dataDir}`)
}
