import type { FastifyInstance } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { addressThrottle } from '../../platform/http/rate-limit.ts'
import { z } from 'zod'
import type { Db } from '../../platform/db/database.ts'
import type { Config } from '../../config.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm } from '../../platform/http/forms.ts'
import { formBody } from '../../platform/http/params.ts'
import { setFlash, setSessionCookie } from '../../platform/http/sessions.ts'
import { SignInRequiredError } from '../../platform/http/request-context.ts'
import { createSession } from '../../platform/auth/sessions.ts'
import { ValidationError } from '../../platform/errors.ts'
import { changeOwnPassword } from '../users/index.ts'

const ownPasswordForm = z.object({
  currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(200),
  password: z.string({ error: 'Enter a new password' }).min(1, 'Enter a new password'),
})

/** The holder's own password: the only way, besides an operator, to change the password of an account in several partnerships. */
export async function passwordChangeRoutes(app: FastifyInstance, db: Db, config: Config): Promise<void> {
  const cookieOptions = { secureCookies: config.trustProxy, ttlHours: config.sessionTtlHours }

  app.get('/account/password', async (request, reply) => {
    if (!request.session) throw new SignInRequiredError()
    return renderPage(request, reply, 'account/views/password.njk', { title: 'Change your password' })
  })

  // Checking the current password is a password check: throttled per address as signing in is.
  await app.register(async (scope) => {
    await scope.register(rateLimit, addressThrottle(db))
    scope.post('/account/password', async (request, reply) => {
      const session = request.session
      if (!session) throw new SignInRequiredError()
      try {
        const { currentPassword, password } = parseForm(ownPasswordForm, formBody(request))
        await changeOwnPassword(db, session.user.id, currentPassword, password)
        // Every session ended with the old password; this one carries on in the partnership it was in.
        const token = await createSession(db, session.user.id, session.partnership?.id ?? null, config.sessionTtlHours)
        setSessionCookie(reply, token, cookieOptions)
        setFlash(reply, 'Your password has been changed, and you have been signed out everywhere else')
        return reply.redirect('/partnerships', 303)
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        reply.code(400)
        return renderPage(request, reply, 'account/views/password.njk', { title: 'Change your password', errors: errorView(error.fields) })
      }
    })
  })
}
