import type { ActionService } from '../actions/index.ts'
import type { WorkstreamService } from '../../strategy/workstreams/index.ts'
import { type ObjectiveService, objectiveStatusLabels, ragLabels } from '../../strategy/objectives/index.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.ts'
import { sectorLabels } from '../../directory/organisations/index.ts'
import type { BodyService } from './service.ts'
import type { Body } from './repository.ts'
import { bodyFilters, bodyForm, endBodyForm, type EndBodyInput } from './schema.ts'
import { bodyKindLabels, bodyKinds, canManageBodies, memberRoleHeadings, memberRoleLabels } from './model.ts'
import { dateParts } from '../../platform/http/date-input.ts'
import { bodyValues } from './form-values.ts'

const kindItems = bodyKinds.map((value) => ({ value, text: bodyKindLabels[value] }))

/** Turns a refusal the form can explain into the error pattern; anything else goes on to the error pages. */
function formError(error: unknown): { status: number; errors: ReturnType<typeof errorView> } {
  if (error instanceof ValidationError) return { status: 400, errors: errorView(error.fields) }
  if (error instanceof ConflictError) return { status: 409, errors: { list: [{ text: error.message, href: '#latest' }], fields: {} } }
  throw error
}

/** What other capabilities show on a body's page: its workstreams, and the plan objectives it leads that need attention. */
export interface BodyPagePanels {
  workstreams: Pick<WorkstreamService, 'ofBody'>
  objectives: Pick<ObjectiveService, 'needingAttention'>
}

