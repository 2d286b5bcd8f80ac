import { sessionCookie } from '../../src/platform/http/sessions.ts'

/**
 * Signs in over real HTTP through the sign-in form, as a browser would: reads
 * the CSRF token and cookie from the page, posts the form, and keeps the
 * cookies the server sets. Returns them as a Cookie header for later requests.
 */
export async function signInOverHttp(origin: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>()
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const at = pair.indexOf('=')
      if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim())
    }
  }
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')

  const page = await fetch(`${origin}/sign-in`, { redirect: 'manual' })
  keep(page)
  const html = await page.text()
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (page.status !== 200 || !token) throw new Error(`The sign-in page had no form to fill in (status ${page.status})`)

  const signedIn = await fetch(`${origin}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  })
  keep(signedIn)
  await signedIn.arrayBuffer()
  if (signedIn.status !== 303 || !jar.has(sessionCookie)) throw new Error(`Signing in as ${email} failed (status ${signedIn.status})`)
  return cookieHeader()
}
