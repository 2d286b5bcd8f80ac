import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parse } from 'csv-parse/sync'
import { csvField, csvStream, csvText, unescapeCsvText, type CsvCell } from './csv.ts'

const hostile = [
  '=HYPERLINK("http://example.org","Click")',
  '+1',
  '-x',
  '@SUM(A1:A9)',
  '\tTabbed',
  '\rReturn',
  '＝1+1',
  "'=already quoted",
  "''+twice",
  "'plain quote",
  'Plain',
  '',
  '-',
]

const read = (csv: string) => parse(csv, { bom: true, relax_column_count: true }) as string[][]

test('a text starting = + - @, tab or carriage return gets a leading quote; numbers, negative ones too, stay numbers', () => {
  const csv = csvText(
    ['Text', 'Figure'],
    [
      ['=1+1', -1.5],
      ['+44 161 770 3000', 2],
      ['-x', -0.001],
      ['@SUM(A1)', null],
      ['\tx', 0],
      ['Plain', 12],
    ],
  )
  assert.ok(csv.startsWith('\ufeff'))
  assert.equal(csv.slice(1), "Text,Figure\r\n'=1+1,-1.5\r\n'+44 161 770 3000,2\r\n'-x,-0.001\r\n'@SUM(A1),\r\n'\tx,0\r\nPlain,12\r\n")
})

test('every hostile text comes back exactly through unescapeCsvText, whichever writer wrote it', async () => {
  const rows: CsvCell[][] = hostile.map((text) => [text])
  const written = read(csvText(['Text'], rows))
    .slice(1)
    .map(([cell]) => cell!)
  for (const cell of written) assert.doesNotMatch(cell, /^[=+\-@\t\r＝]/, `${JSON.stringify(cell)} would run as a formula`)
  assert.deepEqual(written.map(unescapeCsvText), hostile)

  let streamed = ''
  for await (const chunk of csvStream(
    ['Text'],
    (async function* () {
      yield* rows
    })(),
  ))
    streamed += String(chunk)
  assert.equal(streamed, csvText(['Text'], rows))
})

test('a text nobody escaped is read as it is', () => {
  assert.equal(unescapeCsvText("'quoted'"), "'quoted'")
  assert.equal(unescapeCsvText('-1.5'), '-1.5')
  assert.equal(unescapeCsvText("'-1.5"), '-1.5')
})

test('one field for a caller that lays out its own lines: quoted when it must be, a formula defused', () => {
  assert.equal(csvField('Plain'), 'Plain')
  assert.equal(csvField('Safe, and feel safe'), '"Safe, and feel safe"')
  assert.equal(csvField('=1+1'), "'=1+1")
  assert.equal(csvField(-3), '-3')
})
