import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from './request-context.ts'
import { renderPage } from './render.ts'
import { formRefusal, parseForm, versionField } from './forms.ts'
import { formBody, idParam } from './params.ts'
import { setFlash } from './sessions.ts'
import { ConflictError, ValidationError } from '../errors.ts'
import { assertCan } from '../auth/model.ts'
import type { Actor } from '../audit/actor.ts'

// The edit, archive and restore handlers shared by the records edited under
// optimistic locking, so every one gives the same answers to a stale or
// incomplete form and asks the same way before archiving.

/** A conflict or a missing version when archiving, restoring or moving: nothing changed, and the page says why. */
export function refusedChange(request: FastifyRequest, reply: FastifyReply, error: unknown, backTo: string) {
  if (!(error instanceof ConflictError || error instanceof ValidationError)) throw error
  // A ValidationError here is the missing version or direction, or a rule the change breaks (a title taken since), whose own message says what to do.
  const message = error instanceof ValidationError ? Object.values(error.fields).join(' ') : error.message
  reply.code(error instanceof ConflictError ? 409 : 400)
  return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message, backTo })
}

interface EditForm<Saved, Latest> {
  /** Throws unless the actor may change this record; without it, only editors and admins may. */
  mayChange?(actor: Actor, id: string): unknown
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
 * POST <path>/:id/edit for editors and admins (or whoever `mayChange` lets
 * through): a stale version gets 409 with the latest saved version shown and
 * the form kept; a bad form gets 400.
 */
export function editRoute<Saved, Latest>(app: FastifyInstance, path: string, form: EditForm<Saved, Latest>): void {
  app.post(path, async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who cannot edit gets 403, not a form full of errors.
    if (!form.mayChange) assertCan(actor, 'directory.edit')
    const id = idParam(request)
    await form.mayChange?.(actor, id)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      const { flash, redirect } = form.saved(await form.save(actor, id, version, body))
      setFlash(reply, flash)
      return reply.redirect(redirect, 303)
    } catch (error) {
      const { status, conflict, errors } = formRefusal(error)
      const latest = await form.latest(actor, id)
      reply.code(status)
      return form.showForm(request, reply, id, latest, {
        latest: conflict ? latest : null,
        values: body,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice made having seen it.
        version: conflict ? form.version(latest) : body.version,
        errors,
      })
    }
  })
}

/** The page that asks before archiving: what archiving means for this record, and a button carrying the version it showed. */
interface ArchivePage {
  title: string
  /** The question, where it reads differently from the page's title. */
  heading?: string
  caption?: string
  explanation: string
  /** Where the form posts. */
  action: string
  version: number
  /** The record's own page, for Back and Cancel. */
  backTo: string
  button?: string
}

export function archivePage(request: FastifyRequest, reply: FastifyReply, page: ArchivePage) {
  return renderPage(request, reply, 'records/archive.njk', { ...page })
}

/**
 * POST <path>/:id/archive and /restore, carrying the version the page showed:
 * for editors and admins, or for whoever `mayChange` lets through where a
 * feature has its own rule (a body's managers, those who keep a body's plan).
 */
export function archiveRoutes(
  app: FastifyInstance,
  path: string,
  /** Makes the change; `named` is how the flash names the record (“Plan ‘Best Start’”), `redirect` where to go next. */
  change: (action: 'archive' | 'restore', actor: Actor, id: string, version: number) => Promise<{ named: string; redirect: string }>,
  backTo: (actor: Actor, id: string) => string | Promise<string>,
  mayChange?: (actor: Actor, id: string) => unknown,
): void {
  for (const action of ['archive', 'restore'] as const) {
    app.post(`${path}/:id/${action}`, async (request, reply) => {
      const actor = actorOf(request)
      // Before reading the form, so someone who cannot archive gets 403 (or 404), not a complaint about a missing version.
      if (!mayChange) assertCan(actor, 'directory.edit')
      const id = idParam(request)
      await mayChange?.(actor, id)
      try {
        const { version } = parseForm(versionField, formBody(request))
        const { named, redirect } = await change(action, actor, id, version)
        setFlash(reply, `${named} ${action === 'archive' ? 'archived' : 'restored'}`)
        return reply.redirect(redirect, 303)
      } catch (error) {
        return refusedChange(request, reply, error, await backTo(actor, id))
      }
    })
  }
}
