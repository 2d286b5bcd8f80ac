import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { buildMatrix, csvField, fingerprint } from './model.ts'

const priorities = [
  { id: 'p1', title: 'School Readiness' },
  { id: 'p2', title: 'Special Educational Needs and Disabilities' },
  { id: 'p3', title: 'Safe children and young people' },
]

describe('the alignment matrix', () => {
  test('outcomes come before commitments, each with the priorities it serves in the framework’s order', () => {
    const { rows } = buildMatrix(
      [{ id: 'o1', title: 'Are safe and feel safe' }],
      [{ id: 'c1', text: 'Every Oldham child will start school ready to learn.' }],
      priorities,
      [{ localId: 'o1', priorityId: 'p3' }],
      [
        { localId: 'c1', priorityId: 'p3' },
        { localId: 'c1', priorityId: 'p1' },
      ],
    )
    assert.deepEqual(rows, [
      { kind: 'outcome', id: 'o1', label: 'Are safe and feel safe', aligned: ['p3'] },
      { kind: 'commitment', id: 'c1', label: 'Every Oldham child will start school ready to learn.', aligned: ['p1', 'p3'] },
    ])
  })

  test('a priority nothing local serves is listed, in order; links to other frameworks’ priorities count for nothing here', () => {
    const { unserved } = buildMatrix(
      [{ id: 'o1', title: 'Safe' }],
      [],
      priorities,
      [
        { localId: 'o1', priorityId: 'p3' },
        { localId: 'o1', priorityId: 'elsewhere' },
      ],
      [],
    )
    assert.deepEqual(
      unserved.map((p) => p.id),
      ['p1', 'p2'],
    )
  })

  test('with nothing local, every priority is unserved', () => {
    assert.equal(buildMatrix([], [], priorities, [], []).unserved.length, 3)
  })
})

describe('helpers', () => {
  test('a fingerprint ignores order', () => {
    assert.equal(fingerprint(['b', 'a']), fingerprint(['a', 'b']))
    assert.equal(fingerprint([]), '')
  })

  test('CSV fields are quoted when needed and formulas defused', () => {
    assert.equal(csvField('Plain'), 'Plain')
    assert.equal(csvField('Safe, and feel safe'), '"Safe, and feel safe"')
    assert.equal(csvField('Say "hello"'), '"Say ""hello"""')
    assert.equal(csvField('=1+1'), "'=1+1")
  })
})
