import { test, describe, before } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { heading, journey } from './support/journey.ts'

// The indicator page as the demo admin sees it: charts with accessible names,
// each followed by its table and downloads, the comparator group chosen with a
// plain form, and the gap page for Year 6 obesity by deprivation quintile.

const obesity = 'Year 6: prevalence of obesity (including severe obesity)'

describe('the indicator page and narrowing the gap, as the demo admin', () => {
  const e2e = journey()
  let page: Page

  before(async () => {
    page = await e2e.newPage()
    await e2e.signIn(page)
  })

  test('the overview draws the trend, the areas and the breakdown, each with its table and downloads', async () => {
    await e2e.visit(page, '/indicators')
    await e2e.follow(page, obesity)
    assert.equal(await heading(page), obesity)
    const trend = page.getByRole('img', { name: /^Line chart of Year 6: prevalence of obesity .* for Oldham \(Persons, 10-11 yrs\)/ })
    assert.equal(await trend.count(), 1)
    const areas = page.getByRole('img', { name: /^Bar chart of .* by area, 2019\/20, with 95% confidence intervals and England’s value \(21\.9\)/ })
    assert.equal(await areas.count(), 1)
    assert.equal(await page.getByRole('img', { name: /by Deprivation quintile within the area \(IMD\), 2019\/20/ }).count(), 1)
    const captions = await page.locator('table caption').allInnerTexts()
    assert.ok(captions.some((c) => /Oldham by period/.test(c)))
    assert.ok(captions.some((c) => /Greater Manchester \(Persons, 10-11 yrs\), 2019\/20/.test(c)))
    const oldham = page.locator('table', { hasText: 'Greater Manchester' }).locator('tr', { hasText: 'Oldham' })
    assert.match(await oldham.innerText(), /25\.3\s+24\.6 to 26\.1\s+Worse than England/)
    assert.match(
      await page.locator('main').innerText(),
      /Definition[\s\S]*Low is good[\s\S]*Accountability[\s\S]*Director of Public Health/,
      'the definition follows the charts',
    )

    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'CSV of the trend over time' }).click()
    const file = await download
    assert.match(file.suggestedFilename(), /trend for Oldham\.csv$/)
    const text = await (await file.createReadStream()).toArray()
    assert.match(Buffer.concat(text).toString('utf8'), /Period,Area,Breakdown,Value,Lower 95% limit[\s\S]*2019\/20,Oldham,"?Persons, 10-11 yrs"?,25\.3,24\.6/)
    const workbook = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Excel of the comparison with areas' }).click()
    assert.match((await workbook).suggestedFilename(), /\.xlsx$/)
  })

  test('the comparator group is chosen with a plain form, which works without JavaScript', async () => {
    const plain = await e2e.newPage({ javaScript: false })
    await e2e.signIn(plain)
    await e2e.visit(plain, '/indicators')
    await e2e.follow(plain, obesity)
    await plain.getByLabel('Comparator group').selectOption({ label: 'Statistical neighbours (illustrative)' })
    await e2e.submit(plain, 'Show these areas')
    assert.match(plain.url(), /\?group=/)
    const caption = await plain.locator('section[aria-labelledby="areas-heading"] table caption').innerText()
    assert.match(caption, /Statistical neighbours/)
    assert.equal(await plain.locator('#group option:checked').innerText(), 'Statistical neighbours (illustrative)', 'the choice is kept')
  })

  test('the gap page: quintiles side by side, the gap and its trend, the slope index of inequality in plain words, and a period selector', async () => {
    await e2e.visit(page, '/indicators')
    await e2e.follow(page, obesity)
    await e2e.follow(page, 'Narrowing the gap', { within: 'nav.thrive-sections' })
    assert.equal(await heading(page), 'Narrowing the gap')
    const main = await page.locator('main').innerText()
    assert.match(main, /the best was Least deprived quintile \(13\.6\) and the worst Most deprived quintile \(28\.0\): a gap of 14\.4 percentage points/)
    assert.match(
      main,
      /The gap in ‘Year 6: prevalence of obesity \(including severe obesity\)’ between the most and the least deprived in Oldham is about \d+\.\d percentage points/,
    )
    assert.match(main, /The gap (narrowed|widened|went both ways|was the same)/)
    assert.ok((await page.getByRole('img', { name: /^Line chart of the gap between the best and the worst group each period/ }).count()) >= 1)
    await page.getByLabel('Period', { exact: true }).selectOption({ label: '2018/19' })
    await e2e.submit(page, 'Show this period')
    assert.match(await page.locator('main').innerText(), /In 2018\/19 the best was Least deprived quintile \(11\.3\)/)
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: /^CSV of the gap over time for Deprivation quintile/ }).click()
    assert.match((await download).suggestedFilename(), /gap by Deprivation quintile within the area \(IMD\)\.csv$/)
  })

  test('an indicator published for one sex draws its trend for that sex', async () => {
    await e2e.visit(page, '/indicators')
    await e2e.follow(page, 'Under-18 conceptions')
    assert.equal(await page.getByRole('img', { name: /^Line chart of Under-18 conceptions for Oldham \(Females, <18 yrs\)/ }).count(), 1)
  })
})
