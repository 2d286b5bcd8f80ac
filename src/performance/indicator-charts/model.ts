// The geometry of the indicator page's charts, worked out here so the SVG the
// page draws is plain markup with numbers in it: no script, no chart library,
// and every position testable. Units are CSS pixels: the charts are drawn at
// their own size (they scroll sideways on narrow screens), so text stays legible.

export interface Ticks {
  min: number
  max: number
  step: number
  values: number[]
}

/** 1, 2, 2.5 or 5 times a power of ten: the steps people read an axis in. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count)
  const power = 10 ** Math.floor(Math.log10(raw))
  const fraction = raw / power
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
  return nice * power
}

/**
 * An axis covering every number given, widened to round steps (about `count`
 * of them). Bars need zero on their axis or their lengths lie, so
 * `includeZero` widens to it; with no numbers the axis runs 0 to 1.
 */
export function niceTicks(numbers: readonly (number | null | undefined)[], { count = 5, includeZero = false } = {}): Ticks {
  const finite = numbers.filter((n): n is number => n != null && Number.isFinite(n))
  if (includeZero) finite.push(0)
  if (!finite.length) return { min: 0, max: 1, step: 0.25, values: [0, 0.25, 0.5, 0.75, 1] }
  let low = Math.min(...finite)
  let high = Math.max(...finite)
  if (low === high) {
    // One value: an axis around it, so its mark sits inside rather than on an edge.
    const pad = low === 0 ? 1 : Math.abs(low) / 10
    low -= pad
    high += pad
    if (includeZero && finite.every((n) => n >= 0)) low = Math.max(0, low)
  }
  const step = niceStep(high - low, count)
  const min = Math.floor(low / step + 1e-9) * step
  const max = Math.ceil(high / step - 1e-9) * step
  const values: number[] = []
  // Rounding to the step's own decimals keeps 0.30000000000000004 off the axis.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1)
  for (let v = min; v <= max + step / 2; v += step) values.push(Number(v.toFixed(decimals)))
  return { min: Number(min.toFixed(decimals)), max: Number(max.toFixed(decimals)), step, values }
}

export interface Scale {
  (value: number): number
  domain: readonly [number, number]
  range: readonly [number, number]
}

/** Maps the domain onto the range in a straight line; values beyond the domain are held at its edge. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain
  const [r0, r1] = range
  const span = d1 - d0 || 1
  const scale = ((value: number) => {
    const clamped = Math.min(Math.max(value, Math.min(d0, d1)), Math.max(d0, d1))
    return round(r0 + ((clamped - d0) / span) * (r1 - r0))
  }) as Scale
  scale.domain = domain
  scale.range = range
  return scale
}

/** Two decimals of a pixel is finer than any screen, and keeps the markup short. */
export const round = (n: number) => Math.round(n * 100) / 100

export interface Whisker {
  from: number
  to: number
  /** The interval runs past the axis at that end, so the whisker is cut there and drawn with an arrow. */
  clippedFrom: boolean
  clippedTo: boolean
}

/** An interval on a scale, cut at the axis's ends and saying where it was cut. */
export function whisker(scale: Scale, lower: number | null, upper: number | null): Whisker | null {
  if (lower == null || upper == null) return null
  const [d0, d1] = scale.domain
  const low = Math.min(d0, d1)
  const high = Math.max(d0, d1)
  return { from: scale(lower), to: scale(upper), clippedFrom: lower < low, clippedTo: upper > high }
}

/**
 * An SVG path through the points in order, lifting the pen over missing
 * values: a gap in the data is drawn as a gap, never bridged.
 */
export function linePath(points: readonly ({ x: number; y: number } | null)[]): string {
  let path = ''
  let drawing = false
  for (const point of points) {
    if (!point) {
      drawing = false
      continue
    }
    path += `${drawing ? 'L' : path ? ' M' : 'M'}${point.x},${point.y}`
    drawing = true
  }
  return path
}

/** A figure as the indicator publishes it: to its decimal places, with thousands separated. */
export function formatted(n: number | null | undefined, places: number): string {
  return n == null ? '' : n.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places })
}

/** The tick labels' decimal places: as many as the step has, so no two ticks read the same. */
export function tickPlaces(ticks: Ticks): number {
  let places = 0
  while (places < 6 && Math.abs(ticks.step * 10 ** places - Math.round(ticks.step * 10 ** places)) > 1e-9) places++
  return places
}

/** Twelve significant figures: enough for any published figure, and no 27.500000000000004 from the arithmetic. */
export function tidyNumber(n: number): number {
  return Number(n.toPrecision(12))
}

/** A download's rows with every number tidied, as they leave the app. */
export function tidyRows<T extends readonly (readonly (string | number | null)[])[]>(rows: T): (string | number | null)[][] {
  return rows.map((row) => row.map((cell) => (typeof cell === 'number' ? tidyNumber(cell) : cell)))
}
