import type { FastifyInstance, FastifyError } from 'fastify'
import { ForbiddenError, NotFoundError } from '../errors.ts'
import { SignInRequiredError } from './request-context.ts'
import { renderPage } from './render.ts'
import { isBusy } from './busy.ts'
import { DisallowedCharacterError } from './input-characters.ts'

/** 400, 403, 404 and 500 pages that say what to do next and never show internals. */
export function setUpErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply.code(404)
    return renderPage(request, reply, 'errors/404.njk', { title: 'Page not found' })
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof SignInRequiredError) {
      const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : ''
      return reply.redirect(`/sign-in${returnTo}`)
    }
    if (error instanceof NotFoundError) {
      reply.code(404)
      return renderPage(request, reply, 'errors/404.njk', { title: 'Page not found' })
    }
    if (error instanceof ForbiddenError || error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      const expired = error.code?.startsWith('FST_CSRF')
      reply.code(403)
      return renderPage(request, reply, 'errors/403.njk', {
        title: expired ? 'Your form has expired' : 'You do not have permission to see this page',
        message: expired ? 'For your security, the form could not be sent. Go back, reload the page and try again.' : error.message,
      })
    }
    if (error instanceof DisallowedCharacterError) {
      reply.code(400)
      return renderPage(request, reply, 'errors/403.njk', {
        title: 'The request contained a character that is not allowed',
        message: 'Go back, remove any unusual characters from the address or the form and try again.',
      })
    }
    if (isBusy(error)) {
      request.log.warn({ err: error }, 'busy')
      reply.code(503).header('retry-after', '30')
      return renderPage(request, reply, 'errors/503.njk', { title: 'Sorry, the service is busy' })
    }
    if (error.statusCode === 429) {
      reply.code(429)
      return renderPage(request, reply, 'errors/403.njk', { title: 'Too many attempts', message: 'Wait a few minutes and try again.' })
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      reply.code(error.statusCode)
      return renderPage(request, reply, 'errors/403.njk', {
        title: 'Sorry, that request could not be handled',
        message: 'Check the address or the form and try again.',
      })
    }
    request.log.error({ err: error }, 'unhandled error')
    reply.code(500)
    return renderPage(request, reply, 'errors/500.njk', { title: 'Sorry, there is a problem with the service' })
  })
}
