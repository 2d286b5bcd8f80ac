import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { errorSummary, heading, journey, tableRows } from './support/journey.ts'

const rowOf = (rows: string[], title: string) => {
  const row = rows.find((r) => r.startsWith(title))
  assert.ok(row, `no row for ${title} in\n${rows.join('\n')}`)
  return row
}

describe('scorecards and targets, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the partnership scorecard shows Oldham’s published values against England, with significance and trend in words', async () => {
    await e2e.visit(page, '/scorecard')
    assert.equal(await heading(page), 'Partnership scorecard')
    const rows = await tableRows(page)
    assert.equal(rows.length, 6)
    assert.match(
      rowOf(rows, 'Smoking status at time of delivery'),
      /2023\/24 \| 8\.9% \| 7\.9 to 9\.9 \| Amber\s+At most 8\.5%, amber within 0\.5 \| Worse than England \(95%\) \| Decreasing and getting better \| Better than 2022\/23/,
    )
    assert.match(
      rowOf(rows, 'Admission episodes for alcohol-specific conditions, under 18s'),
      /2021\/22 \| 10\.7 \| 6\.5 to 16\.5 \| Green\s+Better than England \(22\.6\) \| Better than England \(95%\) \| Cannot be calculated/,
    )
    assert.match(rowOf(rows, 'Hepatitis B vaccination coverage, aged 2'), /Not compared: no value for England/)

    await page.getByLabel('Compare with').selectOption({ label: 'Greater Manchester' })
    await e2e.submit(page, 'Apply filters')
    assert.match(await page.locator('thead').innerText(), /Compared with Greater Manchester/)
    assert.match(rowOf(await tableRows(page), 'Smoking status at time of delivery'), /Worse than Greater Manchester \(95%\)/)
  })

  test('filtered to an outcome, the heading names it and only its indicators show', async () => {
    await e2e.visit(page, '/scorecard')
    await page.getByLabel('Outcome').selectOption({ label: 'Are safe and feel safe' })
    await e2e.submit(page, 'Apply filters')
    assert.equal(await heading(page), 'Scorecard: Are safe and feel safe')
    const titles = (await tableRows(page)).map((r) => r.split('\n')[0])
    assert.deepEqual(titles.sort(), ['Admission episodes for alcohol-specific conditions, under 18s', 'Hepatitis B vaccination coverage, aged 2'])
  })

  test('adding a target: the mistakes at once, then its RAG on the targets page; changing it', async () => {
    await e2e.visit(page, '/scorecard')
    await e2e.follow(page, 'Smoking status at time of delivery')
    assert.equal(await heading(page), 'Targets')
    assert.match((await tableRows(page)).join('\n'), /2022\/23 \| At most 9\.0%, amber within 0\.5 \| 9\.6 \| 8\.6 to 10\.8 \| Red/)
    await page.getByLabel('Period').fill('2021')
    await e2e.submit(page, 'Save target', { status: 400 })
    assert.deepEqual(await errorSummary(page), ['Enter the period like 2018/19', 'Enter the value to reach'])
    await page.getByLabel('Period').fill('2021/22')
    await page.getByLabel('Better than a comparator group (such as England)').check()
    await page.getByLabel('Comparator group (for a target against a group)').selectOption({ label: 'England' })
    await e2e.submit(page, 'Save target')
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Target set for 2021\/22/)
    assert.match((await tableRows(page)).join('\n'), /2021\/22 \| Better than England \(9\.1\) \| 10\.7 \| [\d.]+ to [\d.]+ \| Red/)

    await e2e.follow(page, 'Change the target for 2021/22')
    assert.equal(await heading(page), 'Change a target')
    await page.getByLabel('Amber tolerance').fill('2')
    await e2e.submit(page, 'Save target')
    assert.match((await tableRows(page)).join('\n'), /2021\/22 \| Better than England \(9\.1\), amber within 2\.0 \| 10\.7 \| [\d.]+ to [\d.]+ \| Amber/)
  })
})

describe('the public scorecard, signed out', () => {
  const e2e = journey()

  test('linked from the public partnership page; values from small numbers are not shown', async () => {
    const db = e2e.running.db
    // An illustrative later year from three children: a small number.
    const partnership = await db.selectFrom('partnerships').select(['id']).where('slug', '=', 'oldham').executeTakeFirstOrThrow()
    const hepatitis = await db.selectFrom('indicators').select('id').where('title', '=', 'Hepatitis B vaccination coverage, aged 2').executeTakeFirstOrThrow()
    await db
      .insertInto('indicator_values')
      .values({
        partnership_id: partnership.id,
        indicator_id: hepatitis.id,
        area_code: 'E08000004',
        period_starts_on: '2024-04-01',
        age: '2 yrs',
        count: 3,
        denominator: 4,
        illustrative: true,
      })
      .execute()

    const page = await e2e.newPage()
    await e2e.visit(page, '/p/oldham')
    await e2e.follow(page, 'Our scorecard')
    assert.equal(await heading(page), 'Partnership scorecard')
    const row = rowOf(await tableRows(page), 'Hepatitis B vaccination coverage, aged 2')
    // Its RAG, comparison, trend and change are withheld with it.
    assert.match(row, /2024\/25 \| Not shown: fewer than 5\s+Illustrative \|\s*\| Not shown \| Not shown \| Not shown \| Not shown \|/)
    assert.doesNotMatch(await page.locator('main').innerText(), /75\.0/)
    assert.match(rowOf(await tableRows(page), 'Under-18 conceptions'), /Director of Public Health/)
    assert.equal(await page.locator('.thrive-partnership-bar').count(), 0, 'nobody is signed in')
  })
})
