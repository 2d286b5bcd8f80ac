import type { FastifyRequest } from 'fastify'
import { SignInRequiredError } from '../../platform/http/request-context.ts'
import { ForbiddenError } from '../../platform/errors.ts'
import type { Operator } from './service.ts'

/** The signed-in operator, whatever partnership (if any) they are working in. */
export function operatorOf(request: FastifyRequest): Operator {
  const session = request.session
  if (!session) throw new SignInRequiredError()
  if (!session.user.isOperator) throw new ForbiddenError('Only the service’s operators can see this page')
  return { userId: session.user.id, label: session.user.displayName }
}
