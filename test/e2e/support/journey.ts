import { after, afterEach, before, beforeEach, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { setTimeout as pause } from 'node:timers/promises'
import type { Browser, BrowserContext, Page, Response } from 'playwright-core'
import { launchBrowser } from './browser.ts'
import { startApp, type RunningApp } from './server.ts'
import { assertAccessible } from './axe.ts'
import { callingTestFile, clearArtifacts, folderName, keepArtifacts, nextChunk, resultsRoot, startTracing } from './artifacts.ts'

/** Everything that went wrong on a page that the page itself does not show: script errors, CSP refusals, missing assets. */
interface Trouble {
  problems: string[]
}

const troubles = new WeakMap<Page, Trouble>()
const withoutJavaScript = new WeakSet<Page>()

function watch(page: Page): void {
  const trouble: Trouble = { problems: [] }
  troubles.set(page, trouble)
  page.on('pageerror', (error) => trouble.problems.push(`script error: ${error.message}`))
  page.on('console', (message) => {
    // A page answered with 400 or 404 on purpose is logged as a failed load; failed subresources are caught below instead.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) trouble.problems.push(`console: ${message.text()}`)
  })
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is the browser dropping what the previous page was still fetching when the next one loads.
    const reason = request.failure()?.errorText ?? 'unknown'
    if (reason !== 'net::ERR_ABORTED') trouble.problems.push(`request failed: ${request.url()} (${reason})`)
  })
  page.on('response', (response) => {
    if (!response.request().isNavigationRequest() && response.status() >= 400) trouble.problems.push(`${response.status()} for ${response.url()}`)
  })
}

function assertNoTrouble(page: Page, where: string): void {
  const trouble = troubles.get(page)
  if (!trouble || trouble.problems.length === 0) return
  const problems = trouble.problems.splice(0)
  assert.fail(`${where} had problems:\n  ${problems.join('\n  ')}`)
}

export interface Journey {
  readonly running: RunningApp
  readonly browser: Browser
  /** A fresh browser profile (no cookies); JavaScript can be turned off to prove a page works without it. */
  newPage(options?: { javaScript?: boolean }): Promise<Page>
  /** Goes to a page, checks the status a person's browser got, and runs axe on it. */
  visit(page: Page, path: string, expected?: { status?: number }): Promise<void>
  /** Presses a button (a form's, or a link styled as one), waits for the page it leads to, checks its status and runs axe on it. */
  submit(page: Page, button: string, expected?: { status?: number }): Promise<void>
  /** Follows a link as a person would, then checks the page it leads to like visit does. */
  follow(page: Page, link: string, expected?: { status?: number; within?: string }): Promise<void>
  /** Signs in through the sign-in page, as the demo admin unless told otherwise. */
  signIn(page: Page, email?: string): Promise<void>
  /** Presses "Sign out" and checks the signed-out home page. */
  signOut(page: Page): Promise<void>
}

/** Whether the test passed, where node:test says so (Node 20.12 and later; its types do not have it yet). */
function testPassed(t: TestContext): boolean | undefined {
  return (t as TestContext & { passed?: boolean }).passed
}

/**
 * Registers before/after hooks that start the app and Chromium for one test
 * file, and returns the helpers every journey uses. Each visit and submit
 * runs axe, so every page a journey reaches is checked, error states included.
 *
 * A test that fails leaves a screenshot, the HTML and a Playwright trace of
 * the pages it used in test-results/<test file>/<test name>/ (see
 * artifacts.ts), and prints where; so does a journey step that fails in a
 * before hook, under "<suite>-before-hook".
 */
