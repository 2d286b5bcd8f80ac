import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { formatUkDate } from '../../platform/dates/index.ts'
import { archivePage, archiveRoutes, editRoute } from '../../platform/http/record-routes.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ValidationError } from '../../platform/errors.ts'
import { purposeLabels, purposes } from '../meetings/index.ts'
import type { ForwardPlanService } from './service.ts'
import type { PlannedItemRow } from './repository.ts'
import { planFilters, plannedItemForm } from './schema.ts'
import { recurrenceLabels, recurrences } from './model.ts'

const labels = { purposeLabels, recurrenceLabels }
const purposeItems = purposes.map((value) => ({ value, text: purposeLabels[value] }))
const recurrenceItems = recurrences.map((value) => ({ value, text: recurrenceLabels[value] }))

function dateValues(name: string, date: string | null) {
  const [y, m, d] = date ? date.split('-') : ['', '', '']
  return { [`${name}-day`]: d ? String(Number(d)) : '', [`${name}-month`]: m ? String(Number(m)) : '', [`${name}-year`]: y ?? '' }
}

function formValues(item: PlannedItemRow) {
  return {
    bodyId: item.body_id,
    title: item.title,
    purpose: item.purpose,
    leadId: item.lead_id ?? '',
    recurrence: item.recurrence,
    ...dateValues('firstDueOn', item.first_due_on),
    ...dateValues('endsOn', item.ends_on),
  }
}

export function forwardPlanRoutes(app: FastifyInstance, plan: ForwardPlanService): void {
  async function showForm(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) {
    const actor = actorOf(request)
    const [bodies, people] = [await plan.bodies(actor), await plan.people(actor)]
    return renderPage(request, reply, 'forward-plan/views/form.njk', {
      bodyItems: [{ value: '', text: 'Select a body' }, ...bodies.map((b) => ({ value: b.id, text: b.name }))],
      personItems: [{ value: '', text: 'No lead named' }, ...people.map((p) => ({ value: p.id, text: p.label }))],
      purposeItems,
      recurrenceItems,
      recurrenceLabels,
      ...data,
    })
  }

  app.get('/forward-plan', async (request, reply) => {
    const actor = actorOf(request)
    const filters = planFilters.parse(request.query ?? {})
    const page = await plan.plan(actor, filters)
    const changeable = await plan.changeable(actor, [...page.plans.map((p) => p.body.id), ...page.archived.map((i) => i.body_id)])
    return renderPage(request, reply, 'forward-plan/views/plan.njk', {
      title: 'Forward plan',
      ...page,
      filters,
      changeable: [...changeable],
      canAdd: await plan.mayChangeSome(actor),
      ...labels,
    })
  })

  app.get('/forward-plan/items/new', async (request, reply) => {
    await plan.assertMayChangeSome(actorOf(request))
    const body = planFilters.parse(request.query ?? {}).body
    return showForm(request, reply, {
      title: 'Add an item to the forward plan',
      values: { bodyId: body, recurrence: 'once' },
      action: '/forward-plan/items/new',
    })
  })

  app.post('/forward-plan/items/new', async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who can change no body gets 403, not a form full of errors.
    await plan.assertMayChangeSome(actor)
    const body = formBody(request)
    try {
      const created = await plan.create(actor, parseForm(plannedItemForm, body))
      setFlash(reply, `‘${created.title}’ added to the forward plan`)
      return reply.redirect(`/forward-plan?body=${created.body_id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, {
        title: 'Add an item to the forward plan',
        values: body,
        errors: errorView(error.fields),
        action: '/forward-plan/items/new',
      })
    }
  })

  app.get('/forward-plan/items/:id/edit', async (request, reply) => {
    const item = await plan.getForChange(actorOf(request), idParam(request))
    return showForm(request, reply, {
      title: `Change ${item.title}`,
      item,
      values: formValues(item),
      version: item.version,
      action: `/forward-plan/items/${item.id}/edit`,
    })
  })

  editRoute(app, '/forward-plan/items/:id/edit', {
    mayChange: (actor, id) => plan.getForChange(actor, id),
    save: (actor, id, version, body) => plan.update(actor, id, version, parseForm(plannedItemForm, body)),
    saved: (saved) => ({ flash: `‘${saved.title}’ saved`, redirect: `/forward-plan?body=${saved.body_id}` }),
    latest: (actor, id) => plan.get(actor, id),
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      showForm(request, reply, { title: `Change ${latest.title}`, item: latest, action: `/forward-plan/items/${id}/edit`, ...data }),
  })

  app.get('/forward-plan/items/:id/archive', async (request, reply) => {
    const item = await plan.getForChange(actorOf(request), idParam(request))
    return archivePage(request, reply, {
      title: `Archive ${item.title}?`,
      explanation: `It will no longer be planned for the ${item.bodyName} (${recurrenceLabels[item.recurrence].toLowerCase()}, first due ${formatUkDate(item.first_due_on)}). Nothing is deleted and you can restore it from the forward plan at any time.`,
      action: `/forward-plan/items/${item.id}/archive`,
      version: item.version,
      backTo: `/forward-plan?body=${item.body_id}`,
    })
  })

  archiveRoutes(
    app,
    '/forward-plan/items',
    async (action, actor, id, version) => {
      const saved = await plan[action](actor, id, version)
      return { named: `‘${saved.title}’`, redirect: `/forward-plan?body=${saved.body_id}` }
    },
    async (actor, id) => `/forward-plan?body=${(await plan.getForChange(actor, id)).body_id}`,
    (actor, id) => plan.getForChange(actor, id),
  )
}
