import type { BrowserContext, Page } from 'playwright-core'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/*
 * What a failing browser test leaves behind: the page as it stood (a
 * screenshot and its HTML) and a Playwright trace of what the test did in it,
 * under test-results/<test file>/<test name>/ (git-ignored). Open a trace with
 * `npx playwright show-trace <trace.zip>` or at https://trace.playwright.dev.
 *
 * The trace is kept only when THRIVE_E2E_TRACE=1: it costs 5 to 8 % of a
 * passing run, and CI's time is counted, so CI keeps the screenshot and HTML
 * and a person re-running a failing file asks for the trace. Then every
 * context is traced from the start, cut into one chunk per test, and a passing
 * test's chunk is dropped unsaved, so a passing run writes nothing.
 */

const tracing = process.env.THRIVE_E2E_TRACE === '1'

/** test-results/ at the root of the repository, whatever the working directory. */
export const resultsRoot = fileURLToPath(new URL('../../../test-results/', import.meta.url))

/** The test file that is calling, read from the call stack: node:test on Node 20 tells a hook its test's name, not its file. */
export function callingTestFile(): string {
  const frame = /([^\s()]+\.test\.[cm]?[jt]s):\d+/.exec(new Error().stack ?? '')?.[1] ?? process.argv[1] ?? 'unknown'
  return path.basename(frame.startsWith('file:') ? fileURLToPath(frame) : frame)
}

/** A test's name as one folder name that is safe on any file system and pastes into a shell as it is: "a-wrong-password-keeps-the-email-typed". */
export function folderName(name: string): string {
  const slug = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100)
    .replace(/[-.]+$/, '')
  return slug || 'unnamed-test'
}

/**
 * Starts tracing a context: each action with a DOM snapshot of the page before
 * and after it, which the trace viewer shows as the page. Not the screencast
 * (screenshots: true): on sign-in.test.ts that cost 10 to 17 % more time and
 * CPU on a passing run, where snapshots alone cost about 4 %; the screenshot
 * a failure leaves is taken separately.
 */
export async function startTracing(context: BrowserContext): Promise<void> {
  if (tracing) await context.tracing.start({ snapshots: true })
}

/** Drops the trace so far of a context that is still open and starts the next test's chunk. */
export async function nextChunk(context: BrowserContext): Promise<void> {
  if (!tracing) return
  await context.tracing.stopChunk()
  await context.tracing.startChunk()
}

/**
 * Writes the screenshot, HTML and trace of each page into the folder, the
 * first page (the one the test used last) without a number, and returns what
 * it wrote and what it could not, one line each. It never throws: the test's
 * own failure is the one to report.
 */
export async function keepArtifacts(folder: string, pages: Page[]): Promise<string[]> {
  const lines: string[] = []
  await rm(folder, { recursive: true, force: true })
  await mkdir(folder, { recursive: true })
  const shown = (file: string) => path.relative(process.cwd(), file) || file
  for (const [i, page] of pages.entries()) {
    const suffix = i === 0 ? '' : `-${i + 1}`
    const save = async (what: string, file: string, write: (file: string) => Promise<unknown>) => {
      const target = path.join(folder, file)
      try {
        await write(target)
        lines.push(`${what}: ${shown(target)}`)
      } catch (error) {
        lines.push(`${what}: not saved (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`)
      }
    }
    const where = page.url()
    await save(`screenshot of ${where}`, `screenshot${suffix}.png`, (file) => page.screenshot({ path: file, fullPage: true, timeout: 5_000 }))
    await save(`HTML of ${where}`, `page${suffix}.html`, async (file) => writeFile(file, await page.content()))
    if (!tracing) {
      lines.push('trace: not recorded (run this file again with THRIVE_E2E_TRACE=1 to keep one)')
      continue
    }
    await save(`trace (npx playwright show-trace)`, `trace${suffix}.zip`, async (file) => {
      await page.context().tracing.stopChunk({ path: file })
      await page.context().tracing.startChunk()
    })
  }
  return lines
}

/** Removes what an earlier failing run of the same test left, so test-results only ever shows failures of the last run. */
export async function clearArtifacts(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true })
}
