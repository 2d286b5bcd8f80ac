/*
 * Reads what a crawler needs from a rendered page: the links it offers and
 * the forms it shows, with each field's starting value, as a browser would send them.
 */

export interface PageForm {
  action: string
  method: string
  multipart: boolean
  /** Field name → the values a browser would send untouched (checkboxes left as rendered). */
  fields: [string, string][]
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') return String.fromCodePoint(code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1)))
    return entities[code.toLowerCase()] ?? whole
  })
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)
  return match ? decodeEntities(match[1]!) : undefined
}

/** Same-site addresses the page links to, without fragments. */
export function linksOf(html: string): string[] {
  const links = new Set<string>()
  for (const match of html.matchAll(/\shref="([^"]*)"/g)) {
    const href = decodeEntities(match[1]!).split('#')[0]!
    if (href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/assets/') && !href.startsWith('/public/')) links.add(href)
  }
  return [...links]
}

export function formsOf(html: string, pageUrl: string): PageForm[] {
  const forms: PageForm[] = []
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, tag, inner] = match as unknown as [string, string, string]
    const fields: [string, string][] = []
    for (const input of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(input[0], 'name')
      const type = (attribute(input[0], 'type') ?? 'text').toLowerCase()
      if (!name || type === 'submit' || type === 'button' || type === 'file') continue
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/i.test(input[0])) {
        // An unchecked radio group still gets its first choice, so the form can pass its checks.
        if (type === 'radio' && !fields.some(([n]) => n === name)) fields.push([name, attribute(input[0], 'value') ?? 'on'])
        continue
      }
      if (type === 'radio') {
        const at = fields.findIndex(([n]) => n === name)
        if (at >= 0) fields.splice(at, 1)
      }
      fields.push([name, attribute(input[0], 'value') ?? (type === 'checkbox' ? 'on' : '')])
    }
    for (const area of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attribute(area[0], 'name')
      if (name) fields.push([name, decodeEntities(area[2]!)])
    }
    for (const select of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attribute(select[0], 'name')
      if (!name) continue
      const options = [...select[2]!.matchAll(/<option\b[^>]*>/gi)].map((o) => o[0])
      const chosen = options.find((o) => /\sselected\b/i.test(o)) ?? options.find((o) => attribute(o, 'value')) ?? options[0]
      fields.push([name, chosen ? (attribute(chosen, 'value') ?? '') : ''])
    }
    forms.push({
      action: attribute(tag, 'action') || pageUrl,
      method: (attribute(tag, 'method') ?? 'get').toLowerCase(),
      multipart: /multipart\/form-data/i.test(tag),
      fields,
    })
  }
  return forms
}
