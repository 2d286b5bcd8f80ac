import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { formRefusal, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { uploadedFile } from '../../platform/files/uploads.ts'
import { allowedTypesText } from '../../platform/files/file-types.ts'
import type { TermsOfReferenceService } from './service.ts'
import { basedOnField, parseTermsForm } from './schema.ts'
import { compareTerms, reviewStatusLabels } from './model.ts'

const base = (bodyId: string) => `/bodies/${bodyId}/terms-of-reference`

function versionParam(request: FastifyRequest): number {
  const value = (request.params as Record<string, string | undefined>).version ?? ''
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new NotFoundError()
  return Number(value)
}

/** The form's fields from a saved version, so a new version starts from the current text. */
function valuesFrom(current: Awaited<ReturnType<TermsOfReferenceService['prepareNew']>>['current']): Record<string, unknown> {
  if (!current) return {}
  return {
    purpose: current.purpose,
    membership: current.membership,
    quorum: current.quorum === null ? '' : String(current.quorum),
    quorumNotes: current.quorum_notes,
    delegatedPowers: current.delegated_powers,
    reportingArrangements: current.reporting_arrangements,
  }
}

export function termsOfReferenceRoutes(app: FastifyInstance, terms: TermsOfReferenceService): void {
  const showForm = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    renderPage(request, reply, 'terms-of-reference/views/form.njk', { allowedTypesText, ...data })

  app.get('/bodies/:id/terms-of-reference', async (request, reply) => {
    const page = await terms.forBody(actorOf(request), idParam(request))
    return renderPage(request, reply, 'terms-of-reference/views/show.njk', {
      title: `Terms of reference: ${page.body.name}`,
      ...page,
      statusLabel: reviewStatusLabels[page.status],
    })
  })

  app.get('/bodies/:id/terms-of-reference/new', async (request, reply) => {
    const { body, current } = await terms.prepareNew(actorOf(request), idParam(request))
    return showForm(request, reply, {
      title: `New terms of reference: ${body.name}`,
      body,
      current,
      basedOn: current?.version_number ?? 0,
      values: valuesFrom(current),
    })
  })

  app.post('/bodies/:id/terms-of-reference/new', async (request, reply) => {
    const actor = actorOf(request)
    const bodyId = idParam(request)
    // Refuses someone who may not write before reading their form, so they get 403, not a list of errors.
    const { body, current } = await terms.prepareNew(actor, bodyId)
    const values = formBody(request)
    try {
      const { basedOn } = parseForm(basedOnField, values)
      const input = parseTermsForm(values)
      const { created } = await terms.create(actor, bodyId, basedOn, input, uploadedFile(values, 'document'))
      setFlash(reply, `Version ${created.version_number} of the terms of reference saved`)
      return reply.redirect(base(bodyId), 303)
    } catch (error) {
      const { status, conflict, errors } = formRefusal(error)
      // After a conflict the latest version is shown and the form is based on it, so saving again is a deliberate choice.
      const latest = conflict ? (await terms.prepareNew(actor, bodyId)).current : current
      reply.code(status)
      return showForm(request, reply, {
        title: `New terms of reference: ${body.name}`,
        body,
        current: latest,
        latest: conflict ? latest : null,
        basedOn: conflict ? (latest?.version_number ?? 0) : values.basedOn,
        values,
        errors,
        fileLost: uploadedFile(values, 'document') !== null,
      })
    }
  })

  app.get('/bodies/:id/terms-of-reference/:version', async (request, reply) => {
    const { body, version, current } = await terms.version(actorOf(request), idParam(request), versionParam(request))
    return renderPage(request, reply, 'terms-of-reference/views/version.njk', {
      title: `Terms of reference version ${version.version_number}: ${body.name}`,
      body,
      version,
      current,
      isCurrent: version.version_number === current.version_number,
      differences: compareTerms(version, current),
    })
  })
}
