import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey, summary, tableRows } from './support/journey.ts'

const board = 'Children and Young People’s Strategic Partnership Board'
const safe = 'Are safe and feel safe'
const reworded = 'Are safe and feel safe, at home, at school, online and in their community'
const stray = 'Every Oldham child will have a trusted adult to talk to.'

describe('the strategic framework, as the partnership manager', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the framework in force is the 2019 version adopted by the Strategic Partnership Board, read-only', async () => {
    await e2e.follow(page, 'Strategy', { within: 'nav' })
    assert.equal(await heading(page), 'Strategic framework')
    const main = await page.locator('main').innerText()
    assert.match(main, /a place where children and young people thrive/)
    assert.match(main, /Every Oldham child will start school ready to learn\./)
    assert.equal(await page.locator('main ol').first().locator('li').count(), 5, 'five outcomes')
    assert.equal(await page.locator('main ol').nth(1).locator('li').count(), 9, 'nine commitments')
    const versions = await tableRows(page)
    assert.deepEqual(versions, [
      `Version 1 | Oldham Children and Young People’s Strategic Framework | Adopted (in force) | 7 February 2019 to 29 March 2019 | 30 June 2019 by the ${board}`,
    ])

    await e2e.follow(page, 'Version 1')
    assert.equal(await heading(page), 'Version 1 of the strategic framework')
    assert.match(await page.locator('.govuk-inset-text').innerText(), /cannot be changed/)
    assert.equal(await page.getByRole('link', { name: `Change ‘${safe}’` }).count(), 0, 'no way to change an adopted version')
    assert.match(await page.locator('main').innerText(), /This is the first version: 5 outcomes and 9 commitments/)
  })

  test('drafting version 2: an outcome reworded, a commitment serving nothing flagged then removed, consulted on and adopted', async () => {
    await e2e.visit(page, '/framework')
    await e2e.submit(page, 'Start a new draft from version 1')
    assert.equal(await heading(page), 'Version 2 of the strategic framework')
    assert.match(await page.locator('main').innerText(), /No outcome or commitment has been added, removed or reworded since version 1/)

    await e2e.follow(page, `Change ‘${safe}’`)
    await page.getByLabel('Outcome', { exact: true }).fill('')
    await e2e.submit(page, 'Save outcome', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the outcome'])
    await page.getByLabel('Outcome', { exact: true }).fill(reworded)
    await e2e.submit(page, 'Save outcome')
    assert.match(await page.locator('main').innerText(), new RegExp(`Reworded: ${safe}\\s+now reads\\s+${reworded}`))

    await e2e.follow(page, 'Add a commitment')
    await page.getByLabel('Commitment', { exact: true }).fill(stray)
    await e2e.submit(page, 'Save commitment')
    assert.match(await page.locator('.govuk-warning-text').innerText(), new RegExp(`1 commitment serves none:\\s+${stray}`))
    await e2e.submit(page, `Remove ‘${stray}’`)
    assert.equal(await page.locator('.govuk-warning-text').count(), 0)

    await e2e.submit(page, 'Put out for consultation')
    const dates = async (prefix: string, day: string, month: string, year: string) => {
      await page.locator(`#${prefix}-day`).fill(day)
      await page.locator(`#${prefix}-month`).fill(month)
      await page.locator(`#${prefix}-year`).fill(year)
    }
    await dates('startsOn', '1', '9', '2021')
    await dates('endsOn', '1', '8', '2021')
    await e2e.submit(page, 'Put out for consultation', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['The date the consultation ends must be on or after the date it starts'])
    await dates('endsOn', '31', '10', '2021')
    await e2e.submit(page, 'Put out for consultation')
    assert.match(await page.locator('.govuk-tag').first().innerText(), /Out for consultation/i)

    await e2e.submit(page, 'Adopt this version')
    await dates('adoptedOn', '2', '12', '2021')
    await e2e.submit(page, 'Adopt this version', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Select the body that adopted the framework'])
    await page.getByLabel('Adopted by').selectOption({ label: board })
    await e2e.submit(page, 'Adopt this version')
    assert.equal((await summary(page)).Adopted, `2 December 2021 by the ${board}`)

    await e2e.follow(page, 'Back to the strategic framework')
    const versions = await tableRows(page)
    assert.match(versions[0]!, /^Version 2 \| .* \| Adopted \(in force\)/)
    assert.match(versions[1]!, /^Version 1 \| .* \| Superseded/)
  })

  test('the public page shows the adopted wording', async () => {
    const visitor = await e2e.newPage()
    await e2e.visit(visitor, '/p/oldham')
    const text = await visitor.locator('main').innerText()
    assert.match(text, /Our strategic framework/)
    assert.match(text, new RegExp(reworded))
    assert.doesNotMatch(text, /Are safe and feel safe\n/)
  })

  test('the alignment matrix flags the GM priority nothing local serves, and an alignment can be set', async () => {
    await e2e.visit(page, '/framework')
    await e2e.follow(page, 'alignment matrix')
    assert.equal(await heading(page), 'Alignment with regional and national priorities')
    assert.match(await page.locator('.govuk-warning-text').innerText(), /No local outcome or commitment serves: Special Educational Needs and Disabilities\./)
    const header = await page.locator('thead th').allInnerTexts()
    assert.ok(
      header.some((h) => /Special Educational Needs and Disabilities\s+Not served/.test(h)),
      header.join(' / '),
    )
    const rows = await tableRows(page)
    assert.equal(rows.length, 14, 'five outcomes and nine commitments')
    assert.match(rows[0]!, new RegExp(`^Outcome\\s*${reworded} (\\|\\s+)*Aligned`))

    await e2e.follow(page, 'Change the priorities ‘Have things to do and opportunities to contribute to their communities’ serves')
    assert.equal(await heading(page), 'Priorities this outcome serves')
    await page.getByLabel('Special Educational Needs and Disabilities').check()
    await e2e.submit(page, 'Save alignment')
    assert.equal(await page.locator('.govuk-warning-text').count(), 0)
    assert.match(await page.locator('main').innerText(), /Every priority is served by at least one local outcome or commitment/)
  })

  test('a change proposed to the GM Children’s Plan, which the service keeps, is answered by an operator and the answer read on the set’s page', async () => {
    await e2e.visit(page, '/external-frameworks')
    await e2e.follow(page, 'Greater Manchester Children’s Plan')
    const setPath = new URL(page.url()).pathname
    await e2e.visit(page, `${setPath}/propose`)
    assert.equal(await heading(page), 'Propose a change')
    await e2e.submit(page, 'Send proposal', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the change you propose'])
    await page.getByLabel('Which priority it concerns').selectOption({ label: 'School Readiness' })
    await page.getByLabel('The change you propose').fill('Name the two-year-old funded places offer under School Readiness')
    await e2e.submit(page, 'Send proposal')
    assert.match(await page.locator('main').innerText(), /Name the two-year-old funded places offer under School Readiness/)
    assert.match(await page.locator('main').innerText(), /Waiting for an answer/)

    // Operators are made at the command line (thrive operator grant); here, straight in the database.
    await e2e.running.db.updateTable('users').set({ is_operator: true }).where('email', '=', e2e.running.demo.email).execute()
    await e2e.signOut(page)
    await e2e.signIn(page)
    await e2e.visit(page, '/operator/priority-set-proposals')
    assert.equal(await heading(page), 'Proposed changes to the service’s priority sets')
    await page
      .getByRole('link', { name: /^Answer/ })
      .first()
      .click()
    await page.waitForLoadState()
    assert.equal(await heading(page), 'Answer a proposed change')
    await e2e.submit(page, 'Send answer', { status: 400 })
    assert.equal((await errorSummary(page)).length, 1)
    await page.getByLabel('Made the change').check()
    await page.getByLabel('Reply (optional)').fill('Added to the plan’s School Readiness text')
    await e2e.submit(page, 'Send answer')
    await e2e.visit(page, setPath)
    assert.match(await page.locator('main').innerText(), /Added to the plan’s School Readiness text/)
    await e2e.running.db.updateTable('users').set({ is_operator: false }).where('email', '=', e2e.running.demo.email).execute()
  })

  test('regional and national frameworks: the GM Children’s Plan, and a new national one added, archived and restored', async () => {
    await e2e.visit(page, '/external-frameworks')
    assert.equal(await heading(page), 'Regional and national frameworks')
    await e2e.follow(page, 'Greater Manchester Children’s Plan')
    assert.equal((await summary(page)).Publisher, 'Greater Manchester Combined Authority')
    assert.equal(await page.locator('main ol li').count(), 7)
    // The service keeps the GM plan for every partnership: nothing here changes it, but a copy can be made.
    assert.equal((await summary(page))['Kept by'], 'The service, for every partnership')
    assert.equal(await page.getByRole('button', { name: 'Change the framework’s details' }).count(), 0)
    await e2e.submit(page, 'Copy to our partnership')
    assert.equal(await heading(page), 'Copy to your partnership')
    await page.getByLabel('Title of your copy').fill('')
    await e2e.submit(page, 'Copy framework', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the title of your copy'])
    await page.getByLabel('Title of your copy').fill('Oldham’s copy of the GM Children’s Plan')
    await e2e.submit(page, 'Copy framework')
    assert.equal(await heading(page), 'Oldham’s copy of the GM Children’s Plan')
    assert.equal(await page.locator('main ol li').count(), 7)
    assert.equal(await page.getByRole('button', { name: 'Change the framework’s details' }).count(), 1)

    await e2e.follow(page, 'Back to regional and national frameworks')
    await e2e.submit(page, 'Add a framework')
    await page.getByLabel('Title').fill('Best Start for Life')
    await e2e.submit(page, 'Save framework', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the publisher', 'Select whether the framework is regional or national'])
    assert.equal(await page.getByLabel('Title').inputValue(), 'Best Start for Life')
    await page.getByLabel('Publisher').fill('Department for Education')
    await page.getByLabel('National').check()
    await e2e.submit(page, 'Save framework')
    assert.equal(await heading(page), 'Best Start for Life')
    await e2e.follow(page, 'Add a priority')
    await page.getByLabel('Priority').fill('Family hubs')
    await e2e.submit(page, 'Save priority')
    assert.match(await page.locator('main ol').innerText(), /Family hubs/)

    await e2e.follow(page, 'Archive this framework')
    assert.equal(await heading(page), 'Archive Best Start for Life?')
    await e2e.submit(page, 'Archive')
    assert.equal(await heading(page), 'Regional and national frameworks')
    assert.match(await page.locator('table').nth(1).innerText(), /Best Start for Life/)
    await e2e.follow(page, 'Best Start for Life')
    await e2e.submit(page, 'Restore this framework')
    assert.equal(await page.locator('.govuk-inset-text').count(), 0)
  })

  test('a viewer reads the framework and the matrix, with nothing to change', async () => {
    const viewer = await e2e.newPage()
    await e2e.signIn(viewer, 'viewer@demo.thrive.local')
    await e2e.visit(viewer, '/framework')
    assert.equal(await viewer.getByRole('button', { name: /Start a new draft/ }).count(), 0)
    await e2e.visit(viewer, '/alignment')
    assert.equal(await viewer.getByRole('link', { name: /^Change/ }).count(), 0)
    await e2e.visit(viewer, '/external-frameworks/new', { status: 403 })
  })

  // In the same journey as the rest, so version 2 is the one in force by now.
  test('without JavaScript, an editor starts version 3 and adds and moves an outcome with plain forms', async () => {
    const editor = await e2e.newPage({ javaScript: false })
    await e2e.signIn(editor, 'editor@demo.thrive.local')
    await e2e.visit(editor, '/framework')
    await e2e.submit(editor, 'Start a new draft from version 2')
    assert.equal(await heading(editor), 'Version 3 of the strategic framework')
    await e2e.follow(editor, 'Add an outcome')
    await editor.getByLabel('Outcome', { exact: true }).fill('Grow up in a home that is warm and safe')
    await e2e.submit(editor, 'Save outcome')
    assert.match(await editor.locator('main').innerText(), /Added: Grow up in a home that is warm and safe/)
    await e2e.submit(editor, 'Move up ‘Grow up in a home that is warm and safe’')
    assert.match(await editor.locator('main ol').first().locator('li').nth(4).innerText(), /Grow up in a home that is warm and safe/)
  })
})
