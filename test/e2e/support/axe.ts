import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** WCAG 2.2 AA, as the quality bar sets it. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

type Violations = Awaited<ReturnType<AxeBuilder['analyze']>>['violations']

/** One paragraph per rule broken: what, how bad, where, and what axe says to fix. */
export function describeViolations(violations: Violations): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n')
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes}`
    })
    .join('\n')
}

/*
 * Legacy mode runs axe in the page itself. The default opens a blank page after
 * every run to put together the results of the page's frames, which doubled the
 * cost of each check (measured: ~1.7 s to ~0.85 s a page); Thrive's pages have
 * no frames, so the results are the same.
 */
async function violationsOn(page: Page): Promise<Violations> {
  return (await new AxeBuilder({ page }).withTags(wcagTags).setLegacyMode(true).analyze()).violations
}

/**
 * axe runs on timers, which never fire in a page with JavaScript turned off.
 * So the page as it stands (the DOM a person without JavaScript has) is
 * served, without its scripts, at the same address to a JavaScript-enabled
 * page that loads the real stylesheet, and axe runs there.
 */
async function violationsWithoutJavaScript(page: Page): Promise<Violations> {
  const browser = page.context().browser()
  if (!browser) throw new Error('The page has no browser to audit it in')
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '')
  const address = page.url()
  const context = await browser.newContext({ javaScriptEnabled: true })
  try {
    const auditor = await context.newPage()
    await auditor.route(
      (url) => url.href === address,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    )
    await auditor.goto(address)
    return await violationsOn(auditor)
  } finally {
    await context.close()
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
