import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { randomInt } from 'node:crypto'
import { testPassword } from './fixtures.ts'

/**
 * A browser-like client over app.inject: keeps cookies, and sends forms with
 * the CSRF token read from the page, exactly as a person's browser would.
 * CSRF protection stays on in tests.
 */
/**
 * A browser of its own, on an address of its own: the per-address throttles
 * are kept in the database (src/platform/http/rate-limit.ts), so clients that
 * all came from 127.0.0.1 would share one count across a whole test file.
 */
export class TestClient {
  private cookies = new Map<string, string>()
  readonly address: string

  private readonly app: FastifyInstance

  /** address: where the requests come from; by default a random private one. */
  constructor(app: FastifyInstance, address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`) {
    this.app = app
    this.address = address
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
  }

  /** The Cookie header this browser would send. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** Any request, with this browser's cookies, keeping those it is given. */
  async send(options: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string | Buffer }): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ ...options, remoteAddress: this.address, headers: { ...options.headers, cookie: this.cookieHeader() } })
    this.remember(response)
    return response
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, remoteAddress: this.address, headers: { cookie: this.cookieHeader() } })
    this.remember(response)
    return response
  }

  /** Posts a form; the CSRF token comes from `formPage` (default: the page at url, or '/' ). */
  async post(
    url: string,
    fields: Record<string, string | string[]>,
    options: { formPage?: string; csrf?: string | null } = {},
  ): Promise<LightMyRequestResponse> {
    let token = options.csrf
    if (token === undefined) token = await this.csrfToken(options.formPage ?? '/')
    const body = new URLSearchParams()
    if (token !== null) body.append('_csrf', token)
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.address,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    })
    this.remember(response)
    return response
  }

  async csrfToken(page = '/'): Promise<string> {
    const response = await this.get(page)
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body)
    if (!match?.[1]) throw new Error(`No CSRF token on ${page} (status ${response.statusCode})`)
    return match[1]
  }

  async signIn(email: string, password = testPassword): Promise<LightMyRequestResponse> {
    const response = await this.post('/sign-in', { email, password }, { formPage: '/sign-in' })
    if (response.statusCode !== 303) throw new Error(`Sign-in failed for ${email}: ${response.statusCode}`)
    return response
  }
}
