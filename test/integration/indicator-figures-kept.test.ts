import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { inPartnership } from '../../src/platform/db/tenancy.ts'
import { indicatorChartService } from '../../src/performance/indicator-charts/service.ts'
import { testApp, type TestApp } from '../support/app.ts'
import { TestClient } from '../support/client.ts'
import { createMember } from '../support/fixtures.ts'
import { measuredPartnership, type Measured } from '../support/indicator-figures.ts'

// The indicator page's figures are kept between requests until the data they
// are read from changes (src/performance/indicator-charts/service.ts). These
// tests change that data and look at the very next request. The page cache is
// off, so what is seen is the figures' own keeping.

const trendRow = (page: string, period: string) => new RegExp(`${period}</th>\\s*<td[^>]*>([^<]*)</td>`).exec(page)?.[1]

describe('the indicator figures kept between requests', () => {
  let t: TestApp
  let m: Measured
  let other: Measured
  let viewer: TestClient
  let actor: Actor

  before(async () => {
    t = await testApp({ PAGE_CACHE_MB: '0' })
    m = await measuredPartnership(t.database.db, 'kept')
    other = await measuredPartnership(t.database.db, 'elsewhere')
    actor = (await createMember(t.database.db, m.partnershipId, 'viewer', 'kept-reader@example.org')).actor
    viewer = new TestClient(t.app)
    await viewer.signIn(m.viewerEmail)
  })
  after(() => t.close())

  const setValue = (partnershipId: string, indicatorId: string, value: number) =>
    inPartnership(t.database.db, partnershipId, (trx) =>
      trx
        .updateTable('indicator_values')
        .set({ value })
        .where('indicator_id', '=', indicatorId)
        .where('area_code', '=', 'E08000004')
        .where('period_starts_on', '=', '2019-09-01')
        .where('category_type', '=', '')
        .execute(),
    )

  test('asked again with nothing changed, the same figures are given; a change in another partnership leaves them be', async () => {
    const charts = indicatorChartService(t.database.db)
    const first = await charts.figures(actor, m.indicatorId)
    assert.equal(await charts.figures(actor, m.indicatorId), first, 'kept, not read again')
    assert.notEqual(await charts.figures(actor, m.indicatorId, { breakdownPeriods: 3 }), first, 'other choices are figures of their own')
    await setValue(other.partnershipId, other.indicatorId, 30.1)
    assert.equal(await charts.figures(actor, m.indicatorId), first, 'another partnership’s change is not this one’s')
    await setValue(m.partnershipId, m.indicatorId, 25.4)
    const changed = await charts.figures(actor, m.indicatorId)
    assert.notEqual(changed, first)
    assert.equal(changed.values.find((v) => v.areaCode === 'E08000004' && v.periodStartsOn === '2019-09-01' && v.categoryType === '')?.shown.value, 25.4)
  })

  test('a changed value is on the very next page, and so is a change to the register of areas everyone shares', async () => {
    const url = `/indicators/${m.indicatorId}`
    await setValue(m.partnershipId, m.indicatorId, 25.3)
    assert.equal(trendRow((await viewer.get(url)).body, '2019/20'), '25.3')
    assert.equal(trendRow((await viewer.get(url)).body, '2019/20'), '25.3', 'the same when kept')
    await setValue(m.partnershipId, m.indicatorId, 26.8)
    assert.equal(trendRow((await viewer.get(url)).body, '2019/20'), '26.8')

    assert.match((await viewer.get(url)).body, />Stockport<\/th>/)
    await t.database.db.updateTable('areas').set({ name: 'Stockport (renamed)' }).where('code', '=', 'E08000007').execute()
    assert.match((await viewer.get(url)).body, />Stockport \(renamed\)<\/th>/)
  })
})
