import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../../src/platform/db/database.ts'
import { inPartnership, type Trx } from '../../src/platform/db/tenancy.ts'
import type { Actor } from '../../src/platform/audit/actor.ts'
import { valueTransferService } from '../../src/performance/value-transfer/service.ts'
import type { StagedValue } from '../../src/performance/value-transfer/model.ts'
import * as repo from '../../src/performance/value-transfer/repository.ts'
import { testDatabase } from '../support/database.ts'
import { csvText, fingertipsHeader, fingertipsRow, setUp, type Setup } from '../fixtures/value-transfer/support.ts'

// The set-based half of an import at the edges its faster forms could get
// wrong: repeats found by grouping, the writing a part at a time (PGlite's
// way) against the writing at once, and the statistics left behind.

let database: DatabaseHandle
let s: Setup
let actor: Actor

before(async () => {
  database = await testDatabase()
  s = await setUp(database.db)
  actor = { userId: null, label: 'test', partnershipId: s.partnershipId, role: 'admin' }
})
after(() => database.close())

const importCsv = (filename: string, rows: readonly (readonly string[])[]) => {
  const bytes = Buffer.from(csvText(rows))
  return valueTransferService(database.db).importFile(actor, { filename, size: bytes.length, open: () => Readable.from([bytes]) })
}
const periods = ['2014/15', '2015/16', '2016/17', '2017/18', '2018/19', '2019/20', '2020/21', '2021/22']

test('a key given three times and another twice: each repeat names its key’s first row, in row order, and the total counts every repeat', async () => {
  const result = await importCsv('repeats.csv', [
    fingertipsHeader,
    fingertipsRow({ 'Time period': '2018/19' }),
    fingertipsRow({ 'Time period': '2019/20' }),
    fingertipsRow({ 'Time period': '2018/19', Value: '26' }),
    fingertipsRow({ 'Time period': '2019/20' }),
    fingertipsRow({ 'Time period': '2018/19' }),
    fingertipsRow({ 'Time period': '2020/21' }),
  ])
  assert.equal(result.ok, false)
  if (result.ok) return
  const repeat = (row: number, first: number) => ({
    row,
    column: null,
    message: `Repeats row ${first}: the same indicator, area, period and breakdown. Keep one of them`,
  })
  assert.deepEqual(result.problems, [repeat(4, 2), repeat(5, 3), repeat(6, 2)])
  assert.equal(result.total, 3)
})

