import autocannon from 'autocannon'

/**
 * Runs autocannon in a process of its own, so the load generator never
 * competes with the server or the prober for an event loop. Takes its options
 * as one JSON argument ({ url, headers, connections, durationSeconds }) and
 * prints the figures as one JSON line.
 */
async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as { url: string; headers: Record<string, string>; connections: number; durationSeconds: number }
  const result = await autocannon({
    url: options.url,
    headers: options.headers,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 60,
  })
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, (stats as { count: number }).count]))
  process.stdout.write(
    `${JSON.stringify({ requests: result.requests.total, requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors, timeouts: result.timeouts, statuses })}\n`,
  )
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