export function bodyRoutes(app: FastifyInstance, bodies: BodyService, actions: ActionService, panels: BodyPagePanels): void {
  async function showForm(request: FastifyRequest, reply: FastifyReply, data: { body?: Body } & Record<string, unknown>) {
    const options = await bodies.options(actorOf(request), data.body?.id)
    const accountableItems = [{ value: '', text: 'None: it is not accountable to another body here' }, ...options.map((b) => ({ value: b.id, text: b.name }))]
    return renderPage(request, reply, 'bodies/views/form.njk', { kindItems, accountableItems, bodyKindLabels, ...data })
  }

  app.get('/bodies', async (request, reply) => {
    const actor = actorOf(request)
    const filters = bodyFilters.parse(request.query ?? {})
    const rows = await bodies.list(actor, filters)
    return renderPage(request, reply, 'bodies/views/list.njk', {
      title: 'Governance: boards and groups',
      rows,
      filters,
      kindItems,
      bodyKindLabels,
      canManage: canManageBodies(actor.role),
      filtered: Boolean(filters.kind || filters.on || filters.status !== 'current'),
    })
  })

  app.get('/bodies/new', async (request, reply) => {
    if (!canManageBodies(actorOf(request).role)) throw new ForbiddenError()
    return showForm(request, reply, { title: 'Add a board or group', values: { purpose: '' }, action: '/bodies' })
  })

  app.post('/bodies', async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who cannot add gets 403, not a form full of errors.
    if (!canManageBodies(actor.role)) throw new ForbiddenError()
    const body = formBody(request)
    try {
      const created = await bodies.create(actor, parseForm(bodyForm, body))
      setFlash(reply, `‘${created.name}’ added`)
      return reply.redirect(`/bodies/${created.id}`, 303)
    } catch (error) {
      const { status, errors } = formError(error)
      reply.code(status)
      return showForm(request, reply, { title: 'Add a board or group', values: body, errors, action: '/bodies' })
    }
  })

  app.get('/bodies/:id', async (request, reply) => {
    const actor = actorOf(request)
    const page = await bodies.page(actor, idParam(request))
    const overdueActions = await actions.list(actor, { body: page.body.id, status: 'outstanding', overdue: 'yes' })
    const workstreams = await panels.workstreams.ofBody(actor, page.body.id)
    const objectivesNeedingAttention = await panels.objectives.needingAttention(actor, { bodyId: page.body.id })
    return renderPage(request, reply, 'bodies/views/show.njk', {
      title: page.body.name,
      ...page,
      overdueActions,
      workstreams,
      objectivesNeedingAttention,
      objectiveStatusLabels,
      ragLabels,
      bodyKindLabels,
      memberRoleHeadings,
      memberRoleLabels,
      represented: page.coverage.represented.map((s) => sectorLabels[s]),
      missing: page.coverage.missing.map((s) => sectorLabels[s]),
    })
  })

  app.get('/bodies/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const body = await bodies.get(actor, idParam(request))
    if (!(await bodies.canChange(actor, body.id))) throw new ForbiddenError()
    return showForm(request, reply, { title: `Change ${body.name}`, body, values: bodyValues(body), version: body.version, action: `/bodies/${body.id}/edit` })
  })

  app.post('/bodies/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    if (!(await bodies.canChange(actor, id))) throw new ForbiddenError()
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      const saved = await bodies.update(actor, id, version, parseForm(bodyForm, body))
      setFlash(reply, `‘${saved.name}’ saved`)
      return reply.redirect(`/bodies/${id}`, 303)
    } catch (error) {
      const { status, errors } = formError(error)
      const latest = await bodies.get(actor, id)
      reply.code(status)
      return showForm(request, reply, {
        title: `Change ${latest.name}`,
        body: latest,
        latest: status === 409 ? latest : null,
        values: body,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice made having seen it.
        version: status === 409 ? latest.version : body.version,
        errors,
        action: `/bodies/${id}/edit`,
      })
    }
  })

  async function showEndForm(request: FastifyRequest, reply: FastifyReply, body: Body, data: Record<string, unknown>) {
    const options = await bodies.options(actorOf(request), body.id)
    const successorItems = [{ value: '', text: 'Nothing: it was not replaced' }, ...options.map((b) => ({ value: b.id, text: b.name }))]
    return renderPage(request, reply, 'bodies/views/end.njk', { title: `End ${body.name}`, body, successorItems, ...data })
  }

  app.get('/bodies/:id/end', async (request, reply) => {
    const actor = actorOf(request)
    const body = await bodies.get(actor, idParam(request))
    if (!(await bodies.canChange(actor, body.id))) throw new ForbiddenError()
    return showEndForm(request, reply, body, {
      values: { ...dateParts('endedOn', body.ended_on), supersededById: body.superseded_by_id ?? '' },
      version: body.version,
    })
  })

  app.post('/bodies/:id/end', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    if (!(await bodies.canChange(actor, id))) throw new ForbiddenError()
    const form = formBody(request)
    try {
      const { version } = parseForm(versionField, form)
      const saved = await bodies.end(actor, id, version, parseForm(endBodyForm, form) as EndBodyInput)
      setFlash(reply, `‘${saved.name}’ recorded as ended`)
      return reply.redirect(`/bodies/${id}`, 303)
    } catch (error) {
      const { status, errors } = formError(error)
      const latest = await bodies.get(actor, id)
      reply.code(status)
      return showEndForm(request, reply, latest, { values: form, version: status === 409 ? latest.version : form.version, errors })
    }
  })

  app.get('/bodies/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    const body = await bodies.get(actor, idParam(request))
    if (!canManageBodies(actor.role)) throw new ForbiddenError()
    return renderPage(request, reply, 'bodies/views/archive.njk', { title: `Archive ${body.name}`, body })
  })

  for (const action of ['archive', 'restore'] as const) {
    app.post(`/bodies/:id/${action}`, async (request, reply) => {
      const actor = actorOf(request)
      const id = idParam(request)
      // Before reading the form, so someone who cannot archive gets 403, not a complaint about a missing version.
      if (!canManageBodies(actor.role)) throw new ForbiddenError()
      try {
        const { version } = parseForm(versionField, formBody(request))
        const saved = await bodies[action](actor, id, version)
        setFlash(reply, `‘${saved.name}’ ${action === 'archive' ? 'archived' : 'restored'}`)
        return reply.redirect(`/bodies/${id}`, 303)
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof ValidationError)) throw error
        // A ValidationError here can only be the missing version, whose own message says what to do.
        const message = error instanceof ValidationError ? Object.values(error.fields).join(' ') : error.message
        reply.code(error instanceof ConflictError ? 409 : 400)
        return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message, backTo: `/bodies/${id}` })
      }
    })
  }
}
