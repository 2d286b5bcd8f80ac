import { formatted, linearScale, niceTicks, round, tickPlaces, whisker } from './model.ts'

// Horizontal bars with 95% intervals, one per area or group, and a reference
// line (England, or the area as a whole). Each row carries its name, its value
// and what the comparison found as words, so the chart reads without colour.

export interface BarInput {
  label: string
  value: number | null
  lower: number | null
  upper: number | null
  /** The comparison in words, such as "Worse than England". */
  note: string
  /** The partnership's own area, drawn darker and named in bold. */
  emphasis?: boolean
}

export interface BarRow {
  label: string
  y: number
  labelY: number
  /** Null when there is no value: the row says so rather than drawing nothing silently. */
  bar: { x: number; width: number } | null
  whisker: { from: number; to: number; clippedFrom: boolean; clippedTo: boolean } | null
  text: string
  emphasis: boolean
}

export interface BarChart {
  width: number
  height: number
  plot: { left: number; top: number; right: number; bottom: number }
  xTicks: { x: number; label: string }[]
  zero: number
  rows: BarRow[]
  textX: number
  reference: { x: number; label: string } | null
}

const ROW = 40
const BAR = 22
const TOP = 64
const BOTTOM = 16
const PLOT_WIDTH = 380
/** About the width of a character at 16px in the system fonts, to size the label column to the longest name. */
const CHARACTER = 9.4

export function barChart(bars: readonly BarInput[], { places, reference }: { places: number; reference?: { label: string; value: number | null } }): BarChart {
  const labelWidth = Math.min(360, Math.max(120, Math.max(0, ...bars.map((b) => b.label.length)) * CHARACTER + 24))
  const textWidth = Math.min(300, Math.max(160, Math.max(0, ...bars.map((b) => rowText(b, places).length)) * CHARACTER + 16))
  const plot = { left: round(labelWidth), top: TOP, right: round(labelWidth + PLOT_WIDTH), bottom: TOP + Math.max(1, bars.length) * ROW }
  const ticks = niceTicks([...bars.flatMap((b) => [b.value, b.lower, b.upper]), reference?.value], { includeZero: true })
  const x = linearScale([ticks.min, ticks.max], [plot.left, plot.right])
  const zero = x(0)
  const labelPlaces = tickPlaces(ticks)
  const rows = bars.map((b, i): BarRow => {
    const y = plot.top + i * ROW + (ROW - BAR) / 2
    const end = b.value == null ? null : x(b.value)
    return {
      label: b.label,
      y,
      labelY: round(y + BAR / 2),
      bar: end == null ? null : { x: Math.min(zero, end), width: round(Math.abs(end - zero)) },
      whisker: whisker(x, b.lower, b.upper),
      text: rowText(b, places),
      emphasis: b.emphasis ?? false,
    }
  })
  return {
    width: round(plot.right + 40 + textWidth),
    height: plot.bottom + BOTTOM,
    plot,
    xTicks: ticks.values.map((v) => ({ x: x(v), label: formatted(v, labelPlaces) })),
    zero,
    rows,
    textX: plot.right + 16,
    reference: reference?.value == null ? null : { x: x(reference.value), label: `${reference.label} ${formatted(reference.value, places)}` },
  }
}

function rowText(b: BarInput, places: number): string {
  if (b.value == null) return 'No value'
  return b.note ? `${formatted(b.value, places)}: ${b.note}` : formatted(b.value, places)
}
