import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { ValidationError } from '../../platform/errors.ts'
import { formatUkDate } from '../../platform/dates/index.ts'
import { sendTable } from '../../platform/files/table-download.ts'
import { dateParts } from '../../platform/http/date-input.ts'
import { archiveRoutes, editRoute, refusedChange } from '../../platform/http/record-routes.ts'
import type { DataRequestService } from './service.ts'
import { requestFilters, requestForm, statusForm } from './schema.ts'
import { moveLabel, nextStatuses, shownStatuses, statusColours, statusLabels } from './model.ts'

const labels = { statusLabels, statusColours }

export function dataRequestRoutes(app: FastifyInstance, requests: DataRequestService): void {
  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    requestId: string | undefined,
    data: Record<string, unknown> & { values: Record<string, unknown> },
  ) {
    const options = await requests.formOptions(actorOf(request), requestId)
    const chosen = new Set([data.values.indicatorIds ?? []].flat().map(String))
    return renderPage(request, reply, 'data-requests/views/form.njk', {
      organisationItems: [{ value: '', text: 'Select an organisation' }, ...options.organisations.map((o) => ({ value: o.id, text: o.name }))],
      indicatorItems: options.indicators.map((i) => ({
        value: i.id,
        text: i.title,
        checked: chosen.has(i.id),
        hint: i.archived_at ? { text: 'Archived: untick to take it off the request' } : undefined,
      })),
      ...data,
    })
  }

  app.get('/data-requests', async (request, reply) => {
    const filters = requestFilters.parse(request.query ?? {})
    const { rows, organisations, canEdit } = await requests.list(actorOf(request), filters)
    if (filters.format) {
      return sendTable(
        reply,
        {
          name: 'Data requests',
          columns: [
            { header: 'Organisation', width: 40 },
            { header: 'Period' },
            { header: 'Due on', width: 12 },
            { header: 'Status' },
            { header: 'Indicators' },
            { header: 'Notes', width: 60 },
          ],
          rows: rows.map((r) => [r.organisationName, r.period_label, r.due_on, statusLabels[r.shown], r.indicatorCount, r.notes]),
        },
        filters.format,
      )
    }
    const query = new URLSearchParams(
      Object.entries({ status: filters.status, organisation: filters.organisation, archived: filters.archived }).filter((e): e is [string, string] => !!e[1]),
    )
    return renderPage(request, reply, 'data-requests/views/list.njk', {
      title: filters.archived ? 'Archived data requests' : 'Data requests',
      filters,
      rows,
      canEdit,
      downloadQuery: query.toString() ? `${query.toString()}&` : '',
      statusItems: [{ value: '', text: 'Any status' }, ...shownStatuses.map((s) => ({ value: s, text: statusLabels[s] }))],
      organisationItems: [{ value: '', text: 'Every organisation' }, ...organisations.map((o) => ({ value: o.id, text: o.name }))],
      ...labels,
    })
  })

  app.get('/data-requests/new', async (request, reply) => {
    assertCan(actorOf(request), 'directory.edit')
    return showForm(request, reply, undefined, { title: 'Request values from a partner', values: {}, action: '/data-requests/new' })
  })

  app.post('/data-requests/new', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const body = formBody(request)
    try {
      const created = await requests.create(actor, parseForm(requestForm, body))
      setFlash(reply, `Values for ${created.period_label} requested, due ${formatUkDate(created.due_on)}`)
      return reply.redirect(`/data-requests/${created.id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, undefined, {
        title: 'Request values from a partner',
        values: body,
        errors: errorView(error.fields),
        action: '/data-requests/new',
      })
    }
  })

  app.get('/data-requests/:id', async (request, reply) => {
    const page = await requests.get(actorOf(request), idParam(request))
    const r = page.request
    return renderPage(request, reply, 'data-requests/views/show.njk', {
      title: `Data request: ${r.organisationName}, ${r.period_label}`,
      ...page,
      moves: nextStatuses(r.status).map((status) => ({ status, text: moveLabel(r.status, status) })),
      ...labels,
    })
  })

  app.get('/data-requests/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const { request: r, chosen } = await requests.formOptions(actor, idParam(request))
    const values = { organisationId: r!.organisation_id, periodLabel: r!.period_label, ...dateParts('dueOn', r!.due_on), indicatorIds: chosen, notes: r!.notes }
    return showForm(request, reply, r!.id, {
      title: 'Change the data request',
      dataRequest: r,
      values,
      version: r!.version,
      action: `/data-requests/${r!.id}/edit`,
    })
  })

  editRoute(app, '/data-requests/:id/edit', {
    save: (actor, id, version, body) => requests.update(actor, id, version, parseForm(requestForm, body)),
    saved: (saved) => ({ flash: 'Data request saved', redirect: `/data-requests/${saved.id}` }),
    latest: async (actor, id) => (await requests.get(actor, id)).request,
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      showForm(request, reply, id, { title: 'Change the data request', dataRequest: latest, action: `/data-requests/${id}/edit`, ...data }),
  })

  app.post('/data-requests/:id/status', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const id = idParam(request)
    try {
      const body = formBody(request)
      const { version } = parseForm(versionField, body)
      const { status } = parseForm(statusForm, body)
      await requests.setStatus(actor, id, version, status)
      setFlash(reply, `Status changed to ${statusLabels[status].toLowerCase()}`)
      return reply.redirect(`/data-requests/${id}`, 303)
    } catch (error) {
      return refusedChange(request, reply, error, `/data-requests/${id}`)
    }
  })

  archiveRoutes(
    app,
    '/data-requests',
    async (action, actor, id, version) => {
      await requests[action](actor, id, version)
      return {
        named: 'Data request',
        redirect: action === 'archive' ? '/data-requests' : `/data-requests/${id}`,
      }
    },
    (_actor, id) => `/data-requests/${id}`,
  )
}
