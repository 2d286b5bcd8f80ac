import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { archivePage, archiveRoutes } from '../../platform/http/record-routes.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError, type FieldErrors } from '../../platform/errors.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import type { Person } from '../../platform/db/tables.ts'
import type { OrganisationService } from '../organisations/index.ts'
import type { PeopleService } from './service.ts'
import { peopleFilters, personForm } from './schema.ts'
import { personLabel } from './model.ts'

function formValues(person: Person) {
  return {
    name: person.name ?? '',
    roleTitle: person.role_title ?? '',
    jobTitle: person.job_title ?? '',
    organisationId: person.organisation_id ?? '',
    email: person.email ?? '',
    userId: person.user_id ?? '',
  }
}

const fieldOrder = ['name', 'roleTitle', 'jobTitle', 'organisationId', 'email', 'userId']

// The name-or-role rule is checked after the fields, so its message would come
// last; the error summary should follow the order of the form.
function inFormOrder(fields: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => fieldOrder.indexOf(a) - fieldOrder.indexOf(b)))
}

export function peopleRoutes(app: FastifyInstance, people: PeopleService, organisations: OrganisationService): void {
  /**
   * The organisation choices: current organisations, plus an archived one only
   * when the person is saved with it, so saving them again does not silently drop it.
   */
  async function organisationItems(actor: Actor, saved: string | null | undefined) {
    const options = await organisations.options(actor)
    return [{ value: '', text: 'Not recorded' }].concat(
      options.filter((o) => !o.archived_at || o.id === saved).map((o) => ({ value: o.id, text: o.archived_at ? `${o.name} (archived)` : o.name })),
    )
  }

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    data: { values: Record<string, unknown>; person?: Person } & Record<string, unknown>,
  ) {
    const [items, accounts] = await Promise.all([organisationItems(actor, data.person?.organisation_id), people.accounts(actor)])
    const accountItems = [{ value: '', text: 'Not linked' }].concat(accounts.map((a) => ({ value: a.id, text: `${a.displayName} (${a.email})` })))
    return renderPage(request, reply, 'people/views/form.njk', { organisationItems: items, accountItems, ...data })
  }

  app.get('/people', async (request, reply) => {
    const actor = actorOf(request)
    const filters = peopleFilters.parse(request.query ?? {})
    const [rows, options] = await Promise.all([people.list(actor, filters), organisations.options(actor)])
    return renderPage(request, reply, 'people/views/list.njk', {
      title: 'People',
      rows: rows.map((row) => ({ ...row, label: personLabel(row) })),
      filters,
      // Archived organisations stay in the filter: their people can still be looked up.
      organisationItems: [{ value: '', text: 'Any organisation' }].concat(
        options.map((o) => ({ value: o.id, text: o.archived_at ? `${o.name} (archived)` : o.name })),
      ),
      canEdit: can(actor.role, 'directory.edit'),
      filtered: Boolean(filters.q || filters.organisation || filters.status !== 'active'),
    })
  })

  app.get('/people/new', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    // Arriving from an organisation's page, the person is most likely one of its people.
    const { organisation } = peopleFilters.parse(request.query ?? {})
    return showForm(request, reply, actor, { title: 'Add a person', values: { organisationId: organisation ?? '' }, action: '/people' })
  })

  app.post('/people', async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who cannot edit gets 403, not a form full of errors.
    assertCan(actor, 'directory.edit')
    const body = formBody(request)
    try {
      const created = await people.create(actor, parseForm(personForm, body))
      setFlash(reply, `‘${personLabel(created)}’ added`)
      return reply.redirect(`/people/${created.id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, actor, { title: 'Add a person', values: body, errors: errorView(inFormOrder(error.fields)), action: '/people' })
    }
  })

  app.get('/people/:id', async (request, reply) => {
    const actor = actorOf(request)
    const person = await people.get(actor, idParam(request))
    return renderPage(request, reply, 'people/views/show.njk', {
      title: personLabel(person),
      person,
      canEdit: can(actor.role, 'directory.edit'),
    })
  })

  app.get('/people/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const person = await people.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return showForm(request, reply, actor, {
      title: `Change ${personLabel(person)}`,
      person,
      values: formValues(person),
      version: person.version,
      action: `/people/${person.id}/edit`,
    })
  })

  app.post('/people/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const id = idParam(request)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      const saved = await people.update(actor, id, version, parseForm(personForm, body))
      setFlash(reply, `‘${personLabel(saved)}’ saved`)
      return reply.redirect(`/people/${id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error
      const latest = await people.get(actor, id)
      const errors = error instanceof ValidationError ? errorView(inFormOrder(error.fields)) : { list: [{ text: error.message, href: '#latest' }], fields: {} }
      reply.code(error instanceof ConflictError ? 409 : 400)
      return showForm(request, reply, actor, {
        title: `Change ${personLabel(latest)}`,
        person: latest,
        latest: error instanceof ConflictError ? latest : null,
        values: body,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice made having seen it.
        version: error instanceof ConflictError ? latest.version : body.version,
        errors,
        action: `/people/${id}/edit`,
      })
    }
  })

  app.get('/people/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    const person = await people.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return archivePage(request, reply, {
      title: `Archive ${personLabel(person)}`,
      heading: `Archive ${personLabel(person)}?`,
      explanation: 'Archived people are hidden from lists and choices but nothing is deleted. You can restore them at any time.',
      action: `/people/${person.id}/archive`,
      version: person.version,
      backTo: `/people/${person.id}`,
      button: 'Archive person',
    })
  })

  archiveRoutes(
    app,
    '/people',
    async (action, actor, id, version) => {
      const saved = await people[action](actor, id, version)
      return { named: `‘${personLabel(saved)}’`, redirect: `/people/${id}` }
    },
    (_actor, id) => `/people/${id}`,
  )
}
