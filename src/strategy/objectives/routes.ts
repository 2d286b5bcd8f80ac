import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { londonToday } from '../../platform/dates/index.ts'
import { dateParts } from '../../platform/http/date-input.ts'
import { archivePage, archiveRoutes, editRoute, refusedChange } from '../../platform/http/record-routes.ts'
import { progressLabels, fromRow, timescaleHint, timescaleText } from '../plans/index.ts'
import type { ObjectiveService } from './service.ts'
import type { ObjectiveRow } from './repository.ts'
import { moveForm, objectiveForm, progressUpdateForm } from './schema.ts'
import { objectiveStatuses, objectiveStatusLabels, rags, ragLabels } from './model.ts'

const statusItems = objectiveStatuses.map((value) => ({ value, text: objectiveStatusLabels[value] }))
const ragItems = [...rags.map((value) => ({ value, text: ragLabels[value] })), { value: 'none', text: 'No RAG rating' }]

function formValues(objective: ObjectiveRow, outcomeIds: string[]) {
  return {
    title: objective.title,
    timescale: timescaleText(fromRow(objective)),
    ownerId: objective.owner_id ?? '',
    leadBodyId: objective.lead_body_id ?? '',
    expectedOutcome: objective.expected_outcome,
    outcomeIds,
  }
}

export function objectiveRoutes(app: FastifyInstance, objectives: ObjectiveService): void {
  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    objectiveId: string | undefined,
    data: Record<string, unknown> & { values: Record<string, unknown> },
  ) {
    const options = await objectives.formOptions(actorOf(request), objectiveId)
    const chosen = new Set([data.values.outcomeIds ?? []].flat().map(String))
    return renderPage(request, reply, 'objectives/views/form.njk', {
      personItems: [{ value: '', text: 'No owner named' }, ...options.people.map((p) => ({ value: p.id, text: p.label }))],
      bodyItems: [{ value: '', text: 'No lead body named' }, ...options.bodies.map((b) => ({ value: b.id, text: b.name }))],
      outcomeItems: options.outcomes.map((o) => ({
        value: o.id,
        text: o.title,
        checked: chosen.has(o.id),
        hint: o.dropped ? { text: 'No longer in the framework in force: untick to remove the link' } : undefined,
      })),
      timescaleHint,
      ...data,
    })
  }

  async function showObjective(request: FastifyRequest, reply: FastifyReply, id: string, data: Record<string, unknown> = {}) {
    const page = await objectives.page(actorOf(request), id)
    const today = londonToday()
    return renderPage(request, reply, 'objectives/views/show.njk', {
      title: page.objective.title,
      ...page,
      statusItems,
      ragItems,
      ...progressLabels,
      values: { status: page.objective.progress.status, rag: page.objective.progress.rag ?? 'none', ...dateParts('reportedOn', today) },
      ...data,
    })
  }

  app.get('/aims/:id/objectives/new', async (request, reply) => {
    const actor = actorOf(request)
    const { aim, plan } = await objectives.aim(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return showForm(request, reply, undefined, { title: `Add an objective to aim ${aim.number}`, aim, plan, values: {}, action: `/aims/${aim.id}/objectives` })
  })

  app.post('/aims/:id/objectives', async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who cannot edit gets 403, not a form full of errors.
    assertCan(actor, 'directory.edit')
    const { aim, plan } = await objectives.aim(actor, idParam(request))
    const body = formBody(request)
    try {
      const created = await objectives.create(actor, aim.id, parseForm(objectiveForm, body))
      setFlash(reply, `Objective ‘${created.title}’ added to aim ${aim.number}`)
      return reply.redirect(`/plans/${plan.id}#aim-${aim.number}`, 303)
    } catch (error) {
      if (error instanceof ConflictError) return refusedChange(request, reply, error, `/plans/${plan.id}`)
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, undefined, {
        title: `Add an objective to aim ${aim.number}`,
        aim,
        plan,
        values: body,
        errors: errorView(error.fields),
        action: `/aims/${aim.id}/objectives`,
      })
    }
  })

  app.get('/objectives/:id', async (request, reply) => showObjective(request, reply, idParam(request)))

  app.get('/objectives/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const objective = await objectives.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    const { linked } = await objectives.formOptions(actor, objective.id)
    return showForm(request, reply, objective.id, {
      title: `Change ${objective.title}`,
      objective,
      values: formValues(objective, linked),
      version: objective.version,
      action: `/objectives/${objective.id}/edit`,
    })
  })

  editRoute(app, '/objectives/:id/edit', {
    save: (actor, id, version, body) => objectives.update(actor, id, version, parseForm(objectiveForm, body)),
    saved: (saved) => ({ flash: `Objective ‘${saved.title}’ saved`, redirect: `/objectives/${saved.id}` }),
    latest: (actor, id) => objectives.get(actor, id),
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      showForm(request, reply, id, {
        title: `Change ${latest.title}`,
        objective: latest,
        action: `/objectives/${id}/edit`,
        ...data,
        latest: data.latest ? { ...data.latest, timescaleText: timescaleText(fromRow(data.latest)) } : null,
      }),
  })

  app.get('/objectives/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    const objective = await objectives.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return archivePage(request, reply, {
      title: `Archive ${objective.title}?`,
      caption: `${objective.planTitle}, aim ${objective.aimNumber}`,
      explanation:
        'It will no longer be shown under its aim or counted in the plan’s progress. Nothing is deleted, its progress updates are kept, and you can restore it from its page at any time.',
      action: `/objectives/${objective.id}/archive`,
      version: objective.version,
      backTo: `/objectives/${objective.id}`,
      button: 'Archive objective',
    })
  })

  archiveRoutes(
    app,
    '/objectives',
    async (action, actor, id, version) => {
      const saved = await objectives[action](actor, id, version)
      return {
        named: `Objective ‘${saved.title}’`,
        redirect: action === 'archive' ? `/plans/${saved.planId}` : `/objectives/${id}`,
      }
    },
    (_actor, id) => `/objectives/${id}`,
  )

  app.post('/objectives/:id/move', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const id = idParam(request)
    const objective = await objectives.get(actor, id)
    try {
      const { direction } = parseForm(moveForm, formBody(request))
      await objectives.move(actor, id, direction)
      setFlash(reply, `Moved ‘${objective.title}’ ${direction}`)
      return reply.redirect(`/plans/${objective.planId}#aim-${objective.aimNumber}`, 303)
    } catch (error) {
      return refusedChange(request, reply, error, `/plans/${objective.planId}`)
    }
  })

  app.post('/objectives/:id/updates', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    // Before reading the form, so someone who may not record progress gets 403, not a form full of errors.
    await objectives.getForUpdate(actor, id)
    const body = formBody(request)
    try {
      await objectives.addUpdate(actor, id, parseForm(progressUpdateForm, body))
      setFlash(reply, 'Progress update recorded')
      return reply.redirect(`/objectives/${id}#updates`, 303)
    } catch (error) {
      if (error instanceof ConflictError) return refusedChange(request, reply, error, `/objectives/${id}`)
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showObjective(request, reply, id, { values: body, errors: errorView(error.fields) })
    }
  })
}
