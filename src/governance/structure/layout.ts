import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js'
import { LRUCache } from 'lru-cache'

/** What the chart needs of a body. */
export interface ChartBody {
  id: string
  name: string
  accountable_to_id: string | null
}

export interface PlacedBox {
  id: string
  x: number
  y: number
  width: number
  height: number
  /** The name broken into lines that fit the box. */
  lines: string[]
}

export interface PlacedLine {
  /** The body accountable (below) and the body it is accountable to (above). */
  from: string
  to: string
  points: { x: number; y: number }[]
}

export interface StructureLayout {
  width: number
  height: number
  boxes: PlacedBox[]
  lines: PlacedLine[]
}

// Sizes for 14px text in the site's sans-serif face: 22 characters of average
// width fit in a 180px box with its padding. Wrapping by characters, not measured glyphs,
// keeps the layout the same on every machine.
export const boxWidth = 180
export const lineHeight = 18
export const boxPadding = 10
const charactersPerLine = 22

/** Breaks a name into lines of at most `max` characters at spaces; a single longer word is cut. */
export function wrapName(name: string, max = charactersPerLine): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of name.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest.length;) {
      const piece = rest.slice(0, max)
      rest = rest.slice(max)
      if (!line) line = piece
      else if (line.length + 1 + piece.length <= max) line += ` ${piece}`
      else {
        lines.push(line)
        line = piece
      }
    }
  }
  if (line) lines.push(line)
  return lines.length ? lines : ['']
}

let elk: Promise<ELK> | undefined

/**
 * elkjs is a large bundle (about 0.7 s to load) that only the structure chart
 * uses, so it is loaded on the first chart drawn rather than when the service starts.
 */
function loadElk(): Promise<ELK> {
  // The bundled build is CommonJS whose exports are the constructor, with the
  // same constructor again as `default`; TypeScript sees only the latter.
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => new module.default.default())
  return elk
}

/*
 * The same bodies always give the same picture, and elkjs takes tens to
 * hundreds of milliseconds to draw it, so each picture is kept, keyed by
 * everything it is drawn from (each body's id, name and line up), and drawn
 * again only when one of those changes. Callers share what is kept: they read it, never change it.
 */
const drawn = new LRUCache<string, Promise<StructureLayout>>({ max: 200 })

/**
 * Lays out the accountability lines top-down with elkjs's layered algorithm:
 * each body below the body it is accountable to. Input is sorted by name and
 * the random seed fixed, so the same structure always gives the same picture.
 * A line is drawn only where both bodies are on the chart.
 */
export function layoutStructure(bodies: readonly ChartBody[]): Promise<StructureLayout> {
  const sorted = [...bodies].sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id))
  const key = JSON.stringify(sorted.map((b) => [b.id, b.name, b.accountable_to_id]))
  let layout = drawn.get(key)
  if (!layout) {
    layout = draw(sorted)
    drawn.set(key, layout)
    layout.catch(() => drawn.delete(key))
  }
  return layout
}

async function draw(sorted: readonly ChartBody[]): Promise<StructureLayout> {
  const present = new Set(sorted.map((b) => b.id))
  const wrapped = new Map(sorted.map((b) => [b.id, wrapName(b.name)]))
  const linked = sorted.filter((b) => b.accountable_to_id !== null && present.has(b.accountable_to_id))
  const graph: ElkNode = {
    id: 'structure',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.randomSeed': '1',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      'elk.edgeRouting': 'ORTHOGONAL',
      // Each board centred over the bodies reporting to it, as people draw them.
      'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    children: sorted.map((b) => ({ id: b.id, width: boxWidth, height: boxPadding * 2 + lineHeight * (wrapped.get(b.id)?.length ?? 1) })),
    edges: linked.map((b) => ({ id: `line-${b.id}`, sources: [b.accountable_to_id as string], targets: [b.id] })),
  }
  const result = await (await loadElk()).layout(graph)
  const boxes = (result.children ?? []).map((n) => ({
    id: n.id,
    x: n.x ?? 0,
    y: n.y ?? 0,
    width: n.width ?? boxWidth,
    height: n.height ?? 0,
    lines: wrapped.get(n.id) ?? [],
  }))
  const lines = (result.edges ?? []).map((e) => {
    const section = e.sections?.[0]
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : []
    return { from: e.targets[0] as string, to: e.sources[0] as string, points: points.map((p) => ({ x: p.x, y: p.y })) }
  })
  return { width: result.width ?? 0, height: result.height ?? 0, boxes, lines }
}
