import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { checkSheet, comparable, parseDay, type Lookups, type RawRow } from './model.ts'
import { sheetRows } from './write.ts'
import { columns } from './layout.ts'

const lookups: Lookups = {
  people: [
    { id: 'p-dcs', name: null, roleTitle: 'Director of Children’s Services', archived: false },
    { id: 'p-sam1', name: 'Sam Jones', roleTitle: null, archived: false },
    { id: 'p-sam2', name: 'Sam Jones', roleTitle: null, archived: false },
    { id: 'p-old', name: 'Former Officer', roleTitle: null, archived: true },
  ],
  bodies: [
    { id: 'b-icg', name: 'Integrated Commissioning Group', shortName: 'ICG', archived: false },
    { id: 'b-gone', name: 'Old Board', shortName: null, archived: true },
  ],
  today: '2026-11-23',
}

const header = ['Number', 'Aim', 'Objective', 'Timescale', 'Outcome', 'Owner', 'Lead body', 'Status', 'RAG', 'Last update']
const sheet = (...rows: string[][]): RawRow[] => [header, ...rows].map((cells, i) => ({ row: i + 1, cells }))
const problemsOf = (rows: RawRow[]) => {
  const result = checkSheet(rows, lookups)
  assert.ok(!result.ok, 'should be refused')
  return result.problems.map((p) => `${p.row ?? '-'} ${p.column ?? '-'}: ${p.message}`)
}

describe('checking an imported sheet', () => {
  test('aims start on numbered rows; later rows join them; names match however they are typed', () => {
    const result = checkSheet(
      sheet(
        [
          '1',
          'Governance',
          'Agree governance framework',
          'November 2007',
          'Clear lines of responsibility',
          "director of children's services",
          'icg',
          'Complete',
          'G',
          '29/02/2008',
        ],
        ['', '', 'Develop terms of reference', 'Jan 2008 then annually', '', '', '', '', '', ''],
        ['', '', '', '', '', '', '', '', '', ''],
        ['2', 'Planning', 'Needs analysis', 'In line with CYPP planning cycle', '', '', 'Integrated  Commissioning Group', 'on-track', '', ''],
        ['3', 'An aim with nothing under it yet', '', '', 'Later', '', '', '', '', ''],
      ),
      lookups,
    )
    assert.ok(result.ok)
    assert.deepEqual(
      result.aims.map((a) => [a.number, a.title, a.expectedOutcome, a.objectives.length]),
      [
        [1, 'Governance', 'Clear lines of responsibility', 2],
        [2, 'Planning', '', 1],
        [3, 'An aim with nothing under it yet', 'Later', 0],
      ],
    )
    const [first, second] = result.aims[0]!.objectives
    assert.deepEqual(
      { owner: first!.ownerId, body: first!.leadBodyId, status: first!.status, rag: first!.rag, on: first!.reportedOn, row: first!.row },
      { owner: 'p-dcs', body: 'b-icg', status: 'complete', rag: 'green', on: '2008-02-29', row: 2 },
    )
    assert.deepEqual([second!.timescale.kind, second!.timescale.then, second!.status], ['month', 'annually', null])
    assert.equal(result.aims[1]!.objectives[0]!.row, 5, 'row numbers count the blank row')
    assert.equal(result.aims[1]!.objectives[0]!.status, 'on-track')
  })

  test('columns may come in any order and any case; unknown ones are ignored', () => {
    const result = checkSheet(
      [
        { row: 1, cells: ['OUTCOME', 'notes', 'timescale', 'objective', 'aim', 'number'] },
        { row: 2, cells: ['Outcome', 'ignored', 'ongoing', 'Objective', 'Aim', '4'] },
      ],
      lookups,
    )
    assert.ok(result.ok)
    assert.equal(result.aims[0]!.number, 4)
  })

  test('every problem in the file is listed at once, with its row and column', () => {
    assert.deepEqual(
      problemsOf(
        sheet(
          ['1.5', 'A', 'First', 'soon', '', '', '', '', '', ''],
          ['', '', 'Second', '31 February 2008', '', 'Sam Jones', 'Old Board', '', 'Amber', ''],
          ['2', '', 'Third', 'ongoing', '', 'Nobody', 'Nothing', 'Done', '', '1 January 2030'],
          ['', 'Not the same aim', 'third', 'ongoing', '', 'Former Officer', '', '', '', ''],
          ['2', '', '', 'Q2 2008', '', '', '', '', '', ''],
          ['3', 'C', 'x'.repeat(501), 'ongoing', '', '', '', '', '', ''],
          ['2', 'B again', 'Fourth', 'ongoing', '', '', '', '', '', ''],
        ),
      ),
      [
        '2 Number: Number must be a whole number from 1 to 999, the aim’s number',
        '2 Timescale: Enter the timescale as a date, a month, a quarter, a range, ongoing, annually, quarterly or in line with the planning cycle, for example ‘November 2007’ or ‘Q2 2008’',
        '3 Timescale: The timescale must be a real date, for example ‘2 June 2008’',
        '3 Owner: More than one person is called ‘Sam Jones’: give them different names or roles first',
        '3 Lead body: The body ‘Old Board’ is archived: restore it or name another',
        '3 Status: Enter the status: a RAG or last update needs one',
        '4 Aim: Enter the title of aim 2 on its first row',
        '4 Owner: No one called ‘Nobody’ is in the partnership’s people: add them first, or check the spelling',
        '4 Lead body: There is no body called ‘Nothing’: add it first, or check the spelling',
        '4 Status: Status must be one of Not started, On track, At risk, Off track, Complete, Dropped',
        '4 Last update: Last update must be today or in the past',
        '5 Aim: Leave the aim blank on aim 2’s later rows, or repeat row 4’s exactly',
        '5 Objective: The objective is the same as row 4’s in aim 2',
        '5 Owner: ‘Former Officer’ is archived: restore them or name someone else',
        '6 Objective: Enter the objective',
        '7 Objective: The objective must be 500 characters or fewer',
        '8 Number: Aim 2 started on row 4: keep each aim’s rows together',
      ],
    )
  })

  test('a file with the wrong columns is refused before its rows are read', () => {
    assert.deepEqual(
      problemsOf([
        { row: 1, cells: ['Number', 'Aim', 'Aim', 'Outcome'] },
        { row: 2, cells: ['1', 'a', 'b', 'c'] },
      ]),
      [
        '1 Aim: The column ‘Aim’ appears more than once',
        '1 Objective: The file must have a column headed ‘Objective’',
        '1 Timescale: The file must have a column headed ‘Timescale’',
      ],
    )
  })

  test('empty, header-only and overlong files', () => {
    assert.deepEqual(problemsOf([]), ['- -: The file is empty'])
    assert.deepEqual(problemsOf([{ row: 1, cells: ['', ' '] }]), ['- -: The file is empty'])
    assert.deepEqual(problemsOf(sheet()), ['- -: The file has a header row but no objectives'])
    const long = sheet(
      ['1', 'A', 'First', 'ongoing', '', '', '', '', '', ''],
      ...Array.from({ length: 2000 }, (_, i) => ['', '', `Objective ${i}`, 'ongoing', '', '', '', '', '', '']),
    )
    assert.deepEqual(problemsOf(long), ['- -: The file has 2,001 rows: a plan can have at most 2,000'])
    assert.ok(checkSheet(long.slice(0, -1), lookups).ok, '2,000 rows are allowed')
  })

  test('a row with no number before any aim', () => {
    assert.deepEqual(problemsOf(sheet(['', 'A', 'First', 'ongoing', '', '', '', '', '', ''], ['', '', 'Second', 'ongoing', '', '', '', '', '', ''])), [
      '2 Number: Enter the aim’s number on its first row',
    ])
  })
})

