import { boxPadding, lineHeight, type StructureLayout } from './layout.ts'

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c] as string)
/** The width of the page's main column, in pixels. */
const minimumWidth = 960
/** The site's own typeface (app.scss), so the boxes read like the rest of the page. */
const fontFamily = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, Arial, sans-serif'
const n = (value: number) => Math.round(value * 10) / 10

export interface ChartText {
  title: string
  description: string
  /** The address a box links to, from the body's id. */
  href: (id: string) => string
}

/**
 * Draws a laid-out structure as SVG markup: a titled, described picture in
 * which every box is a link to its body and every accountability line joins
 * a body to the one above it. Colours are GOV.UK's, with text at full contrast.
 */
export function structureSvg(layout: StructureLayout, text: ChartText): string {
  const parts: string[] = []
  // Drawn at its own size so the 14px text stays readable: one narrower than
  // the column is centred in it, a wider one scrolls sideways in its container.
  const width = Math.max(layout.width, minimumWidth)
  const left = (layout.width - width) / 2
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="thrive-structure-chart" viewBox="${n(left)} 0 ${n(width)} ${n(layout.height)}" width="${n(width)}" height="${n(layout.height)}" font-family="${fontFamily}" aria-labelledby="structure-title structure-desc">`,
    `<title id="structure-title">${escapeXml(text.title)}</title>`,
    `<desc id="structure-desc">${escapeXml(text.description)}</desc>`,
  )
  for (const line of layout.lines) {
    const points = line.points.map((p) => `${n(p.x)},${n(p.y)}`).join(' ')
    parts.push(
      `<polyline data-from="${escapeXml(line.from)}" data-to="${escapeXml(line.to)}" points="${points}" fill="none" stroke="#505a5f" stroke-width="2" aria-hidden="true"/>`,
    )
  }
  for (const box of layout.boxes) {
    parts.push(
      `<a href="${escapeXml(text.href(box.id))}" data-body="${escapeXml(box.id)}">`,
      `<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="3" fill="#ffffff" stroke="#0b0c0c" stroke-width="2"/>`,
      `<text x="${n(box.x + box.width / 2)}" y="${n(box.y + boxPadding)}" text-anchor="middle" font-size="14" fill="#1d70b8" text-decoration="underline">`,
      // The spaces between lines keep the words apart in the link's accessible name.
      box.lines.map((t, i) => `<tspan x="${n(box.x + box.width / 2)}" dy="${i === 0 ? lineHeight - 4 : lineHeight}">${escapeXml(t)}</tspan>`).join(' '),
      '</text>',
      '</a>',
    )
  }
  parts.push('</svg>')
  return parts.join('')
}
