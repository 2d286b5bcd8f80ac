import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from './request-context.ts'
import { renderPage } from './render.ts'
import { errorView, parseForm, versionField } from './forms.ts'
import { formBody, idParam } from './params.ts'
import { setFlash } from './sessions.ts'
import { ConflictError, ValidationError } from '../errors.ts'
import { assertCan } from '../auth/model.ts'
import type { Actor } from '../audit/actor.ts'

// The edit, archive and restore handlers records edited under optimistic
// locking share (strategies, plans, aims, objectives, data requests): the same optimistic locking, the same answers to a stale
// or incomplete form.

/** A conflict or a missing version when archiving, restoring or moving: nothing changed, and the page says why. */
export function refusedChange(request: FastifyRequest, reply: FastifyReply, error: unknown, backTo: string) {
  if (!(error instanceof ConflictError || error instanceof ValidationError)) throw error
  // A ValidationError here can only be the missing version or direction, whose own message says what to do.
  const message = error instanceof ValidationError ? Object.values(error.fields).join(' ') : error.message
  reply.code(error instanceof ConflictError ? 409 : 400)
  return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message, backTo })
}

interface EditForm<Saved, Latest> {
  /** Saves the form at the version it was opened at. */
  save(actor: Actor, id: string, version: number, body: Record<string, unknown>): Promise<Saved>
  saved(saved: Saved): { flash: string; redirect: string }
  latest(actor: Actor, id: string): Promise<Latest>
  /** The form again, around the latest saved record, what was typed and what went wrong. */
  showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    latest: Latest,
    data: { latest: Latest | null; values: Record<string, unknown>; version: unknown; errors: unknown },
  ): unknown
  version(latest: Latest): number
}

/**
 * POST <path>/:id/edit for editors and admins: a stale version gets 409 with
 * the latest saved version shown and the form kept; a bad form gets 400.
 */
export function editRoute<Saved, Latest>(app: FastifyInstance, path: string, form: EditForm<Saved, Latest>): void {
  app.post(path, async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who cannot edit gets 403, not a form full of errors.
    assertCan(actor, 'directory.edit')
    const id = idParam(request)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      const { flash, redirect } = form.saved(await form.save(actor, id, version, body))
      setFlash(reply, flash)
      return reply.redirect(redirect, 303)
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
      const latest = await form.latest(actor, id)
      const conflict = error instanceof ConflictError
      reply.code(conflict ? 409 : 400)
      return form.showForm(request, reply, id, latest, {
        latest: conflict ? latest : null,
        values: body,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice made having seen it.
        version: conflict ? form.version(latest) : body.version,
        errors: conflict ? { list: [{ text: error.message, href: '#latest' }], fields: {} } : errorView(error.fields),
      })
    }
  })
}

/** POST <path>/:id/archive and /restore for editors and admins, carrying the version the page showed. */
export function archiveRoutes(
  app: FastifyInstance,
  path: string,
  change: (action: 'archive' | 'restore', actor: Actor, id: string, version: number) => Promise<{ flash: string; redirect: string }>,
  backTo: (actor: Actor, id: string) => string | Promise<string>,
): void {
  for (const action of ['archive', 'restore'] as const) {
    app.post(`${path}/:id/${action}`, async (request, reply) => {
      const actor = actorOf(request)
      assertCan(actor, 'directory.edit')
      const id = idParam(request)
      try {
        const { version } = parseForm(versionField, formBody(request))
        const { flash, redirect } = await change(action, actor, id, version)
        setFlash(reply, flash)
        return reply.redirect(redirect, 303)
      } catch (error) {
        return refusedChange(request, reply, error, await backTo(actor, id))
      }
    })
  }
}
