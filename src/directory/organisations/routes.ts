import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import type { Organisation } from '../../platform/db/tables.ts'
import type { OrganisationService } from './service.ts'
import { organisationFilters, organisationForm } from './schema.ts'
import { sectorLabels, sectors } from './model.ts'
import type { PeopleService } from '../people/index.ts'

const sectorItems = sectors.map((value) => ({ value, text: sectorLabels[value] }))

function formValues(organisation: Organisation) {
  return {
    name: organisation.name,
    sector: organisation.sector,
    isStatutory: organisation.is_statutory ? 'yes' : 'no',
    website: organisation.website ?? '',
    description: organisation.description,
  }
}

export function organisationRoutes(app: FastifyInstance, organisations: OrganisationService, people: PeopleService): void {
  const showForm = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    renderPage(request, reply, 'organisations/views/form.njk', { sectorItems, sectorLabels, ...data })

  app.get('/organisations', async (request, reply) => {
    const actor = actorOf(request)
    const filters = organisationFilters.parse(request.query ?? {})
    const rows = await organisations.list(actor, filters)
    return renderPage(request, reply, 'organisations/views/list.njk', {
      title: 'Partner organisations',
      rows,
      filters,
      sectorItems,
      sectorLabels,
      canEdit: can(actor.role, 'directory.edit'),
      filtered: Boolean(filters.q || filters.sector || filters.statutory || filters.status !== 'active'),
    })
  })

  app.get('/organisations/new', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    return showForm(request, reply, { title: 'Add an organisation', values: { description: '' }, action: '/organisations' })
  })

  app.post('/organisations', async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who cannot edit gets 403, not a form full of errors.
    assertCan(actor, 'directory.edit')
    const body = formBody(request)
    try {
      const created = await organisations.create(actor, parseForm(organisationForm, body))
      setFlash(reply, `Organisation ‘${created.name}’ added`)
      return reply.redirect(`/organisations/${created.id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, { title: 'Add an organisation', values: body, errors: errorView(error.fields), action: '/organisations' })
    }
  })

  app.get('/organisations/:id', async (request, reply) => {
    const actor = actorOf(request)
    const organisation = await organisations.get(actor, idParam(request))
    const members = await people.list(actor, { organisation: organisation.id, status: 'active' })
    return renderPage(request, reply, 'organisations/views/show.njk', {
      title: organisation.name,
      organisation,
      members,
      sectorLabels,
      canEdit: can(actor.role, 'directory.edit'),
    })
  })

  app.get('/organisations/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const organisation = await organisations.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return showForm(request, reply, {
      title: `Change ${organisation.name}`,
      organisation,
      values: formValues(organisation),
      version: organisation.version,
      action: `/organisations/${organisation.id}/edit`,
    })
  })

  app.post('/organisations/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const id = idParam(request)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      const saved = await organisations.update(actor, id, version, parseForm(organisationForm, body))
      setFlash(reply, `Organisation ‘${saved.name}’ saved`)
      return reply.redirect(`/organisations/${id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
      const latest = await organisations.get(actor, id)
      const errors = error instanceof ValidationError ? errorView(error.fields) : { list: [{ text: error.message, href: '#latest' }], fields: {} }
      reply.code(error instanceof ConflictError ? 409 : 400)
      return showForm(request, reply, {
        title: `Change ${latest.name}`,
        organisation: latest,
        latest: error instanceof ConflictError ? latest : null,
        values: body,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice made having seen it.
        version: error instanceof ConflictError ? latest.version : body.version,
        errors,
        action: `/organisations/${id}/edit`,
      })
    }
  })

  app.get('/organisations/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    const organisation = await organisations.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return renderPage(request, reply, 'organisations/views/archive.njk', { title: `Archive ${organisation.name}`, organisation })
  })

  for (const action of ['archive', 'restore'] as const) {
    app.post(`/organisations/:id/${action}`, async (request, reply) => {
      const actor = actorOf(request)
      assertCan(actor, 'directory.edit')
      const id = idParam(request)
      try {
        const { version } = parseForm(versionField, formBody(request))
        const saved = await organisations[action](actor, id, version)
        setFlash(reply, `Organisation ‘${saved.name}’ ${action === 'archive' ? 'archived' : 'restored'}`)
        return reply.redirect(`/organisations/${id}`, 303)
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof ValidationError)) throw error
        // A ValidationError here can only be the missing version, whose own message says what to do.
        const message = error instanceof ValidationError ? Object.values(error.fields).join(' ') : error.message
        reply.code(error instanceof ConflictError ? 409 : 400)
        return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message, backTo: `/organisations/${id}` })
      }
    })
  }
}
