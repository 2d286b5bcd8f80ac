import type { ActionService } from '../actions/index.ts'
import type { WorkstreamService } from '../../strategy/workstreams/index.ts'
import { type ObjectiveService, objectiveStatusLabels, ragLabels } from '../../strategy/objectives/index.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { formRefusal, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { archivePage, archiveRoutes, editRoute } from '../../platform/http/record-routes.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ForbiddenError } from '../../platform/errors.ts'
import { sectorLabels } from '../../directory/organisations/index.ts'
import type { BodyService } from './service.ts'
import type { Body } from './repository.ts'
import { bodyFilters, bodyForm, endBodyForm, type EndBodyInput } from './schema.ts'
import { bodyKindLabels, bodyKinds, canManageBodies, memberRoleHeadings, memberRoleLabels } from './model.ts'
import { dateParts } from '../../platform/http/date-input.ts'
import { bodyValues } from './form-values.ts'

const kindItems = bodyKinds.map((value) => ({ value, text: bodyKindLabels[value] }))

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
      const { status, errors } = formRefusal(error)
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

  editRoute(app, '/bodies/:id/edit', {
    mayChange: async (actor, id) => {
      if (!(await bodies.canChange(actor, id))) throw new ForbiddenError()
    },
    save: (actor, id, version, body) => bodies.update(actor, id, version, parseForm(bodyForm, body)),
    saved: (saved) => ({ flash: `‘${saved.name}’ saved`, redirect: `/bodies/${saved.id}` }),
    latest: (actor, id) => bodies.get(actor, id),
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      showForm(request, reply, { title: `Change ${latest.name}`, body: latest, action: `/bodies/${id}/edit`, ...data }),
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
      const { status, errors } = formRefusal(error)
      const latest = await bodies.get(actor, id)
      reply.code(status)
      return showEndForm(request, reply, latest, { values: form, version: status === 409 ? latest.version : form.version, errors })
    }
  })

  app.get('/bodies/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    const body = await bodies.get(actor, idParam(request))
    if (!canManageBodies(actor.role)) throw new ForbiddenError()
    return archivePage(request, reply, {
      title: `Archive ${body.name}`,
      heading: `Archive ${body.name}?`,
      explanation:
        'Archive a body added by mistake. A body that has stopped meeting should be recorded as ended instead, so it stays in the structure’s history. Nothing is deleted and you can restore it at any time.',
      action: `/bodies/${body.id}/archive`,
      version: body.version,
      backTo: `/bodies/${body.id}`,
    })
  })

  archiveRoutes(
    app,
    '/bodies',
    async (action, actor, id, version) => {
      const saved = await bodies[action](actor, id, version)
      return { named: `‘${saved.name}’`, redirect: `/bodies/${id}` }
    },
    (_actor, id) => `/bodies/${id}`,
    (actor) => {
      if (!canManageBodies(actor.role)) throw new ForbiddenError()
    },
  )
}
