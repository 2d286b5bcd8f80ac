// Stands in for this site's own origin: only addresses that stay on it come back.
const thisSite = 'http://thrive.invalid'

/**
 * Where to go after signing in: a path on this site, re-encoded so it is safe
 * in a Location header (non-ASCII and control characters become %XX), or the
 * home page for anything else, so a crafted link cannot send someone elsewhere.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000 || !/^\/(?![/\\])/.test(value) || /[\s\\\0]/.test(value)) return '/'
  let url: URL
  try {
    url = new URL(value, thisSite)
  } catch {
    return '/'
  }
  const path = `${url.pathname}${url.search}${url.hash}`
  // Dot segments can resolve to '//host', which a browser would take as another site.
  return url.origin === thisSite && !path.startsWith('//') ? path : '/'
}
