import type { FastifyInstance } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { addressThrottle } from '../../platform/http/rate-limit.ts'
import { z } from 'zod'
import type { Db } from '../../platform/db/database.ts'
import type { Config } from '../../config.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView } from '../../platform/http/forms.ts'
import { formBody, uuidOrNull } from '../../platform/http/params.ts'
import { safeReturnTo } from '../../platform/http/return-to.ts'
import { clearSessionCookie, setFlash, setSessionCookie } from '../../platform/http/sessions.ts'
import { signIn } from '../../platform/auth/sign-in.ts'
import { createSession, destroySession, partnershipsOf, switchPartnership } from '../../platform/auth/sessions.ts'
import { SignInRequiredError } from '../../platform/http/request-context.ts'
import { signInRefusal } from '../../platform/auth/model.ts'
import { invitationService } from '../users/index.ts'
import { passwordChangeRoutes } from './password-routes.ts'
import { isOperator } from './repository.ts'

const signInForm = z.object({
  email: z.string({ error: 'Enter your email address' }).trim().min(1, 'Enter your email address').max(320),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200),
})

export async function accountRoutes(app: FastifyInstance, db: Db, config: Config): Promise<void> {
  const invitations = invitationService(db)
  const cookieOptions = { secureCookies: config.trustProxy, ttlHours: config.sessionTtlHours }
  const lockRule = { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes }

  app.get('/sign-in', async (request, reply) => {
    const returnTo = safeReturnTo((request.query as Record<string, unknown>).returnTo)
    if (request.session) return reply.redirect(returnTo)
    return renderPage(request, reply, 'account/views/sign-in.njk', { title: 'Sign in', values: {}, returnTo, lockRule })
  })

  // A second throttle per address, on top of the per-account lock in signIn.
  await app.register(async (scope) => {
    await scope.register(rateLimit, addressThrottle(db))
    scope.post('/sign-in', async (request, reply) => {
      const body = formBody(request)
      const returnTo = safeReturnTo(body.returnTo)
      const parsed = signInForm.safeParse(body)
      const show = (fields: Record<string, string>) => {
        reply.code(400)
        return renderPage(request, reply, 'account/views/sign-in.njk', {
          title: 'Sign in',
          values: { email: body.email },
          returnTo,
          lockRule,
          errors: errorView(fields),
        })
      }
      if (!parsed.success) {
        const fields: Record<string, string> = {}
        for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message
        return show(fields)
      }
      const result = await signIn(db, parsed.data.email, parsed.data.password, { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes })
      if (!result.ok) return show({ email: signInRefusal })
      const token = await createSession(db, result.userId, result.firstPartnershipId, config.sessionTtlHours)
      setSessionCookie(reply, token, cookieOptions)
      return reply.redirect(await landingAfterSignIn(result.userId, returnTo), 303)
    })
  })

  /** Someone with invitations waiting sees them first; an operator with no partnership goes to the partnerships they run. */
  async function landingAfterSignIn(userId: string, returnTo: string): Promise<string> {
    if (returnTo !== '/') return returnTo
    if ((await invitations.waitingFor(userId)).length > 0) return '/partnerships'
    if ((await isOperator(db, userId)) && (await partnershipsOf(db, userId)).length === 0) return '/operator/partnerships'
    return returnTo
  }

  app.post('/sign-out', async (request, reply) => {
    if (request.sessionToken) await destroySession(db, request.sessionToken)
    clearSessionCookie(reply)
    setFlash(reply, 'You have signed out')
    return reply.redirect('/', 303)
  })

  app.get('/partnerships', async (request, reply) => {
    if (!request.session) throw new SignInRequiredError()
    const partnerships = await partnershipsOf(db, request.session.user.id)
    const waiting = await invitations.waitingFor(request.session.user.id)
    return renderPage(request, reply, 'account/views/partnerships.njk', { title: 'Your partnerships', partnerships, invitations: waiting })
  })

  app.post('/partnerships/switch', async (request, reply) => {
    if (!request.session || !request.sessionToken) throw new SignInRequiredError()
    const partnershipId = uuidOrNull(formBody(request).partnershipId)
    const ok = partnershipId !== null && (await switchPartnership(db, request.sessionToken, request.session.user.id, partnershipId))
    if (!ok) {
      reply.code(400)
      const partnerships = await partnershipsOf(db, request.session.user.id)
      return renderPage(request, reply, 'account/views/partnerships.njk', {
        title: 'Your partnerships',
        partnerships,
        invitations: await invitations.waitingFor(request.session.user.id),
        errors: errorView({ partnershipId: 'Select one of your partnerships' }),
      })
    }
    return reply.redirect('/', 303)
  })

  await passwordChangeRoutes(app, db, config)
}
