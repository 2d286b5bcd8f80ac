import cliProgress, { type SingleBar } from 'cli-progress'
import type { Progress } from './backup.ts'

/** Below this many rows the work takes a moment and a bar would only flicker. */
const worthABar = 10_000

/**
 * A progress bar on stderr for long copies, shown only to a person at a
 * terminal: scripts and pipes get the plain summary line alone.
 */
export function rowProgress(verb: string, interactive = Boolean(process.stdout.isTTY)): Progress | undefined {
  if (!interactive) return undefined
  let bar: SingleBar | undefined
  return {
    start(totalRows) {
      if (totalRows < worthABar) return
      bar = new cliProgress.SingleBar(
        { stream: process.stderr, format: `${verb} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left`, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
      bar.start(totalRows, 0)
    },
    advance(rows) {
      bar?.increment(rows)
    },
    stop() {
      bar?.stop()
      bar = undefined
    },
  }
}
