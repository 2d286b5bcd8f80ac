import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAndStopService } from '../test/support/service-process.ts'
import { BenchmarkFailure, formatRatio, type Benchmark } from './support/benchmark.ts'

const restarts = 3
const baselineRuns = 5

/**
 * How long the real service takes from `node` to answering /health, on a new
 * embedded database (a first start: a new PGlite data directory, every
 * migration, the demo) and on that same database again (a restart), each in a
 * child process as `npm start` runs it, against starting Node and doing
 * nothing (`node -e ''`). ratio= is a restart over that baseline. CPU seconds
 * are printed too, being steadier than wall time on a shared machine.
 */
const benchmark: Benchmark = {
  name: 'restart',
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'thrive-bench-restart-'))
    try {
      const first = await start(dataDir)
      const again: Start[] = []
      for (let i = 0; i < restarts; i++) again.push(await start(dataDir))
      const restart = median(again)
      const baseline = median(Array.from({ length: baselineRuns }, emptyNode))
      console.log(`restart: first start ${describe(first)}; restart ${describe(restart)} (median of ${restarts}); node -e '' ${describe(baseline)}`)
      console.log(`restart: restart over node -e '': ratio=${formatRatio(restart.wallMs / baseline.wallMs)}`)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  },
}
export default benchmark

interface Start {
  wallMs: number
  cpuMs: number | undefined
}

/** The embedded default whatever this shell has set: no DATABASE_URL, and the demo on its default. */
async function start(dataDir: string): Promise<Start> {
  try {
    const run = await startAndStopService(
      { THRIVE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: undefined, THRIVE_DEMO: undefined },
      { limitMs: 180_000 },
    )
    if (run.code !== 0) throw new Error(`the service exited ${run.code} on SIGTERM:\n${run.stdout}\n${run.stderr}`)
    return { wallMs: run.readyMs, cpuMs: run.cpuMs }
  } catch (error) {
    throw new BenchmarkFailure((error as Error).message)
  }
}

/** Node that starts and exits: what any start costs on this machine. It reports its own CPU, having no time to be read from outside. */
function emptyNode(): Start {
  const started = performance.now()
  const run = spawnSync(process.execPath, ['-e', 'const c = process.cpuUsage(); console.log(c.user + c.system)'], { encoding: 'utf8' })
  const wallMs = performance.now() - started
  if (run.status !== 0) throw new BenchmarkFailure(`node -e failed: ${run.stderr}`)
  return { wallMs, cpuMs: Number(run.stdout) / 1000 }
}

function median(starts: Start[]): Start {
  return [...starts].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(starts.length / 2)]!
}

function describe(start: Start): string {
  const cpu = start.cpuMs === undefined ? '' : `, ${(start.cpuMs / 1000).toFixed(2)} s CPU`
  return `${(start.wallMs / 1000).toFixed(2)} s${cpu}`
}
