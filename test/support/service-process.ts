import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

/** A port nothing on this machine is listening on just now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.on('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

export interface ServiceRun {
  /** From spawning `node` to the first 200 from /health. */
  readyMs: number
  /** CPU the process had used by then (user + system, from /proc); undefined where there is no /proc. */
  cpuMs: number | undefined
  stdout: string
  stderr: string
  /** The exit code after SIGTERM. */
  code: number | null
}

/**
 * Runs `npm start`'s command (read from package.json, so this runs what people
 * run) in a process of its own with `settings` over this environment (a setting
 * given as undefined is removed), waits until /health answers 200, stops it
 * with SIGTERM and returns what it printed and how it exited.
 */
export async function startAndStopService(settings: NodeJS.ProcessEnv, { limitMs = 120_000 } = {}): Promise<ServiceRun> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...settings }
  for (const [name, value] of Object.entries(settings)) if (value === undefined) delete env[name]
  const started = performance.now()
  const child = spawn(process.execPath, startArguments(), { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  let ready: { readyMs: number; cpuMs: number | undefined }
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}) before answering:\n${stdout}\n${stderr}`)
      if (performance.now() - started > limitMs) throw new Error(`the service did not answer within ${limitMs / 1000} s:\n${stdout}\n${stderr}`)
      if (await answers(port)) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    ready = { readyMs: performance.now() - started, cpuMs: cpuOf(child.pid) }
  } finally {
    child.kill('SIGTERM')
  }
  return { ...ready, stdout, stderr, code: await exited }
}

function startArguments(): string[] {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
  const [program, ...args] = (scripts.start ?? '').split(' ')
  if (program !== 'node') throw new Error(`npm start runs ‘${scripts.start}’, not node: it cannot be run here`)
  return args
}

async function answers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) })
    await response.body?.cancel()
    return response.ok
  } catch {
    return false
  }
}

/** A process's CPU so far: utime + stime from /proc, in clock ticks of 10 ms. */
function cpuOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return undefined
  }
}
