import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Db } from '../db/database.ts'
import { findSession } from '../auth/sessions.ts'

export const sessionCookie = 'thrive_session'
const flashCookie = 'thrive_flash'

declare module 'fastify' {
  interface FastifyRequest {
    flash: string | null
  }
}

export interface SessionOptions {
  secureCookies: boolean
  ttlHours: number
}

export function setSessionCookie(reply: FastifyReply, token: string, options: SessionOptions): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secureCookies,
    maxAge: options.ttlHours * 3600,
  })
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' })
}

/** A one-time message for the next page ("Organisation added"), after a redirect. */
export function setFlash(reply: FastifyReply, message: string): void {
  reply.setCookie(flashCookie, message, { path: '/', httpOnly: true, sameSite: 'lax' })
}

/** Loads the signed-in user (if any) and their current partnership for every request. */
export function setUpSessions(app: FastifyInstance, db: Db): void {
  app.decorateRequest('session', null)
  app.decorateRequest('sessionToken', null)
  app.decorateRequest('flash', null)
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[sessionCookie]
    if (token) {
      request.session = await findSession(db, token)
      request.sessionToken = request.session ? token : null
    }
    const flash = request.cookies[flashCookie]
    if (flash && request.method === 'GET') {
      request.flash = flash
      reply.clearCookie(flashCookie, { path: '/' })
    }
  })
}
