import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'

export interface LoadOptions {
  url: string
  headers?: Record<string, string>
  connections: number
  durationSeconds: number
  warmUpSeconds: number
}

export interface LoadFigures {
  /** Mean requests per second over the measured run. */
  requestsPerSecond: number
  p99Ms: number
  /** Connection errors and timeouts, in the warm-up and the measured run: any is a failure. */
  errors: number
  /** Responses other than 2xx, in the warm-up and the measured run. */
  non2xx: number
}

interface ProcessFigures {
  requestsPerSecond: number
  p99Ms: number
  errors: number
  timeouts: number
  statuses: Record<string, number>
}

/**
 * One load run by autocannon in a process of its own (load-process.ts): a load
 * generator in the server's own thread takes the event loop it is measuring,
 * which flattered the page and the baseline alike, and by different amounts.
 */
async function loadFrom(options: Omit<LoadOptions, 'warmUpSeconds'>): Promise<ProcessFigures> {
  const script = join(import.meta.dirname, 'load-process.ts')
  const loader = join(import.meta.dirname, '../../scripts/typescript.js')
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', loader, script, JSON.stringify({ headers: {}, ...options })], {
    maxBuffer: 1024 * 1024,
  })
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ProcessFigures
}

const non2xx = (figures: ProcessFigures) =>
  Object.entries(figures.statuses)
    .filter(([code]) => !code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0)

/** Loads one URL from another process: a warm-up first, then the run that is measured. */
export async function measure(options: LoadOptions): Promise<LoadFigures> {
  const { warmUpSeconds, ...load } = options
  const warmUp = await loadFrom({ ...load, durationSeconds: warmUpSeconds })
  const result = await loadFrom(load)
  return {
    requestsPerSecond: result.requestsPerSecond,
    p99Ms: result.p99Ms,
    errors: warmUp.errors + warmUp.timeouts + result.errors + result.timeouts,
    non2xx: non2xx(warmUp) + non2xx(result),
  }
}

export function describeLoad(figures: LoadFigures): string {
  return `${Math.round(figures.requestsPerSecond)} req/s p99 ${Math.round(figures.p99Ms)} ms`
}
