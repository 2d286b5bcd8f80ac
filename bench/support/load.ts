import autocannon from 'autocannon'

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

/** Loads one URL with autocannon in this process: a warm-up first, then the run that is measured. */
export async function measure(options: LoadOptions): Promise<LoadFigures> {
  const base = { url: options.url, headers: options.headers, connections: options.connections }
  const warmUp = await autocannon({ ...base, duration: options.warmUpSeconds })
  const result = await autocannon({ ...base, duration: options.durationSeconds })
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: warmUp.errors + result.errors,
    non2xx: warmUp.non2xx + result.non2xx,
  }
}

export function describeLoad(figures: LoadFigures): string {
  return `${Math.round(figures.requestsPerSecond)} req/s p99 ${Math.round(figures.p99Ms)} ms`
}
