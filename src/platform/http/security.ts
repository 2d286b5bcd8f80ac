import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'
import cookie from '@fastify/cookie'
import csrf from '@fastify/csrf-protection'
import formbody from '@fastify/formbody'
import { parse } from 'node:querystring'
import { refuseDisallowedCharacters } from './input-characters.ts'

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface SecurityOptions {
  /** Behind TLS (directly or via a proxy): cookies get Secure. */
  secureCookies: boolean
}

/** Security headers, a per-request CSP nonce, form parsing, a CSRF check on every state-changing request and no NUL anywhere. */
export async function setUpSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: options.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: options.secureCookies,
    crossOriginEmbedderPolicy: false,
  })
  await app.register(cookie)
  // Repeated keys (checkboxes) arrive as arrays; qs-style nesting is not used.
  await app.register(formbody, { parser: (body) => parse(body) })
  await app.register(csrf, {
    cookieKey: 'thrive_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined
      return fromBody ?? (request.headers['x-csrf-token'] as string | undefined)
    },
  })
  app.addHook('preHandler', (request, reply, done) => {
    if (!unsafeMethods.has(request.method)) return done()
    app.csrfProtection(request, reply, done)
  })
  refuseDisallowedCharacters(app)
}
