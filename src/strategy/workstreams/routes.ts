import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { archivePage, archiveRoutes, editRoute } from '../../platform/http/record-routes.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ValidationError } from '../../platform/errors.ts'
import type { WorkstreamService } from './service.ts'
import type { WorkstreamRow } from './repository.ts'
import { workstreamFilters, workstreamForm } from './schema.ts'
import { objectiveNumber, objectivesByPlan, workstreamKindHeadings, workstreamKindLabels, workstreamKinds } from './model.ts'

const labels = { workstreamKindLabels, workstreamKindHeadings }
const kindItems = workstreamKinds.map((value) => ({ value, text: workstreamKindLabels[value] }))

/** Ticked checkboxes come back as one value or several; the form shows them ticked either way. */
const ticked = (value: unknown): string[] => (value == null ? [] : Array.isArray(value) ? value.map(String) : [String(value)])

function formValues({ row, outcomeIds, objectiveIds }: Awaited<ReturnType<WorkstreamService['get']>>) {
  return { bodyId: row.body_id, title: row.title, kind: row.kind, description: row.description, leadId: row.lead_id ?? '', outcomeIds, objectiveIds }
}

export function workstreamRoutes(app: FastifyInstance, workstreams: WorkstreamService): void {
  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    data: { item?: WorkstreamRow; values: Record<string, unknown> } & Record<string, unknown>,
  ) {
    const options = await workstreams.formOptions(actorOf(request), data.item?.id)
    const outcomeIds = ticked(data.values.outcomeIds)
    const objectiveIds = new Set(ticked(data.values.objectiveIds))
    return renderPage(request, reply, 'workstreams/views/form.njk', {
      bodyItems: [{ value: '', text: 'Select a body' }, ...options.bodies.map((b) => ({ value: b.id, text: b.name }))],
      personItems: [{ value: '', text: 'No lead named' }, ...options.people.map((p) => ({ value: p.id, text: p.label }))],
      kindItems,
      outcomeItems: options.outcomes.map((o) => ({
        value: o.id,
        text: o.title,
        checked: outcomeIds.includes(o.id),
        hint: o.inForce ? undefined : { text: 'No longer in the framework in force' },
      })),
      objectivePlans: objectivesByPlan(options.objectives).map((plan) => ({
        ...plan,
        aims: plan.aims.map((aim) => ({
          ...aim,
          items: aim.objectives.map((o) => ({
            value: o.id,
            text: `${objectiveNumber(o)} ${o.title}`,
            checked: objectiveIds.has(o.id),
            hint: o.archived_at ? { text: 'Archived' } : undefined,
          })),
        })),
      })),
      ...labels,
      ...data,
    })
  }

  app.get('/workstreams', async (request, reply) => {
    const actor = actorOf(request)
    const filters = workstreamFilters.parse(request.query ?? {})
    const page = await workstreams.list(actor, filters)
    return renderPage(request, reply, 'workstreams/views/list.njk', {
      title: filters.status === 'archived' ? 'Archived workstreams' : 'Workstreams',
      ...page,
      filters,
      kindItems,
      filtered: Boolean(filters.body || filters.kind || filters.status !== 'current'),
      canAdd: await workstreams.mayChangeSome(actor),
      ...labels,
    })
  })

  app.get('/workstreams/new', async (request, reply) => {
    await workstreams.assertMayChangeSome(actorOf(request))
    const { body } = workstreamFilters.parse(request.query ?? {})
    return showForm(request, reply, { title: 'Add a workstream', values: { bodyId: body }, action: '/workstreams/new' })
  })

  app.post('/workstreams/new', async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who can change no body gets 403, not a form full of errors.
    await workstreams.assertMayChangeSome(actor)
    const body = formBody(request)
    try {
      const created = await workstreams.create(actor, parseForm(workstreamForm, body))
      setFlash(reply, `‘${created.title}’ added`)
      return reply.redirect(`/workstreams/${created.id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, { title: 'Add a workstream', values: body, errors: errorView(error.fields), action: '/workstreams/new' })
    }
  })

  app.get('/workstreams/:id', async (request, reply) => {
    const page = await workstreams.page(actorOf(request), idParam(request))
    return renderPage(request, reply, 'workstreams/views/show.njk', {
      title: page.workstream.title,
      ...page,
      objectivePlans: objectivesByPlan(page.objectives),
      objectiveNumber,
      ...labels,
    })
  })

  app.get('/workstreams/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await workstreams.getForChange(actor, id)
    const found = await workstreams.get(actor, id)
    return showForm(request, reply, {
      title: `Change ${found.row.title}`,
      item: found.row,
      values: formValues(found),
      version: found.row.version,
      action: `/workstreams/${id}/edit`,
    })
  })

  editRoute(app, '/workstreams/:id/edit', {
    mayChange: (actor, id) => workstreams.getForChange(actor, id),
    save: (actor, id, version, body) => workstreams.update(actor, id, version, parseForm(workstreamForm, body)),
    saved: (saved) => ({ flash: `‘${saved.title}’ saved`, redirect: `/workstreams/${saved.id}` }),
    latest: async (actor, id) => (await workstreams.get(actor, id)).row,
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      showForm(request, reply, { title: `Change ${latest.title}`, item: latest, action: `/workstreams/${id}/edit`, ...data }),
  })

  app.get('/workstreams/:id/archive', async (request, reply) => {
    const item = await workstreams.getForChange(actorOf(request), idParam(request))
    return archivePage(request, reply, {
      title: `Archive ${item.title}?`,
      explanation: `The ${workstreamKindLabels[item.kind].toLowerCase()} will no longer be listed under the ${item.bodyName} or count towards the outcomes it contributes to. Nothing is deleted: its links are kept and you can restore it at any time.`,
      action: `/workstreams/${item.id}/archive`,
      version: item.version,
      backTo: `/workstreams/${item.id}`,
    })
  })

  archiveRoutes(
    app,
    '/workstreams',
    async (action, actor, id, version) => {
      const saved = await workstreams[action](actor, id, version)
      return { named: `‘${saved.title}’`, redirect: `/workstreams/${id}` }
    },
    (_actor, id) => `/workstreams/${id}`,
    (actor, id) => workstreams.getForChange(actor, id),
  )
}
