import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { assignQuantiles } from './quantiles.ts'
import { groupBy, num, readSheet, type CsvRow } from './test-support.ts'

// The test selections and groupings of PHEindicatormethods' testQuantiles.R.
const good = readSheet('Quantiles', 'testdata_Quantiles').filter((row) => row.Test!.startsWith('Good'))

/** Low is good puts the highest values in quantile 1; the workbook's booleans (Excel TRUE/FALSE) arrive as 1/0. */
function highestFirst(polarity: string): boolean {
  if (polarity === 'RAG - Low is good' || polarity === '1') return true
  if (polarity === 'RAG - High is good' || polarity === '0') return false
  throw new Error(`Unexpected polarity ${polarity}`)
}

/** Assigns quantiles group by group and counts the rows compared. */
function assertGroups(rows: CsvRow[], keyOf: (row: CsvRow) => string, quantiles: number, invert: (row: CsvRow) => boolean): number {
  const groups = groupBy(rows, keyOf)
  for (const [key, members] of groups) {
    const highest = invert(members[0]!)
    assert.ok(
      members.every((m) => invert(m) === highest),
      `${key}: one polarity per group`,
    )
    const assigned = assignQuantiles(
      members.map((m) => num(m.Value)),
      { quantiles, highestFirst: highest },
    )
    members.forEach((member, i) => assert.equal(assigned[i], num(member.QuantileInGrp), `${key} ${member.AreaCode} value ${member.Value}`))
  }
  return [...groups.values()].reduce((sum, members) => sum + members.length, 0)
}

describe('quantiles reproduce testdata_Quantiles', () => {
  test('deciles within indicator, sex and region, polarity from the data (339 rows)', () => {
    const rows = good.filter((row) => row.GroupSet === 'IndSexReg')
    assert.equal(
      assertGroups(
        rows,
        (r) => `${r.IndSexRef}|${r.ParentCode}`,
        10,
        (r) => highestFirst(r.Polarity!),
      ),
      339,
    )
  })

  test('septiles within indicator and sex, polarity from the data (152 rows)', () => {
    const rows = good.filter((row) => row.GroupSet === 'IndSex')
    assert.equal(
      assertGroups(
        rows,
        (r) => r.IndSexRef!,
        7,
        (r) => highestFirst(r.Polarity!),
      ),
      152,
    )
  })

  test('quartiles over all rows of the ungrouped set, highest first by default (491 rows)', () => {
    const rows = good.filter((row) => row.GroupSet === 'None')
    assert.equal(
      assertGroups(
        rows,
        () => 'all',
        4,
        () => true,
      ),
      491,
    )
    const defaults = assignQuantiles(
      rows.map((r) => num(r.Value)),
      { quantiles: 4 },
    )
    assert.deepEqual(
      defaults,
      rows.map((r) => num(r.QuantileInGrp)),
    )
  })
})

describe('quantiles', () => {
  test('ties share a quantile; fewer values than quantiles gives none', () => {
    assert.deepEqual(assignQuantiles([1, 2, 2, 3, 4], { quantiles: 5, highestFirst: false }), [1, 2, 2, 4, 5])
    assert.deepEqual(assignQuantiles([1, 2, null, 3], { quantiles: 4 }), [null, null, null, null])
    assert.throws(() => assignQuantiles([1, 2], { quantiles: 0 }), /whole number/)
  })
})
