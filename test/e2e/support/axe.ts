import type { AxeResults, RunOptions } from 'axe-core'
import type { Page } from 'playwright-core'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'

/** WCAG 2.2 AA, as the quality bar sets it. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

type Violations = AxeResults['violations']

/** One paragraph per rule broken: what, how bad, where, and what axe says to fix. */
export function describeViolations(violations: Violations): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n')
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes}`
    })
    .join('\n')
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/*
 * Sending the 560 KB axe source into every page to be checked cost more than
 * half of each check (~250-450 ms: carried through the DevTools protocol, then
 * compiled afresh). A page with a script nonce loads it instead as a script
 * from this test process, which the browser keeps in its cache and compiles
 * once (~0-140 ms). The nonce is the page's own, so the page's policy still
 * decides; a page without one (the auditor of a page without JavaScript) is
 * sent the source.
 */
let axeAddress: Promise<string> | undefined
function servedAxe(): Promise<string> {
  axeAddress ??= new Promise((resolve, reject) => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=86400' })
      response.end(axeSource)
    })
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/axe.min.js`))
    server.unref()
  })
  return axeAddress
}

async function loadAxe(page: Page): Promise<void> {
  const loaded = await page.evaluate(
    (address) =>
      new Promise<boolean>((resolve) => {
        const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce
        if (!nonce) return resolve(false)
        const script = document.createElement('script')
        script.src = address
        script.nonce = nonce
        script.onload = () => resolve(true)
        script.onerror = () => resolve(false)
        document.head.append(script)
      }),
    await servedAxe(),
  )
  if (!loaded) await page.evaluate(axeSource)
}

/*
 * axe-core's own API in the page, not @axe-core/playwright: that wrapper sends
 * the axe source to the page twice for every check and brings back every
 * passing node with its selector, and the check took twice as long (measured
 * on the scorecard, meetings and home pages: ~0.8-1.2 s against ~0.4-0.6 s).
 * Only violations are needed here, and asking axe for them alone (resultTypes)
 * spares it describing the passes. Thrive's pages have no frames.
 */
async function violationsOn(page: Page): Promise<Violations> {
  await loadAxe(page)
  const options: RunOptions = { runOnly: { type: 'tag', values: wcagTags }, resultTypes: ['violations'] }
  return page.evaluate(async (options) => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') }
    return (await axe.run(document, options)).violations
  }, options)
}

/*
 * axe runs on timers, which never fire in a page with JavaScript turned off.
 * So the page as it stands (the DOM a person without JavaScript has) is
 * served, without its scripts, at the same address to a JavaScript-enabled
 * page that loads the real stylesheet, and axe runs there. One such auditor
 * page serves a whole browser: a new context for each check cost a renderer
 * process each time.
 */
interface Auditor {
  page: Page
  serving: { address: string; html: string } | undefined
}
const auditors = new WeakMap<object, Promise<Auditor>>()

async function openAuditor(page: Page): Promise<Auditor> {
  const browser = page.context().browser()
  if (!browser) throw new Error('The page has no browser to audit it in')
  const auditor: Auditor = { page: await (await browser.newContext({ javaScriptEnabled: true })).newPage(), serving: undefined }
  await auditor.page.route(
    (url) => url.href === auditor.serving?.address,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: auditor.serving?.html ?? '' }),
  )
  return auditor
}

async function violationsWithoutJavaScript(page: Page): Promise<Violations> {
  const browser = page.context().browser()
  if (!browser) throw new Error('The page has no browser to audit it in')
  let opening = auditors.get(browser)
  if (!opening) {
    opening = openAuditor(page)
    auditors.set(browser, opening)
  }
  const auditor = await opening
  auditor.serving = { address: page.url(), html: (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '') }
  try {
    await auditor.page.goto(auditor.serving.address)
    return await violationsOn(auditor.page)
  } finally {
    auditor.serving = undefined
  }
}

/*
 * Journeys pass through the same page state again and again (a list after each
 * change, the home page after each sign-in), and axe gives the same answer to
 * the same markup, stylesheet and viewport. So a state that passed is written
 * down by the hash of its markup, and is not audited again in this run: every
 * distinct state is still checked once. Only what cannot change the answer is
 * taken out of the markup first (form tokens, script nonces, record ids). The
 * record is per run of the test runner (its process id), so a later run, with
 * other code, audits everything afresh.
 */
const passedDir = path.join(os.tmpdir(), `thrive-axe-passed-${process.ppid}`)
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

async function stateOf(page: Page, javaScript: boolean): Promise<string> {
  const markup = (await page.content())
    .replace(/name="_csrf" value="[^"]*"/g, '')
    .replace(/nonce="[^"]*"/g, '')
    .replace(uuid, 'ID')
  const viewport = page.viewportSize()
  return createHash('sha256').update(`${javaScript}|${viewport?.width}x${viewport?.height}|${markup}`).digest('hex')
}

/** Fails with a readable list of every WCAG 2.2 AA violation axe finds on the page as it is now. */
export async function assertAccessible(page: Page, what: string, { javaScript = true } = {}): Promise<void> {
  const state = path.join(passedDir, await stateOf(page, javaScript))
  if (existsSync(state)) return
  const violations = javaScript ? await violationsOn(page) : await violationsWithoutJavaScript(page)
  if (violations.length > 0) {
    throw new Error(
      `${what} (${page.url()}) has ${violations.length} accessibility violation(s)${javaScript ? '' : ' without JavaScript'}:\n${describeViolations(violations)}`,
    )
  }
  mkdirSync(passedDir, { recursive: true })
  writeFileSync(state, `${page.url()}\n`)
}
