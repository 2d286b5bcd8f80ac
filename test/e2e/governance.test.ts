import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey, summary } from './support/journey.ts'

async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).trim()
}

async function bodyNames(page: Page): Promise<string[]> {
  return (await page.locator('table tbody tr td:first-child a').allInnerTexts()).map((t) => t.trim())
}

describe('governance: boards and groups, their members and the structure chart, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the list shows today’s bodies, and the 2008 structure when asked for that date', async () => {
    await e2e.follow(page, 'Governance', { within: 'nav' })
    assert.equal(await heading(page), 'Boards and groups')
    const now = await bodyNames(page)
    for (const name of [
      'Health and Wellbeing Board',
      'Children and Young People’s Strategic Partnership Board',
      'JSNA sub-group',
      'Oldham Safeguarding Children Partnership',
    ]) {
      assert.ok(now.includes(name), name)
    }
    assert.ok(!now.includes('Best Start in Life Partnership'), 'ended in 2019')

    await page.getByLabel('As it stood on (optional)').fill('2008-06-01')
    await e2e.submit(page, 'Apply filters')
    const then = await bodyNames(page)
    for (const name of [
      'Changing for Children Board',
      'Changing for Children Strategy Group',
      'Integrated Commissioning Group',
      'Learning Delivery Partnership',
      'Children and Young People Stakeholder Board',
    ]) {
      assert.ok(then.includes(name), name)
    }
    assert.ok(!then.includes('Children and Young People Partnership Executive Board'), 'superseded in April 2008')
  })

  test('a body’s page shows its accountability, members by role and the partner sectors missing', async () => {
    await e2e.visit(page, '/bodies')
    await e2e.follow(page, 'Children and Young People’s Strategic Partnership Board')
    const details = await summary(page)
    assert.equal(details['Accountable to'], 'Health and Wellbeing Board')
    assert.equal(details.Supersedes, 'Best Start in Life Partnership')
    assert.equal(details.Established, '1 April 2019')
    const chair = page.locator('h3', { hasText: /^Chair$/ }).locator('xpath=following-sibling::ul[1]')
    assert.match(await chair.innerText(), /^Cabinet Member for Children’s Services, representing Oldham Metropolitan Borough Council/)
    assert.match(details.Missing ?? '', /Voluntary, community and faith/)
    await e2e.follow(page, 'Terms of reference', { status: 200 })
    await page.goBack()
    await e2e.follow(page, 'Health and Wellbeing Board')
    assert.equal(await heading(page), 'Health and Wellbeing Board')
    assert.match((await summary(page))['Reporting to it'] ?? '', /JSNA sub-group/)
  })

  test('the structure chart draws every body of the date as a linked box, with the same structure as a list, without JavaScript', async () => {
    const plain = await e2e.newPage({ javaScript: false })
    await e2e.signIn(plain)
    await e2e.visit(plain, '/structure')
    await plain.getByLabel('As it stood on').fill('2008-06-01')
    await plain.getByLabel('Kind', { exact: true }).selectOption({ label: 'Any kind' })
    await e2e.submit(plain, 'Show structure')
    assert.equal(new URL(plain.url()).searchParams.get('on'), '2008-06-01')
    const boxes = plain.locator('svg.thrive-structure-chart a')
    const listed = plain.locator('#structure-list a')
    assert.equal(await boxes.count(), await listed.count())
    assert.ok((await boxes.count()) >= 14)
    assert.equal(
      await plain.locator('svg.thrive-structure-chart polyline').count(),
      (await boxes.count()) - 2,
      'two trees: the Oldham Partnership’s, and the safeguarding board on its own',
    )
    // Every name fits inside its box.
    for (const box of await boxes.all()) {
      const rect = await box.locator('rect').boundingBox()
      const text = await box.locator('text').boundingBox()
      assert.ok(
        rect && text && text.x >= rect.x && text.x + text.width <= rect.x + rect.width && text.y + text.height <= rect.y + rect.height,
        (await box.locator('text').textContent()) ?? '',
      )
    }
    await plain.locator('svg.thrive-structure-chart a', { hasText: 'Changing for Children Board' }).click()
    await plain.waitForURL(/\/bodies\/[0-9a-f-]{36}$/)
    assert.equal(await heading(plain), 'Changing for Children Board')
    await plain.context().close()
  })

  test('rebuilding a body: add with a mistake, then correctly; add its chair; record that it ended', async () => {
    await e2e.visit(page, '/bodies')
    await e2e.submit(page, 'Add a board or group')
    await e2e.submit(page, 'Save', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the body’s name', 'Select the kind of body'])

    await page.getByLabel('Name', { exact: true }).fill('Early Help Working Group')
    await page.getByLabel('Kind of body').selectOption({ label: 'Working group' })
    await page.getByLabel('Accountable to').selectOption({ label: 'Children and Young People’s Strategic Partnership Board' })
    await page.getByLabel('Day').fill('1')
    await page.getByLabel('Month').fill('9')
    await page.getByLabel('Year').fill('2019')
    await e2e.submit(page, 'Save')
    assert.match(await flash(page), /‘Early Help Working Group’ added/)
    assert.equal((await summary(page)).Established, '1 September 2019')

    await e2e.follow(page, 'Add a member')
    await page.getByLabel('Person').selectOption({ label: 'Assistant Director Safeguarding and Partnerships (Oldham Metropolitan Borough Council)' })
    await page.getByLabel('Chair', { exact: true }).check()
    await e2e.submit(page, 'Save membership')
    assert.match(
      await page.locator('#members ~ ul').first().innerText(),
      /Assistant Director Safeguarding and Partnerships, representing Oldham Metropolitan Borough Council/,
    )

    await e2e.submit(page, 'Change details')
    assert.equal(await heading(page), 'Change Early Help Working Group')
    await page.goBack()
    await e2e.submit(page, 'Record that it ended')
    await page.getByLabel('Day').fill('31')
    await page.getByLabel('Month').fill('3')
    await page.getByLabel('Year').fill('2021')
    await e2e.submit(page, 'Save')
    assert.equal((await summary(page)).Ended, '31 March 2021')
    await e2e.submit(page, 'Archive')
    assert.equal(await heading(page), 'Archive Early Help Working Group?')
  })

  test('a person’s page of everything they sit on', async () => {
    const person = await e2e.running.db.selectFrom('people').select('id').where('role_title', '=', 'Director of Children’s Services').executeTakeFirstOrThrow()
    await e2e.visit(page, `/people/${person.id}/bodies`)
    assert.equal(await heading(page), 'Boards and groups')
    assert.match(await page.locator('table').first().innerText(), /Children and Young People’s Strategic Partnership Board\tLead officer/)
  })
})
