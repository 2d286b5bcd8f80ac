/**
 * What every file directly in bench/ exports as its default: run.ts finds the
 * files, runs each in turn and reports failures. A benchmark prints its own
 * lines, ending with `ratio=` against a baseline measured in the same run, and
 * throws only when something went wrong (errors, wrong responses), never
 * because it was slow: speed is reported, not asserted.
 */
export interface Benchmark {
  name: string
  run(settings: BenchSettings): Promise<void>
}

export interface BenchSettings {
  /** Seconds each measured load lasts (BENCH_DURATION, default 10). */
  durationSeconds: number
  /** Seconds of load before each measurement, so JIT and caches are warm. */
  warmUpSeconds: number
}

/** A benchmark's result could not be trusted (failed requests, a wrong page): the run exits 1. */
export class BenchmarkFailure extends Error {}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const raw = env.BENCH_DURATION
  const durationSeconds = raw === undefined || raw === '' ? 10 : Number(raw)
  if (!Number.isFinite(durationSeconds) || durationSeconds <= 0) {
    throw new Error(`BENCH_DURATION must be a positive number of seconds, not ‘${raw}’`)
  }
  return { durationSeconds, warmUpSeconds: 2 }
}

/** Two significant figures (0.087, 1.3, 42): enough to compare runs, without pretending to more precision than a shared machine gives. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a'
  return ratio >= 100 ? String(Math.round(ratio)) : ratio.toPrecision(2)
}

/**
 * The median time of a piece of work, in milliseconds: run for the warm-up,
 * then as often as fits the measured duration (at least five times).
 */
export async function medianMs(work: () => Promise<unknown>, settings: BenchSettings): Promise<{ median: number; runs: number }> {
  const warmUpEnd = Date.now() + settings.warmUpSeconds * 1000
  while (Date.now() < warmUpEnd) await work()
  const times: number[] = []
  const end = Date.now() + settings.durationSeconds * 1000
  while (Date.now() < end || times.length < 5) {
    const start = process.hrtime.bigint()
    await work()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)]!, runs: times.length }
}
