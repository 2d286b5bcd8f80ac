import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { archivePage, archiveRoutes, editRoute } from '../../platform/http/record-routes.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { ValidationError } from '../../platform/errors.ts'
import type { ComparatorGroupService } from './service.ts'
import { groupFilters, groupForm } from './schema.ts'
import { areaKindLabels, groupKindLabels, groupKinds } from './model.ts'

const kindItems = groupKinds.map((value) => ({ value, text: groupKindLabels[value] }))
const labels = { groupKindLabels, areaKindLabels }

export function comparatorGroupRoutes(app: FastifyInstance, groups: ComparatorGroupService): void {
  const showForm = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    renderPage(request, reply, 'comparator-groups/views/form.njk', { kindItems, ...data })

  app.get('/comparator-groups', async (request, reply) => {
    const actor = actorOf(request)
    const archived = groupFilters.parse(request.query ?? {}).archived === 'yes'
    return renderPage(request, reply, 'comparator-groups/views/list.njk', {
      title: archived ? 'Archived comparator groups' : 'Comparator groups',
      archived,
      groups: await groups.list(actor, archived),
      canEdit: can(actor.role, 'directory.edit'),
      ...labels,
    })
  })

  app.get('/comparator-groups/new', async (request, reply) => {
    assertCan(actorOf(request), 'directory.edit')
    return showForm(request, reply, { title: 'Add a comparator group', values: {}, action: '/comparator-groups' })
  })

  app.post('/comparator-groups', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const body = formBody(request)
    try {
      const created = await groups.create(actor, parseForm(groupForm, body))
      setFlash(reply, `Comparator group ‘${created.name}’ added`)
      return reply.redirect(`/comparator-groups/${created.id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, { title: 'Add a comparator group', values: body, errors: errorView(error.fields), action: '/comparator-groups' })
    }
  })

  app.get('/comparator-groups/:id', async (request, reply) => {
    const actor = actorOf(request)
    const group = await groups.get(actor, idParam(request))
    return renderPage(request, reply, 'comparator-groups/views/show.njk', { title: group.name, group, canEdit: can(actor.role, 'directory.edit'), ...labels })
  })

  app.get('/comparator-groups/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const group = await groups.get(actor, idParam(request))
    const values = { name: group.name, kind: group.kind, description: group.description, areaCodes: group.areas.map((a) => a.code).join('\n') }
    return showForm(request, reply, { title: `Change ${group.name}`, group, values, version: group.version, action: `/comparator-groups/${group.id}/edit` })
  })

  editRoute(app, '/comparator-groups/:id/edit', {
    save: (actor, id, version, body) => groups.update(actor, id, version, parseForm(groupForm, body)),
    saved: (saved) => ({ flash: `Comparator group ‘${saved.name}’ saved`, redirect: `/comparator-groups/${saved.id}` }),
    latest: (actor, id) => groups.get(actor, id),
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      showForm(request, reply, { title: `Change ${latest.name}`, group: latest, action: `/comparator-groups/${id}/edit`, ...data }),
  })

  app.get('/comparator-groups/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const group = await groups.get(actor, idParam(request))
    return archivePage(request, reply, {
      title: `Archive ${group.name}?`,
      explanation: 'Indicators will no longer be compared against it. Nothing is deleted and you can restore it from the archived groups at any time.',
      action: `/comparator-groups/${group.id}/archive`,
      version: group.version,
      backTo: `/comparator-groups/${group.id}`,
    })
  })

  archiveRoutes(
    app,
    '/comparator-groups',
    async (action, actor, id, version) => {
      const saved = await groups.setArchived(actor, id, version, action)
      return {
        named: `Comparator group ‘${saved.name}’`,
        redirect: action === 'archive' ? '/comparator-groups' : `/comparator-groups/${id}`,
      }
    },
    // Looked up, so a group that is not there is 404 even when the form lost its version.
    async (actor, id) => `/comparator-groups/${(await groups.get(actor, id)).id}`,
  )
}