describe('reading names and days', () => {
  test('names compare without case, spacing or apostrophe style', () => {
    assert.equal(comparable('  Director of  Children’s Services '), comparable("director of children's services"))
  })
  test('a last update date', () => {
    assert.equal(parseDay('29 February 2008'), '2008-02-29')
    assert.equal(parseDay('29/02/2008'), '2008-02-29')
    assert.equal(parseDay('2008-02-29'), '2008-02-29')
    for (const bad of ['29 February 2007', 'February 2008', 'Q1 2008', 'ongoing', 'yesterday']) assert.equal(parseDay(bad), null, bad)
  })
})

describe('the exported sheet', () => {
  test('an aim’s number, title and outcome on its first row only, like the seed', () => {
    const rows = sheetRows([
      {
        number: 3,
        title: 'Embed Integrated Commissioning',
        expectedOutcome: 'An integrated commissioning framework',
        objectives: [
          {
            title: 'Revisit ICG terms of reference',
            timescale: { kind: 'month', startsOn: '2007-11-01', endsOn: '2007-11-30', then: null, note: null },
            ownerLabel: 'Director',
            leadBodyName: 'ICG',
            status: 'at-risk',
            rag: 'amber',
            reportedOn: '2008-02-29',
          },
          {
            title: 'Pooled budgets',
            timescale: { kind: 'month', startsOn: '2008-04-01', endsOn: '2008-04-30', then: 'ongoing', note: null },
            ownerLabel: null,
            leadBodyName: null,
            status: null,
            rag: null,
            reportedOn: null,
          },
        ],
      },
      { number: 4, title: 'Nothing yet', expectedOutcome: '', objectives: [] },
    ])
    assert.deepEqual(
      rows.map((r) => columns.map((c) => r[c])),
      [
        [
          '3',
          'Embed Integrated Commissioning',
          'Revisit ICG terms of reference',
          'November 2007',
          'An integrated commissioning framework',
          'Director',
          'ICG',
          'At risk',
          'Amber',
          '29 February 2008',
        ],
        ['', '', 'Pooled budgets', 'April 2008, then ongoing', '', '', '', '', '', ''],
        ['4', 'Nothing yet', '', '', '', '', '', '', '', ''],
      ],
    )
    // And the rows read back as the same plan.
    const back = checkSheet(sheet(...rows.map((r) => columns.map((c) => r[c]))), {
      ...lookups,
      people: [{ id: 'd', name: 'Director', roleTitle: null, archived: false }],
    })
    assert.ok(back.ok)
    assert.deepEqual(
      back.aims.map((a) => [a.number, a.objectives.map((o) => [o.title, o.status, o.rag, o.reportedOn])]),
      [
        [
          3,
          [
            ['Revisit ICG terms of reference', 'at-risk', 'amber', '2008-02-29'],
            ['Pooled budgets', null, null, null],
          ],
        ],
        [4, []],
      ],
    )
  })
})
