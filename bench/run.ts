import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { availableParallelism } from 'node:os'
import { BenchmarkFailure, loadSettings, type Benchmark } from './support/benchmark.ts'

/**
 * `npm run bench [name…]`: runs every benchmark module directly in bench/
 * (helpers live in bench/support/), one after another so they never compete
 * for the machine, and exits 1 if any failed. Slowness never fails a run.
 */
async function main(): Promise<void> {
  const settings = loadSettings()
  const wanted = new Set(process.argv.slice(2))
  const files = readdirSync(import.meta.dirname)
    .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
    .sort()

  const benchmarks: Benchmark[] = []
  for (const file of files) {
    const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as { default?: Benchmark }
    const benchmark = module.default
    if (typeof benchmark?.name !== 'string' || typeof benchmark.run !== 'function') {
      throw new Error(`bench/${file} must export a default { name, run } (see bench/support/benchmark.ts)`)
    }
    if (wanted.size === 0 || wanted.has(benchmark.name)) benchmarks.push(benchmark)
  }
  const unknown = [...wanted].filter((name) => !benchmarks.some((b) => b.name === name))
  if (unknown.length > 0) throw new Error(`No benchmark called ${unknown.join(', ')}`)

  console.log(`Thrive benchmarks on Node ${process.version}, ${availableParallelism()} CPUs: ${benchmarks.map((b) => b.name).join(', ')}\n`)
  const failed: string[] = []
  for (const benchmark of benchmarks) {
    try {
      await benchmark.run(settings)
    } catch (error) {
      failed.push(benchmark.name)
      // A BenchmarkFailure says what went wrong; anything else is a bug, so show where.
      const detail = error instanceof BenchmarkFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)
      console.error(`${benchmark.name}: FAILED: ${detail}`)
    }
    console.log('')
  }
  if (failed.length > 0) {
    console.error(`${failed.length} of ${benchmarks.length} benchmarks failed: ${failed.join(', ')}`)
    process.exitCode = 1
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