export function journey(options: Parameters<typeof startApp>[0] = {}): Journey {
  let running: RunningApp | undefined
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  const open = new Set<BrowserContext>()
  const results = path.join(resultsRoot, callingTestFile())
  let suite = 'tests'
  /** Within a test: the pages it opened or took a step on, the last one last, and whether a step failed. */
  let current: { pages: Page[]; stepFailed: boolean } | undefined
  /** The page a step last used, or the newest page: what a failure outside any step most likely concerns. */
  let lastPage: Page | undefined
  const kept = new WeakSet<object>()

  before(async (t) => {
    suite = t.name
    await clearArtifacts(path.join(results, folderName(`${suite} before hook`)))
    running = await startApp(options)
    browser = await launchBrowser()
  })

  after(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await running?.close()
  })

  beforeEach(() => {
    current = { pages: [], stepFailed: false }
  })

  afterEach(async (t) => {
    const test = current
    current = undefined
    // Each test's own hook gets the test's context; the types allow a suite's too.
    if (!('diagnostic' in t)) return
    const folder = path.join(results, folderName(t.name))
    if (testPassed(t) ?? !test?.stepFailed) {
      await clearArtifacts(folder)
      for (const context of open) await nextChunk(context).catch(() => undefined)
      return
    }
    // The pages the test used, the last one first; or else the page a step last used.
    const pages = [...new Set([...(test?.pages ?? []), ...(lastPage ? [lastPage] : [])].reverse())].filter((p) => !p.isClosed())
    if (pages.length === 0) t.diagnostic('no page was open to keep a screenshot or trace of')
    for (const line of await keepArtifacts(folder, pages)) t.diagnostic(line)
    for (const context of open) if (!pages.some((p) => p.context() === context)) await nextChunk(context).catch(() => undefined)
  })

  function used(page: Page): void {
    lastPage = page
    if (current) current.pages.push(page)
  }

  /** Runs a journey step on a page; a step failing outside a test (in a before hook) keeps the page's artifacts at once. */
  async function step<T>(page: Page, act: () => Promise<T>): Promise<T> {
    used(page)
    try {
      return await act()
    } catch (error) {
      if (current) current.stepFailed = true
      else if (error instanceof Object && !kept.has(error)) {
        kept.add(error)
        const folder = path.join(results, folderName(`${suite} before hook`))
        for (const line of await keepArtifacts(folder, [page])) console.error(line)
      }
      throw error
    }
  }

  /** Does what a person does to leave a page, then checks the page they arrive at: its status, its troubles and axe. */
  async function arrive(page: Page, action: string, status: number, act: () => Promise<void>): Promise<void> {
    let last: Response | undefined
    // The last document response is the page arrived at, after any redirect.
    const onResponse = (response: Response) => {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) last = response
    }
    page.on('response', onResponse)
    try {
      const loaded = page.waitForEvent('load')
      await act()
      await loaded
    } finally {
      page.off('response', onResponse)
    }
    const where = `${action} (${page.url()})`
    assert.ok(last, `no page loaded ${where}`)
    assert.equal(last.status(), status, `${where} answered ${last.status()}, expected ${status}`)
    assertNoTrouble(page, where)
    await assertAccessible(page, where, { javaScript: !withoutJavaScript.has(page) })
  }

  const self: Journey = {
    get running() {
      if (!running) throw new Error('The app is not running: use the journey inside tests')
      return running
    },
    get browser() {
      if (!browser) throw new Error('The browser is not running: use the journey inside tests')
      return browser
    },

    async newPage({ javaScript = true } = {}) {
      const context = await self.browser.newContext({ javaScriptEnabled: javaScript, baseURL: self.running.url })
      contexts.push(context)
      // Every page here answers in well under a second; waiting the default 30 s only delays the report.
      context.setDefaultTimeout(10_000)
      await startTracing(context)
      open.add(context)
      context.on('close', () => open.delete(context))
      const page = await context.newPage()
      watch(page)
      if (!javaScript) withoutJavaScript.add(page)
      used(page)
      return page
    },

    visit: (page, address, { status = 200 } = {}) =>
      step(page, async () => {
        const response = await page.goto(address)
        assert.ok(response, `no response for ${address}`)
        assert.equal(response.status(), status, `${address} answered ${response.status()}, expected ${status}`)
        assertNoTrouble(page, address)
        await assertAccessible(page, address, { javaScript: !withoutJavaScript.has(page) })
      }),

    submit: (page, button, { status = 200 } = {}) =>
      step(page, () => arrive(page, `after pressing “${button}”`, status, () => page.getByRole('button', { name: button, exact: true }).click())),

    follow: (page, link, { status = 200, within = 'body' } = {}) =>
      step(page, () =>
        arrive(page, `after following “${link}”`, status, () => page.locator(within).getByRole('link', { name: link, exact: true }).first().click()),
      ),

    signIn: (page, email = self.running.demo.email) =>
      step(page, async () => {
        await self.visit(page, '/sign-in')
        await page.getByLabel('Email address').fill(email)
        await page.getByLabel('Password', { exact: true }).fill(self.running.demo.password)
        await self.submit(page, 'Sign in')
        assert.match(await page.locator('.thrive-partnership-bar').innerText(), /Signed in as/)
      }),

    signOut: (page) =>
      step(page, async () => {
        await self.submit(page, 'Sign out')
        assert.equal(new URL(page.url()).pathname, '/')
        assert.equal(await heading(page), 'Thrive')
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /You have signed out/)
      }),
  }
  return self
}

/**
 * Checks a condition again and again until it holds, or fails once the time is
 * up: for what the app finishes in its own time, such as an import. It checks
 * at once, then at growing intervals (never a fixed sleep before the first look).
 */
export async function eventually(what: string, holds: () => Promise<boolean>, { timeout = 60_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeout
  const intervals = [50, 100, 250, 500]
  for (let i = 0; !(await holds()); i++) {
    if (Date.now() >= deadline) assert.fail(`${what}: still not so after ${timeout / 1000} s`)
    await pause(intervals[Math.min(i, intervals.length - 1)])
  }
}

/** The page's main heading, as a screen reader would announce it. */
export async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().innerText()).trim()
}

/** The error summary's messages, in order. */
export async function errorSummary(page: Page): Promise<string[]> {
  return (await page.locator('.govuk-error-summary__list li').allInnerTexts()).map((t) => t.trim())
}

/** The text in each row of the first table on the page, cells joined by " | ". */
export async function tableRows(page: Page): Promise<string[]> {
  const rows = page.locator('table tbody tr')
  const texts: string[] = []
  for (const row of await rows.all()) texts.push((await row.locator('th, td').allInnerTexts()).map((t) => t.trim()).join(' | '))
  return texts
}

/** A summary list as key → value, as a person reads it on the page. */
export async function summary(page: Page): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const row of await page.locator('.govuk-summary-list__row').all()) {
    const key = (await row.locator('.govuk-summary-list__key').innerText()).trim()
    result[key] = (await row.locator('.govuk-summary-list__value').innerText()).trim()
  }
  return result
}
