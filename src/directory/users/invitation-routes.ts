import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { addressThrottle } from '../../platform/http/rate-limit.ts'
import type { Db } from '../../platform/db/database.ts'
import type { Config } from '../../config.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, type ErrorView } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash, setSessionCookie } from '../../platform/http/sessions.ts'
import { SignInRequiredError } from '../../platform/http/request-context.ts'
import { createSession, switchPartnership } from '../../platform/auth/sessions.ts'
import { NotFoundError, ValidationError } from '../../platform/errors.ts'
import type { InvitationService } from './invitation-service.ts'
import { roleNames } from './model.ts'

const signedInMessage = 'You are signed in. Sign out first to create a new account, or sign in as the invited address to accept.'

function tokenParam(request: FastifyRequest): string {
  const token = (request.params as Record<string, string | undefined>).token
  // Tokens are 32 random bytes in base64url; anything else cannot exist.
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw new NotFoundError('The invitation')
  return token
}

/** The invited person's pages: the invitation's link, and accepting or declining when signed in. */
export async function invitationRoutes(app: FastifyInstance, db: Db, config: Config, service: InvitationService): Promise<void> {
  const cookieOptions = { secureCookies: config.trustProxy, ttlHours: config.sessionTtlHours }

  async function showInvitation(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    extra: { errors?: ErrorView; values?: Record<string, unknown> } = {},
  ) {
    const invitation = await service.findByToken(token)
    if (!invitation) {
      reply.code(404)
      return renderPage(request, reply, 'users/views/invitation-invalid.njk', { title: 'This invitation link is not valid' })
    }
    const signedInAs = request.session?.user.email ?? null
    return renderPage(request, reply, 'users/views/invitation.njk', {
      title: `Join ${invitation.partnershipName}`,
      invitation,
      token,
      roleName: roleNames[invitation.role].toLowerCase(),
      signedInAs,
      isInvitee: signedInAs === invitation.email,
      values: extra.values ?? { displayName: invitation.displayName },
      errors: extra.errors,
    })
  }

  app.get('/join/:token', async (request, reply) => showInvitation(request, reply, tokenParam(request)))

  // Creating an account hashes a password: throttled per address as signing in is.
  await app.register(async (scope) => {
    await scope.register(rateLimit, addressThrottle(db))
    scope.post('/join/:token/account', async (request, reply) => {
      const token = tokenParam(request)
      const body = formBody(request)
      if (request.session) {
        reply.code(400)
        return showInvitation(request, reply, token, { errors: errorView({ displayName: signedInMessage }), values: { displayName: body.displayName } })
      }
      try {
        const joined = await service.createAccountAndAccept(token, body)
        const sessionToken = await createSession(db, joined.userId, joined.partnershipId, config.sessionTtlHours)
        setSessionCookie(reply, sessionToken, cookieOptions)
        setFlash(reply, 'Your account has been created and you have joined the partnership')
        return reply.redirect('/', 303)
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        reply.code(400)
        // The password is never sent back to the browser.
        return showInvitation(request, reply, token, { errors: errorView(error.fields), values: { displayName: body.displayName } })
      }
    })
  })

  app.post('/invitations/:id/accept', async (request, reply) => {
    if (!request.session || !request.sessionToken) throw new SignInRequiredError()
    const invitation = await service.accept(request.session.user.id, idParam(request))
    // Straight into the partnership they have just joined.
    await switchPartnership(db, request.sessionToken, request.session.user.id, invitation.partnershipId)
    setFlash(reply, `You have joined ${invitation.partnershipName} as ${roleNames[invitation.role].toLowerCase()}`)
    return reply.redirect('/', 303)
  })

  app.post('/invitations/:id/decline', async (request, reply) => {
    if (!request.session) throw new SignInRequiredError()
    const invitation = await service.decline(request.session.user.id, idParam(request))
    setFlash(reply, `You have declined the invitation to join ${invitation.partnershipName}`)
    return reply.redirect('/partnerships', 303)
  })
}
