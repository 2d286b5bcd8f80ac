import { formatted, linePath, linearScale, niceTicks, round, tickPlaces, whisker } from './model.ts'

// The trend over time: the partnership's value each period with its 95%
// interval, the benchmark's line and the target's. Each series has its own
// marker shape and line pattern, and is named in the legend and at its end, so
// nothing depends on telling colours apart.

export interface TrendPoint {
  period: string
  value: number | null
  lower: number | null
  upper: number | null
  benchmark: number | null
  target: number | null
  illustrative: boolean
}

export interface Marker {
  x: number
  y: number
  label: string
}

export interface TrendChart {
  width: number
  height: number
  plot: { left: number; top: number; right: number; bottom: number }
  yTicks: { y: number; label: string }[]
  xLabels: { x: number; label: string }[]
  value: { path: string; markers: (Marker & { illustrative: boolean })[] }
  whiskers: { x: number; top: number; bottom: number; clippedTop: boolean; clippedBottom: boolean }[]
  benchmark: { path: string; markers: Marker[] } | null
  target: { path: string; markers: Marker[] } | null
  names: { value: string; benchmark: string }
  /** Where a series' name sits, at the right of its last point. */
  endLabels: { x: number; y: number; text: string }[]
}

const HEIGHT = 380
const MARGIN = { left: 72, top: 68, right: 150, bottom: 44 }
/** Room for a period label such as "2019/20 Q1" at 16px, side by side with its neighbours. */
const PER_PERIOD = 84

/** `includeZero` for a size such as a gap, whose changes look bigger than they are on an axis that starts elsewhere. */
export function trendChart(
  points: readonly TrendPoint[],
  { places, areaName, benchmarkName, includeZero = false }: { places: number; areaName: string; benchmarkName: string; includeZero?: boolean },
): TrendChart {
  const width = Math.max(640, MARGIN.left + MARGIN.right + points.length * PER_PERIOD)
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: HEIGHT - MARGIN.bottom }
  const ticks = niceTicks(
    points.flatMap((p) => [p.value, p.lower, p.upper, p.benchmark, p.target]),
    { includeZero },
  )
  const y = linearScale([ticks.min, ticks.max], [plot.bottom, plot.top])
  const slot = (plot.right - plot.left) / Math.max(1, points.length)
  const xOf = (i: number) => round(plot.left + slot * (i + 0.5))
  const at = (value: number | null, i: number) => (value == null ? null : { x: xOf(i), y: y(value) })
  const labelPlaces = tickPlaces(ticks)

  const series = (pick: (p: TrendPoint) => number | null, name: string) => {
    const located = points.map((p, i) => at(pick(p), i))
    if (located.every((p) => p == null)) return null
    const markers = located.flatMap((p, i) =>
      p ? [{ ...p, label: `${name}, ${points[i]!.period}: ${formatted(pick(points[i]!), places)}`, illustrative: points[i]!.illustrative }] : [],
    )
    return { path: linePath(located), markers }
  }
  const value = series((p) => p.value, areaName)
  const benchmark = series((p) => p.benchmark, benchmarkName)
  const target = series((p) => p.target, 'Target')

  const endLabels: TrendChart['endLabels'] = []
  for (const [line, text] of [
    [value, areaName],
    [benchmark, benchmarkName],
    [target, 'Target'],
  ] as const) {
    const last = line?.markers.at(-1)
    if (last) endLabels.push({ x: round(plot.right + 10), y: last.y, text })
  }
  spreadApart(endLabels, 20, plot.top, plot.bottom)

  return {
    width,
    height: HEIGHT,
    plot,
    yTicks: ticks.values.map((v) => ({ y: y(v), label: formatted(v, labelPlaces) })),
    xLabels: points.map((p, i) => ({ x: xOf(i), label: p.period })),
    value: { path: value?.path ?? '', markers: value?.markers ?? [] },
    whiskers: points.flatMap((p, i) => {
      const w = whisker(y, p.lower, p.upper)
      // On a vertical axis the lower value sits lower on the page, at the larger y.
      return w ? [{ x: xOf(i), top: w.to, bottom: w.from, clippedTop: w.clippedTo, clippedBottom: w.clippedFrom }] : []
    }),
    benchmark,
    target,
    endLabels,
    names: { value: areaName, benchmark: benchmarkName },
  }
}

/** Nudges labels down the page until none overlaps the one above, then back up if the last ran off the plot. */
export function spreadApart(labels: { y: number }[], gap: number, top: number, bottom: number): void {
  labels.sort((a, b) => a.y - b.y)
  for (let i = 0; i < labels.length; i++) {
    const above = labels[i - 1]
    labels[i]!.y = round(Math.max(labels[i]!.y, top, above ? above.y + gap : -Infinity))
  }
  for (let i = labels.length - 1; i >= 0; i--) {
    const below = labels[i + 1]
    labels[i]!.y = round(Math.min(labels[i]!.y, bottom, below ? below.y - gap : Infinity))
  }
}
