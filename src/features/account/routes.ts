import type { FastifyInstance } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { z } from 'zod'
import type { Db } from '../../platform/db/database.ts'
import type { Config } from '../../config.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView } from '../../platform/http/forms.ts'
import { formBody } from '../../platform/http/params.ts'
import { clearSessionCookie, setFlash, setSessionCookie } from '../../platform/http/sessions.ts'
import { signIn } from '../../platform/auth/sign-in.ts'
import { createSession, destroySession, partnershipsOf, switchPartnership } from '../../platform/auth/sessions.ts'
import { SignInRequiredError } from '../../platform/http/request-context.ts'
import { formatUkDateTime } from '../../platform/views/dates.ts'

/** Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/'
}

const signInForm = z.object({
  email: z.string({ error: 'Enter your email address' }).trim().min(1, 'Enter your email address').max(320),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200),
})

export async function accountRoutes(app: FastifyInstance, db: Db, config: Config): Promise<void> {
  const cookieOptions = { secureCookies: config.trustProxy, ttlHours: config.sessionTtlHours }

  app.get('/sign-in', async (request, reply) => {
    const returnTo = safeReturnTo((request.query as Record<string, unknown>).returnTo)
    if (request.session) return reply.redirect(returnTo)
    return renderPage(request, reply, 'account/views/sign-in.njk', { title: 'Sign in', values: {}, returnTo })
  })

  // A second throttle per address, on top of the per-account lock in signIn.
  await app.register(async (scope) => {
    await scope.register(rateLimit, { max: 30, timeWindow: '5 minutes' })
    scope.post('/sign-in', async (request, reply) => {
      const body = formBody(request)
      const returnTo = safeReturnTo(body.returnTo)
      const parsed = signInForm.safeParse(body)
      const show = (fields: Record<string, string>) => {
        reply.code(400)
        return renderPage(request, reply, 'account/views/sign-in.njk', { title: 'Sign in', values: { email: body.email }, returnTo, errors: errorView(fields) })
      }
      if (!parsed.success) {
        const fields: Record<string, string> = {}
        for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message
        return show(fields)
      }
      const result = await signIn(db, parsed.data.email, parsed.data.password, { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes })
      if (!result.ok && result.reason === 'locked') {
        return show({ email: `Too many failed attempts. You can try again after ${formatUkDateTime(result.until)}.` })
      }
      if (!result.ok) return show({ email: 'Enter a correct email address and password' })
      const token = await createSession(db, result.userId, result.firstPartnershipId, config.sessionTtlHours)
      setSessionCookie(reply, token, cookieOptions)
      return reply.redirect(returnTo, 303)
    })
  })

  app.post('/sign-out', async (request, reply) => {
    if (request.sessionToken) await destroySession(db, request.sessionToken)
    clearSessionCookie(reply)
    setFlash(reply, 'You have signed out')
    return reply.redirect('/', 303)
  })

  app.get('/partnerships', async (request, reply) => {
    if (!request.session) throw new SignInRequiredError()
    const partnerships = await partnershipsOf(db, request.session.user.id)
    return renderPage(request, reply, 'account/views/partnerships.njk', { title: 'Your partnerships', partnerships })
  })

  app.post('/partnerships/switch', async (request, reply) => {
    if (!request.session || !request.sessionToken) throw new SignInRequiredError()
    const { partnershipId } = formBody(request)
    const ok = typeof partnershipId === 'string' && /^[0-9a-f-]{36}$/i.test(partnershipId)
      && (await switchPartnership(db, request.sessionToken, request.session.user.id, partnershipId))
    if (!ok) {
      reply.code(400)
      const partnerships = await partnershipsOf(db, request.session.user.id)
      return renderPage(request, reply, 'account/views/partnerships.njk', {
        title: 'Your partnerships',
        partnerships,
        errors: errorView({ partnershipId: 'Select one of your partnerships' }),
      })
    }
    return reply.redirect('/', 303)
  })
}
