import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import type { TestApp } from './app.ts'
import { testPassword } from './fixtures.ts'

export interface UploadFile {
  name: string
  content: Buffer
  type?: string
}

export interface UploadOptions {
  /** Leave the CSRF token out, to prove the form is refused without it. */
  csrf?: boolean
  /** The page whose form the token is read from. */
  formPage?: string
}

/**
 * A signed-in browser that sends multipart forms (file uploads), keeping its
 * cookies and reading the CSRF token from the form's page, as a person's browser does.
 * `fileField` is the name of the form's file input.
 */
export class UploadBrowser {
  private readonly cookies = new Map<string, string>()
  private readonly t: TestApp
  private readonly fileField: string

  constructor(t: TestApp, fileField: string) {
    this.t = t
    this.fileField = fileField
  }

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies) this.cookies.set(c.name, c.value)
    return response
  }

  private get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async get(url: string) {
    return this.keep(await this.t.app.inject({ method: 'GET', url, headers: { cookie: this.cookie } }))
  }

  async token(page = '/'): Promise<string> {
    const match = /name="_csrf" value="([^"]+)"/.exec((await this.get(page)).body)
    if (!match?.[1]) throw new Error(`No CSRF token on ${page}`)
    return match[1]
  }

  async signIn(email: string): Promise<void> {
    const body = new URLSearchParams({ _csrf: await this.token('/sign-in'), email, password: testPassword }).toString()
    const response = this.keep(
      await this.t.app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
      }),
    )
    assert.equal(response.statusCode, 303)
  }

  /** Posts multipart/form-data with the file (if any) in the form's file field. */
  async upload(url: string, fields: Record<string, string>, file: UploadFile | null, { csrf = true, formPage = '/' }: UploadOptions = {}) {
    const form = new FormData()
    if (csrf) form.append('_csrf', await this.token(formPage))
    for (const [k, v] of Object.entries(fields)) form.append(k, v)
    if (file) form.append(this.fileField, new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name)
    return this.send(url, form)
  }

  async send(url: string, form: FormData) {
    return this.keep(await this.t.app.inject({ method: 'POST', url, headers: { cookie: this.cookie }, payload: form }))
  }
}
