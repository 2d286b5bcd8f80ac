import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { archivePage, archiveRoutes, editRoute } from '../../platform/http/record-routes.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ValidationError } from '../../platform/errors.ts'
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

  editRoute(app, '/organisations/:id/edit', {
    save: (actor, id, version, body) => organisations.update(actor, id, version, parseForm(organisationForm, body)),
    saved: (saved) => ({ flash: `Organisation ‘${saved.name}’ saved`, redirect: `/organisations/${saved.id}` }),
    latest: (actor, id) => organisations.get(actor, id),
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      showForm(request, reply, { title: `Change ${latest.name}`, organisation: latest, action: `/organisations/${id}/edit`, ...data }),
  })

  app.get('/organisations/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    const organisation = await organisations.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return archivePage(request, reply, {
      title: `Archive ${organisation.name}`,
      heading: `Archive ${organisation.name}?`,
      explanation: 'Archived organisations are hidden from lists and choices but nothing is deleted. You can restore it at any time.',
      action: `/organisations/${organisation.id}/archive`,
      version: organisation.version,
      backTo: `/organisations/${organisation.id}`,
      button: 'Archive organisation',
    })
  })

  archiveRoutes(
    app,
    '/organisations',
    async (action, actor, id, version) => {
      const saved = await organisations[action](actor, id, version)
      return { named: `Organisation ‘${saved.name}’`, redirect: `/organisations/${id}` }
    },
    (_actor, id) => `/organisations/${id}`,
  )
}
