import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { testPassword } from './fixtures.ts'

/**
 * A browser-like client over app.inject: keeps cookies, and sends forms with
 * the CSRF token read from the page, exactly as a person's browser would.
 * CSRF protection stays on in tests.
 */
export class TestClient {
  private cookies = new Map<string, string>()

  private readonly app: FastifyInstance

  constructor(app: FastifyInstance) {
    this.app = app
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** Any request, with this browser's cookies, keeping those it is given. */
  async send(options: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: string | Buffer }): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ ...options, headers: { ...options.headers, cookie: this.cookieHeader() } })
    this.remember(response)
    return response
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } })
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