test('written a part at a time or all at once, the same values are added, replaced (their figures kept) and left alone', async () => {
  // Five values there already, as an earlier import left them.
  const first = await importCsv('earlier.csv', [fingertipsHeader, ...periods.slice(0, 5).map((p) => fingertipsRow({ 'Time period': p }))])
  assert.equal(first.ok && first.counts.added, 5)
  const startOf = (period: string) => `${period.slice(0, 4)}-09-01`
  const value = (row: number, period: string, count: string): StagedValue => ({
    row,
    indicatorId: s.obesity,
    areaCode: 'E08000004',
    periodStartsOn: startOf(period),
    sex: 'persons',
    age: '10-11 yrs',
    categoryType: '',
    category: '',
    categoryRank: null,
    rankGiven: false,
    count,
    denominator: '3130',
    value: '25.2',
    lower95: '23.9',
    upper95: '26.6',
    lower998: null,
    upper998: null,
    note: '',
    illustrative: null,
    valueComputed: false,
    limits95Computed: false,
    limits998Computed: false,
  })
  // Rows 1–8: two of the five unchanged, three with a new count, three new periods; the parts split them unevenly.
  const staged = periods.map((p, i) => value(i + 1, p, i < 2 || i >= 5 ? '790' : String(800 + i)))
  const written = async (parts: readonly { from: number; to: number }[] | null) => {
    let seen: unknown
    // Each way is tried in a transaction of its own, then rolled back, so both start from the same five values.
    const rollback = new Error('rolled back')
    await inPartnership(database.db, s.partnershipId, async (trx: Trx) => {
      await repo.createStaging(trx, parts != null)
      await repo.stageBatch(trx, staged)
      await repo.analyseStaging(trx)
      const importId = await repo.insertImport(trx, s.partnershipId, 'again.csv', 'fingertips', staged.length, 'test')
      const counts = { added: 0, replaced: 0 }
      for (const part of parts ?? [undefined]) {
        const done = await repo.applyStaged(trx, s.partnershipId, importId, part)
        counts.added += done.added
        counts.replaced += done.replaced
      }
      const values = await sql`
        SELECT period_starts_on, count, value, import_id = ${importId} AS this_import, version FROM indicator_values
        WHERE indicator_id = ${s.obesity} ORDER BY period_starts_on
      `.execute(trx)
      const revisions = await sql`
        SELECT period_starts_on, count, previous_import_id IS NOT NULL AS had_import FROM indicator_value_revisions
        WHERE import_id = ${importId} ORDER BY period_starts_on
      `.execute(trx)
      seen = { counts, values: values.rows, revisions: revisions.rows }
      await repo.dropStaging(trx)
      throw rollback
    }).catch((error: unknown) => {
      if (error !== rollback) throw error
    })
    return seen
  }
  const atOnce = await written(null)
  assert.deepEqual(
    atOnce,
    await written([
      { from: 1, to: 3 },
      { from: 4, to: 4 },
      { from: 5, to: 9 },
    ]),
  )
  const { counts, values, revisions } = atOnce as { counts: unknown; values: { count: string; this_import: boolean }[]; revisions: unknown[] }
  assert.deepEqual(counts, { added: 3, replaced: 3 })
  assert.deepEqual(
    values.map((v) => [Number(v.count), v.this_import]),
    [
      [790, false],
      [790, false],
      [802, true],
      [803, true],
      [804, true],
      [790, true],
      [790, true],
      [790, true],
    ],
  )
  assert.equal(revisions.length, 3, 'each replaced value keeps the figures it had')
})

test('on PGlite, the planner is told of the values an import added (it has no autovacuum)', async (c) => {
  if (database.kind !== 'pglite') return c.skip('PostgreSQL’s autovacuum does this')
  const result = await importCsv('statistics.csv', [
    fingertipsHeader,
    ...periods.map((p) =>
      fingertipsRow({
        'Indicator ID': '20401',
        'Time period': p.slice(0, 4),
        Value: '',
        'Lower CI 95.0 limit': '',
        'Upper CI 95.0 limit': '',
        Count: '12',
        Denominator: '900',
      }),
    ),
  ])
  assert.equal(result.ok && result.counts.added, periods.length)
  const { rows } = await sql<{ reltuples: number; n: number | string }>`
    SELECT c.reltuples, (SELECT count(*) FROM indicator_values) AS n FROM pg_class c WHERE c.oid = 'indicator_values'::regclass
  `.execute(database.db)
  assert.equal(Number(rows[0]!.reltuples), Number(rows[0]!.n))
})

test('text the staging reads as control characters in COPY (tab, newline, carriage return, backslash, \\N) is stored exactly as the file gives it', async () => {
  const note = 'Tab\there, a new\nline, a\r\nWindows one, C:\\data\\N, \\N and \\t as written'
  const result = await importCsv('awkward-note.csv', [
    fingertipsHeader,
    fingertipsRow({ 'Area Code': 'E08000001', 'Time period': '2012/13', 'Value note': note }),
    fingertipsRow({ 'Area Code': 'E08000001', 'Time period': '2013/14', 'Value note': '', Age: '' }),
  ])
  assert.equal(result.ok && result.counts.added, 2)
  const stored = await database.db
    .selectFrom('indicator_values')
    .select(['note', 'age'])
    .where('area_code', '=', 'E08000001')
    .where('indicator_id', '=', s.obesity)
    .orderBy('period_starts_on')
    .execute()
  assert.deepEqual(stored, [
    { note, age: '10-11 yrs' },
    { note: '', age: '' },
  ])
})
