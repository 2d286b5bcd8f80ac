import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
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

  app.post('/comparator-groups/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const id = idParam(request)
    const before = await groups.get(actor, id)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      const saved = await groups.update(actor, id, version, parseForm(groupForm, body))
      setFlash(reply, `Comparator group ‘${saved.name}’ saved`)
      return reply.redirect(`/comparator-groups/${id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
      const latest = await groups.get(actor, id)
      reply.code(error instanceof ConflictError ? 409 : 400)
      return showForm(request, reply, {
        title: `Change ${before.name}`,
        group: latest,
        latest: error instanceof ConflictError ? latest : null,
        values: body,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice made having seen it.
        version: error instanceof ConflictError ? latest.version : body.version,
        errors: error instanceof ValidationError ? errorView(error.fields) : { list: [{ text: error.message, href: '#latest' }], fields: {} },
        action: `/comparator-groups/${id}/edit`,
      })
    }
  })

  app.get('/comparator-groups/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const group = await groups.get(actor, idParam(request))
    return renderPage(request, reply, 'comparator-groups/views/archive.njk', { title: `Archive ${group.name}?`, group })
  })

  for (const action of ['archive', 'restore'] as const) {
    app.post(`/comparator-groups/:id/${action}`, async (request, reply) => {
      const actor = actorOf(request)
      assertCan(actor, 'directory.edit')
      const id = idParam(request)
      await groups.get(actor, id)
      try {
        const { version } = parseForm(versionField, formBody(request))
        const saved = await groups.setArchived(actor, id, version, action)
        setFlash(reply, `Comparator group ‘${saved.name}’ ${action === 'archive' ? 'archived' : 'restored'}`)
        return reply.redirect(action === 'archive' ? '/comparator-groups' : `/comparator-groups/${id}`, 303)
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof ValidationError)) throw error
        // A ValidationError here can only be the missing version, whose own message says what to do.
        const message = error instanceof ValidationError ? Object.values(error.fields).join(' ') : error.message
        reply.code(error instanceof ConflictError ? 409 : 400)
        return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message, backTo: `/comparator-groups/${id}` })
      }
    })
  }
}
