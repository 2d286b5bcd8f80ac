import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { demoSlug } from '../../demo/seed.ts'
import { errorSummary, heading, journey, summary } from './support/journey.ts'

const pdf = Buffer.from('%PDF-1.4\n% Terms of reference of the JSNA sub-group\n')

describe('terms of reference and the needs-attention panel, as the demo admin', () => {
  const e2e = journey()
  let page: Page
  let bodyId: string

  before(async () => {
    const db = e2e.running.db
    const partnership = await db.selectFrom('partnerships').select('id').where('slug', '=', demoSlug).executeTakeFirstOrThrow()
    // A body of its own, so the journey does not depend on what the rest of the demo holds.
    const body = await db
      .insertInto('bodies')
      .values({ partnership_id: partnership.id, name: 'Journey test sub-group', kind: 'sub-group' })
      .returning('id')
      .executeTakeFirstOrThrow()
    bodyId = body.id
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the panel lists a body with no terms of reference and leads to its page', async () => {
    await e2e.visit(page, '/governance')
    assert.equal(await heading(page), 'Governance: needs attention')
    const row = page.locator('#panel-terms-of-reference ~ table tr', { hasText: 'Journey test sub-group' })
    assert.match(await row.innerText(), /No terms of reference/)
    await e2e.follow(page, 'Journey test sub-group')
    assert.equal(await heading(page), 'Terms of reference')
    assert.match(await page.locator('main').innerText(), /No terms of reference have been recorded for Journey test sub-group yet/)
  })

  test('writing the first version: the form, its errors, then the saved version with its document', async () => {
    await e2e.visit(page, `/bodies/${bodyId}/terms-of-reference`)
    await e2e.submit(page, 'Add terms of reference')
    assert.equal(await heading(page), 'Terms of reference')

    await page.getByLabel('Quorum (optional)').fill('three')
    await page.locator('#agreedOn-day').fill('30')
    await page.locator('#agreedOn-month').fill('2')
    await page.locator('#agreedOn-year').fill('2019')
    await e2e.submit(page, 'Save terms of reference', { status: 400 })
    assert.deepEqual(await errorSummary(page), [
      'Enter the body’s purpose',
      'Quorum must be a whole number of members, like 4',
      'The date agreed must be a real date',
      'Enter the date the terms of reference are due for review',
    ])
    assert.equal(await page.getByLabel('Quorum (optional)').inputValue(), 'three', 'what was typed is kept')

    await page.getByLabel('Purpose').fill('To oversee the Joint Strategic Needs Assessment and agree its work plan.')
    await page.getByLabel('Quorum (optional)').fill('3')
    await page.getByLabel('Reporting arrangements (optional)').fill('To the Health and Wellbeing Board')
    await page.locator('#agreedOn-day').fill('29')
    await page.locator('#agreedOn-month').fill('1')
    await page.locator('#reviewDueOn-day').fill('29')
    await page.locator('#reviewDueOn-month').fill('1')
    await page.locator('#reviewDueOn-year').fill('2020')
    await page.getByLabel('Upload the agreed document (optional)').setInputFiles({ name: 'JSNA ToR.pdf', mimeType: 'application/pdf', buffer: pdf })
    await e2e.submit(page, 'Save terms of reference')

    assert.equal(await heading(page), 'Terms of reference')
    assert.match(await page.locator('main').innerText(), /Version 1, agreed on 29 January 2019\.\s*Review overdue/)
    const details = await summary(page)
    assert.equal(details.Quorum, '3 members')
    assert.equal(details['Review due'], '29 January 2020')
    assert.match(details.Document ?? '', /^JSNA ToR\.pdf \(1 KB\)$/)

    const href = await page.getByRole('link', { name: 'JSNA ToR.pdf' }).getAttribute('href')
    const download = await page.request.get(`${e2e.running.url}${href}`)
    assert.equal(download.status(), 200)
    assert.equal(download.headers()['content-disposition'], `attachment; filename="JSNA ToR.pdf"; filename*=UTF-8''JSNA%20ToR.pdf`)
    assert.equal(download.headers()['x-content-type-options'], 'nosniff')
    assert.deepEqual(await download.body(), pdf)
  })

  test('a new version keeps the old one, which can be compared with the current', async () => {
    await e2e.visit(page, `/bodies/${bodyId}/terms-of-reference`)
    await e2e.submit(page, 'Add a new version')
    assert.equal(await heading(page), 'New version of the terms of reference')
    assert.equal(await page.getByLabel('Purpose').inputValue(), 'To oversee the Joint Strategic Needs Assessment and agree its work plan.')
    await page.getByLabel('Quorum (optional)').fill('4')
    for (const [id, value] of Object.entries({
      'agreedOn-day': '1',
      'agreedOn-month': '6',
      'agreedOn-year': '2026',
      'reviewDueOn-day': '1',
      'reviewDueOn-month': '6',
      'reviewDueOn-year': '2030',
    })) {
      await page.locator(`#${id}`).fill(value)
    }
    await e2e.submit(page, 'Save terms of reference')
    assert.match(await page.locator('main').innerText(), /Version 2, agreed on 1 June 2026\.\s*Up to date/)

    await e2e.follow(page, 'Version 1 (compare with the current version)')
    assert.equal(await heading(page), 'Terms of reference: version 1')
    const changed = await page.locator('tbody th', { hasText: 'Changed' }).allInnerTexts()
    assert.deepEqual(
      changed.map((t) => t.replace(/\s*Changed$/, '').trim()),
      ['Quorum (members)', 'Agreed on', 'Review due', 'Document'],
    )

    await e2e.visit(page, '/governance')
    assert.equal(await page.locator('main', { hasText: 'Journey test sub-group' }).count(), 0, 'an up-to-date body leaves the panel')
  })

  test('a viewer reads the terms of reference but is refused the form', async () => {
    const viewer = await e2e.newPage()
    await e2e.signIn(viewer, 'viewer@demo.thrive.local')
    await e2e.visit(viewer, `/bodies/${bodyId}/terms-of-reference`)
    assert.equal(await viewer.getByRole('link', { name: 'Add a new version' }).count(), 0)
    await e2e.visit(viewer, `/bodies/${bodyId}/terms-of-reference/new`, { status: 403 })
  })
})
