import type { FastifyRequest } from 'fastify'
import type { SessionContext } from '../auth/sessions.ts'
import type { Actor } from '../audit/actor.ts'
import { ForbiddenError } from '../errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionContext | null
    sessionToken: string | null
  }
}

/** Thrown when a page needs a signed-in user; the error handler sends them to sign in. */
export class SignInRequiredError extends Error {
  constructor() {
    super('Sign in to see this page')
  }
}

/** The acting user in their current partnership, or an error a page turns into sign-in or 403. */
export function actorOf(request: FastifyRequest): Actor {
  const session = request.session
  if (!session) throw new SignInRequiredError()
  if (!session.partnership) throw new ForbiddenError('You are not a member of any partnership yet. Ask a partnership admin to add you.')
  return {
    userId: session.user.id,
    label: session.user.displayName,
    partnershipId: session.partnership.id,
    role: session.partnership.role,
  }
}
