import { londonToday } from '../../platform/dates/index.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam, uuidOrNull } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import type { ActionService } from './service.ts'
import { actionFilters, actionForm, actionUpdateForm } from './schema.ts'
import { actionStatusLabels, actionStatuses, isOverdue } from './model.ts'

const statusItems = actionStatuses.map((value) => ({ value, text: actionStatusLabels[value] }))
const originQuery = z.object({
  meeting: z.string().uuid().optional().catch(undefined),
  item: z.string().uuid().optional().catch(undefined),
  body: z.string().uuid().optional().catch(undefined),
})

export function actionRoutes(app: FastifyInstance, actions: ActionService): void {
  async function showForm(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors?: unknown) {
    const actor = actorOf(request)
    const { bodies, people } = await actions.options(actor)
    // A form re-shown after a mistake carries what was sent, which may not be an id at all.
    const meetingId = uuidOrNull(values.meetingId)
    const agendaItemId = uuidOrNull(values.agendaItemId)
    const origin = await actions.origin(actor, meetingId, agendaItemId)
    const shown = { ...values, meetingId: meetingId ?? '', agendaItemId: agendaItemId ?? '' }
    return renderPage(request, reply, 'actions/views/form.njk', {
      title: 'Add an action',
      values: origin ? { ...shown, bodyId: origin.bodyId } : shown,
      fromMeeting: Boolean(origin),
      bodyItems: [{ value: '', text: 'Select a body' }, ...bodies.map((b) => ({ value: b.id, text: b.name }))],
      personItems: [{ value: '', text: 'No owner yet' }, ...people.map((p) => ({ value: p.id, text: p.label }))],
      errors,
    })
  }

  app.get('/actions', async (request, reply) => {
    const actor = actorOf(request)
    const filters = actionFilters.parse(request.query ?? {})
    const today = londonToday()
    const rows = (await actions.list(actor, filters, today)).map((a) => ({ ...a, overdue: isOverdue(a, today) }))
    const { bodies, people } = await actions.options(actor)
    return renderPage(request, reply, 'actions/views/list.njk', { title: 'Actions', rows, filters, bodies, people, actionStatusLabels, statusItems })
  })

  app.get('/actions/new', async (request, reply) => {
    await actions.assertMayChangeSome(actorOf(request))
    const query = originQuery.parse(request.query ?? {})
    return showForm(request, reply, { meetingId: query.meeting ?? '', agendaItemId: query.item ?? '', bodyId: query.body ?? '' })
  })

  app.post('/actions', async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who can change no body gets 403, not a form full of errors.
    await actions.assertMayChangeSome(actor)
    const body = formBody(request)
    try {
      const created = await actions.create(actor, parseForm(actionForm, body))
      setFlash(reply, 'Action added')
      return reply.redirect(created.meeting_id ? `/meetings/${created.meeting_id}#actions` : `/actions/${created.id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, body, errorView(error.fields))
    }
  })

  async function showAction(request: FastifyRequest, reply: FastifyReply, id: string, extra: Record<string, unknown> = {}) {
    const page = await actions.page(actorOf(request), id)
    return renderPage(request, reply, 'actions/views/show.njk', {
      title: 'Action',
      ...page,
      overdue: isOverdue(page.action, londonToday()),
      actionStatusLabels,
      statusItems,
      values: { status: page.action.status },
      ...extra,
    })
  }

  app.get('/actions/:id', async (request, reply) => showAction(request, reply, idParam(request)))

  app.post('/actions/:id/updates', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await actions.getForChange(actor, id)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      await actions.addUpdate(actor, id, version, parseForm(actionUpdateForm, body))
      setFlash(reply, 'Update added')
      return reply.redirect(`/actions/${id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
      reply.code(error instanceof ConflictError ? 409 : 400)
      const fields = error instanceof ValidationError ? error.fields : { note: error.message }
      return showAction(request, reply, id, { values: body, errors: errorView(fields) })
    }
  })
}
