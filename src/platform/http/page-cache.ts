import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { LRUCache } from 'lru-cache'

/*
 * Signed-in pages, served again from memory until anything they could show has
 * changed. A page is a function of who is asking (the whole session: person,
 * partnership, role, how many partnerships they belong to), the address, the
 * data (the platform's and the partnership's data versions, which the database
 * moves on at the commit of every transaction that changes a table:
 * migrations/2026-12-03T1600-data-versions.ts) and the clock (pages say what is
 * overdue or upcoming): the key is all four, the clock to the minute. Read in
 * the same query as the session, the versions cost no extra round trip, and
 * a page read at a version always shows at least that version's data, so a
 * cached page is never older than its key.
 *
 * What differs per response is cut out before storing and put back when
 * serving: the CSRF token and the CSP nonce. Not stored: anything but a 200
 * HTML page from renderPage, a page with a one-time message (flash), a response
 * that says `cache-control: no-store` (such as the import progress page, whose
 * figures live in memory, not in the database), and anything signed out.
 */

const csrfMark = `csrf-${randomBytes(12).toString('hex')}`
const nonceMark = `nonce-${randomBytes(12).toString('hex')}`

interface Rendered {
  csrfToken: string
  nonce: string | undefined
}

const rendered = new WeakMap<FastifyReply, Rendered>()
const keys = new WeakMap<FastifyRequest, string>()

/** Called by renderPage: the per-response parts of the page it is rendering. */
export function noteRenderedParts(reply: FastifyReply, parts: Rendered): void {
  rendered.set(reply, parts)
}

function keyOf(request: FastifyRequest, now: number): string | null {
  const session = request.session
  if (request.method !== 'GET' || !session?.partnership || request.flash) return null
  const minute = Math.floor(now / 60_000)
  return createHash('sha256')
    .update(JSON.stringify([session.user, session.partnership, session.membershipCount, session.dataVersion, request.url, minute]))
    .digest('base64url')
}

function withMarks(page: string, parts: Rendered): string | null {
  if (parts.csrfToken.length < 16 || (parts.nonce !== undefined && parts.nonce.length < 16)) return null
  const marked = page.replaceAll(parts.csrfToken, csrfMark)
  return parts.nonce === undefined ? marked : marked.replaceAll(parts.nonce, nonceMark)
}

export interface PageCacheOptions {
  /** Memory the stored pages may take, in bytes; 0 turns the cache off. */
  maxBytes: number
}

/** Registered after the sessions, whose onRequest hook finds who is asking. */
export function setUpPageCache(app: FastifyInstance, { maxBytes }: PageCacheOptions): void {
  if (maxBytes <= 0) return
  const pages = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (page) => Math.max(1, page.length * 2) })

  app.addHook('onRequest', async (request, reply) => {
    const key = keyOf(request, Date.now())
    if (!key) return
    const page = pages.get(key)
    if (page === undefined) {
      keys.set(request, key)
      return
    }
    const body = page.replaceAll(csrfMark, reply.generateCsrf()).replaceAll(nonceMark, reply.cspNonce?.script ?? '')
    return reply.type('text/html; charset=utf-8').header('x-thrive-page-cache', 'hit').send(body)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const key = keys.get(request)
    const parts = rendered.get(reply)
    if (!key || !parts || reply.statusCode !== 200 || typeof payload !== 'string') return payload
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload
    if (String(reply.getHeader('cache-control') ?? '').includes('no-store')) return payload
    const marked = withMarks(payload, parts)
    if (marked !== null) pages.set(key, marked)
    return payload
  })
}
