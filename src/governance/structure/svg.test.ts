import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { boxWidth, layoutStructure, wrapName } from './layout.ts'
import { structureSvg } from './svg.ts'
import { accountabilityTree } from './tree.ts'

const bodies = [
  { id: 'hwb', name: 'Health and Wellbeing Board', accountable_to_id: null },
  { id: 'spb', name: 'Children and Young People’s Strategic Partnership Board', accountable_to_id: 'hwb' },
  { id: 'jsna', name: 'JSNA sub-group', accountable_to_id: 'hwb' },
  { id: 'safeguarding', name: 'Oldham Safeguarding Children Partnership & <Council, CCG, Police>', accountable_to_id: null },
  { id: 'orphan', name: 'Group whose board is not shown', accountable_to_id: 'not-on-the-chart' },
]
const text = { title: 'Structure on 1 April 2019', description: 'Each body below the body it is accountable to.', href: (id: string) => `/bodies/${id}` }

describe('wrapping names to fit the boxes', () => {
  test('breaks at spaces into lines of at most 22 characters, keeping every word', () => {
    const lines = wrapName('Children and Young People’s Strategic Partnership Board')
    assert.deepEqual(lines, ['Children and Young', 'People’s Strategic', 'Partnership Board'])
    for (const line of lines) assert.ok(line.length <= 22)
  })

  test('cuts a single word too long for a line', () => {
    assert.deepEqual(wrapName('x'.repeat(30)), ['x'.repeat(22), 'x'.repeat(8)])
  })
})

describe('the structure chart', () => {
  test('every body gets a box big enough for its lines; every line joins a body to the one above it', async () => {
    const layout = await layoutStructure(bodies)
    assert.deepEqual(layout.boxes.map((b) => b.id).sort(), ['hwb', 'jsna', 'orphan', 'safeguarding', 'spb'])
    for (const box of layout.boxes) {
      assert.equal(box.width, boxWidth)
      assert.ok(box.height >= 20 + 18 * box.lines.length, box.id)
      assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width && box.y + box.height <= layout.height, `${box.id} is inside the picture`)
    }
    assert.deepEqual(layout.lines.map((l) => `${l.from}→${l.to}`).sort(), ['jsna→hwb', 'spb→hwb'])
    const at = (id: string) => layout.boxes.find((b) => b.id === id)!
    assert.ok(at('spb').y > at('hwb').y + at('hwb').height, 'the accountable body is drawn below')
    for (const line of layout.lines) assert.ok(line.points.length >= 2)
  })

  test('the same structure, in any order, is laid out the same', async () => {
    const once = await layoutStructure(bodies)
    const again = await layoutStructure([...bodies].reverse())
    assert.deepEqual(again, once)
  })

  test('the SVG has a title and description, a link per box and a line per accountability line, with names escaped', async () => {
    const svg = structureSvg(await layoutStructure(bodies), text)
    assert.match(svg, /^<svg [^>]*aria-labelledby="structure-title structure-desc"/)
    assert.match(svg, /<title id="structure-title">Structure on 1 April 2019<\/title><desc id="structure-desc">Each body below/)
    assert.deepEqual([...svg.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]).sort(), [
      '/bodies/hwb',
      '/bodies/jsna',
      '/bodies/orphan',
      '/bodies/safeguarding',
      '/bodies/spb',
    ])
    assert.equal([...svg.matchAll(/<rect /g)].length, 5)
    assert.deepEqual([...svg.matchAll(/<polyline data-from="(\w+)" data-to="(\w+)"/g)].map((m) => `${m[1]}→${m[2]}`).sort(), ['jsna→hwb', 'spb→hwb'])
    assert.match(svg, /Partnership &amp;<\/tspan> <tspan [^>]*>&lt;Council, CCG, Police&gt;</)
    assert.doesNotMatch(svg, /<Council/)
  })

  test('a small chart is centred in the column; a wide one keeps its whole width, at its own size', async () => {
    const small = await layoutStructure(bodies.slice(0, 3))
    assert.ok(small.width < 960)
    assert.match(structureSvg(small, text), new RegExp(`viewBox="${(small.width - 960) / 2} 0 960 ${small.height}" width="960" height="${small.height}"`))
    const partnerships = Array.from({ length: 8 }, (_, i) => ({ id: `dp${i}`, name: `Delivery partnership ${i}`, accountable_to_id: 'group' }))
    const wide = await layoutStructure([{ id: 'group', name: 'Strategy group', accountable_to_id: null }, ...partnerships])
    assert.ok(wide.width > 960)
    assert.match(structureSvg(wide, text), new RegExp(`viewBox="0 0 ${wide.width} ${wide.height}" width="${wide.width}" height="${wide.height}"`))
  })

  test('an empty structure is still a titled picture', async () => {
    const svg = structureSvg(await layoutStructure([]), text)
    assert.match(svg, /<title id="structure-title">/)
    assert.doesNotMatch(svg, /<a /)
  })
})

describe('the structure as a nested list', () => {
  test('nests each body under the one it is accountable to, alphabetically; one whose board is not shown starts its own tree', () => {
    const tree = accountabilityTree(bodies)
    const outline = (nodes: typeof tree): unknown[] => nodes.map((n) => (n.reports.length ? [n.body.id, outline(n.reports)] : n.body.id))
    assert.deepEqual(outline(tree), ['orphan', ['hwb', ['spb', 'jsna']], 'safeguarding'])
  })
})
