import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import { journey } from './support/journey.ts'
import { assertAccessible } from './support/axe.ts'

// The journeys pass only if axe can fail: these spoil a real page and expect the check to say so.
describe('the accessibility check itself', () => {
  const e2e = journey()

  for (const javaScript of [true, false]) {
    test(`reports violations on a spoiled page, with JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const page = await e2e.newPage({ javaScript })
      await e2e.visit(page, '/sign-in')
      // A page with JavaScript off can still be changed from outside, as a broken template would leave it.
      await page.evaluate(() => {
        document.documentElement.removeAttribute('lang')
        document.querySelector('label[for="email"]')?.remove()
      })
      await assert.rejects(assertAccessible(page, 'spoiled sign-in page', { javaScript }), (error: Error) => {
        assert.match(error.message, /html-has-lang/)
        assert.match(error.message, /label/)
        assert.match(error.message, /#email/)
        return true
      })
    })
  }
})
