import { test } from 'node:test'
import assert from 'node:assert/strict'
import { layoutStructure, type ChartBody } from './layout.ts'

const board: ChartBody = { id: 'a0000000-0000-4000-8000-000000000001', name: 'Strategic Partnership Board', accountable_to_id: null }
const group: ChartBody = { id: 'a0000000-0000-4000-8000-000000000002', name: 'Early Help Delivery Group', accountable_to_id: board.id }

test('the same structure is drawn once: asked again, in any order, the kept picture is given', async () => {
  const first = await layoutStructure([board, group])
  const again = await layoutStructure([group, board])
  assert.equal(again, first)
  assert.equal(first.lines.length, 1)
})

test('a renamed body or a moved line is drawn afresh', async () => {
  const before = await layoutStructure([board, group])
  const renamed = await layoutStructure([board, { ...group, name: 'Early Help and Prevention Delivery Group' }])
  assert.notEqual(renamed, before)
  assert.deepEqual(renamed.boxes.find((b) => b.id === group.id)?.lines.join(' '), 'Early Help and Prevention Delivery Group')
  const unlinked = await layoutStructure([board, { ...group, accountable_to_id: null }])
  assert.equal(unlinked.lines.length, 0)
})
