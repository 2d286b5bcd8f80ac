import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, formRefusal, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { archivePage, archiveRoutes, editRoute, refusedChange } from '../../platform/http/record-routes.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import { moveForm } from '../framework/index.ts'
import { dateValues } from '../../platform/http/date-input.ts'
import { answererText, keeperText, scopeLabels, scopes } from './model.ts'
import type { ExternalFramework, ExternalPriority } from './repository.ts'
import type { ExternalFrameworkService } from './service.ts'
import type { PrioritySetProposalService } from './proposal-service.ts'
import { copyForm, externalFrameworkForm, priorityForm } from './schema.ts'

const scopeItems = scopes.map((value) => ({ value, text: scopeLabels[value] }))
const noErrors = { list: [], fields: {} }

const frameworkValues = (f: ExternalFramework) => ({
  title: f.title,
  publisher: f.publisher,
  scope: f.scope,
  description: f.description,
  ...dateValues('publishedOn', f.published_on),
})

export function externalFrameworkRoutes(app: FastifyInstance, frameworks: ExternalFrameworkService, proposals: PrioritySetProposalService): void {
  const show = (id: string) => `/external-frameworks/${id}`
  const frameworkForm = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    renderPage(request, reply, 'external-frameworks/views/form.njk', { scopeItems, errors: noErrors, ...data })
  const priorityPage = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    renderPage(request, reply, 'external-frameworks/views/priority-form.njk', { errors: noErrors, ...data })

  app.get('/external-frameworks', async (request, reply) => {
    const actor = actorOf(request)
    const list = await frameworks.list(actor)
    const toAnswer = await proposals.openCounts(actor)
    const keeper = (f: ExternalFramework & { ownerName: string | null }) => keeperText(frameworks.ownership(actor, f), f.ownerName)
    const withKeeper = <F extends ExternalFramework & { ownerName: string | null }>(rows: F[]) =>
      rows.map((f) => ({ ...f, keeper: keeper(f), toAnswer: toAnswer.get(f.id) ?? 0 }))
    return renderPage(request, reply, 'external-frameworks/views/list.njk', {
      title: 'Regional and national frameworks',
      current: withKeeper(list.current),
      archived: withKeeper(list.archived),
      canAdd: frameworks.canAdd(actor),
      scopeLabels,
    })
  })

  app.get('/external-frameworks/new', async (request, reply) => {
    frameworks.assertMayAdd(actorOf(request))
    return frameworkForm(request, reply, { title: 'Add a regional or national framework', values: {}, action: '/external-frameworks/new' })
  })

  app.post('/external-frameworks/new', async (request, reply) => {
    const actor = actorOf(request)
    frameworks.assertMayAdd(actor)
    const body = formBody(request)
    try {
      const created = await frameworks.create(actor, parseForm(externalFrameworkForm, body))
      setFlash(reply, `‘${created.title}’ added: now add its priorities`)
      return reply.redirect(show(created.id), 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return frameworkForm(request, reply, {
        title: 'Add a regional or national framework',
        values: body,
        errors: errorView(error.fields),
        action: '/external-frameworks/new',
      })
    }
  })

  app.get('/external-frameworks/:id', async (request, reply) => {
    const actor = actorOf(request)
    const page = await frameworks.get(actor, idParam(request))
    return renderPage(request, reply, 'external-frameworks/views/show.njk', {
      title: page.framework.title,
      ...page,
      keeper: keeperText(frameworks.ownership(actor, page.framework), page.framework.ownerName),
      canEdit: frameworks.canChange(actor, page.framework),
      canCopy: frameworks.canAdd(actor),
      canPropose: proposals.canPropose(actor, page.framework),
      answerer: answererText(page.framework.ownerName),
      proposals: await proposals.forSet(actor, page.framework),
      scopeLabels,
    })
  })

  // Any set, whoever keeps it, can be copied into one the partnership keeps and may change.
  const copyPage = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    renderPage(request, reply, 'external-frameworks/views/copy.njk', { errors: noErrors, ...data })

  app.get('/external-frameworks/:id/copy', async (request, reply) => {
    const { framework, suggestedTitle } = await frameworks.getForCopy(actorOf(request), idParam(request))
    return copyPage(request, reply, { title: `Copy ${framework.title} to your partnership`, framework, values: { title: suggestedTitle } })
  })

  app.post('/external-frameworks/:id/copy', async (request, reply) => {
    const actor = actorOf(request)
    const { framework } = await frameworks.getForCopy(actor, idParam(request))
    const body = formBody(request)
    try {
      const created = await frameworks.copy(actor, framework.id, parseForm(copyForm, body))
      setFlash(reply, `‘${framework.title}’ copied to your partnership as ‘${created.title}’`)
      return reply.redirect(show(created.id), 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return copyPage(request, reply, { title: `Copy ${framework.title} to your partnership`, framework, values: body, errors: errorView(error.fields) })
    }
  })

  app.get('/external-frameworks/:id/edit', async (request, reply) => {
    const framework = await frameworks.getForChange(actorOf(request), idParam(request))
    return frameworkForm(request, reply, {
      title: `Change ${framework.title}`,
      framework,
      values: frameworkValues(framework),
      version: framework.version,
      action: `${show(framework.id)}/edit`,
    })
  })

  editRoute(app, '/external-frameworks/:id/edit', {
    mayChange: (actor, id) => frameworks.getForChange(actor, id),
    save: (actor, id, version, body) => frameworks.update(actor, id, version, parseForm(externalFrameworkForm, body)),
    saved: (saved) => ({ flash: `‘${saved.title}’ saved`, redirect: show(saved.id) }),
    latest: (actor, id) => frameworks.getForChange(actor, id),
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      frameworkForm(request, reply, { title: `Change ${latest.title}`, framework: latest, action: `${show(id)}/edit`, scopeLabels, ...data }),
  })

  app.get('/external-frameworks/:id/archive', async (request, reply) => {
    const framework = await frameworks.getForChange(actorOf(request), idParam(request))
    return archivePage(request, reply, {
      title: `Archive ${framework.title}?`,
      explanation:
        'Every partnership can align to it: once archived it is no longer offered in any partnership’s alignment matrix. Nothing is deleted, alignments are kept, and it can be restored at any time.',
      action: `${show(framework.id)}/archive`,
      version: framework.version,
      backTo: show(framework.id),
    })
  })

  archiveRoutes(
    app,
    '/external-frameworks',
    async (action, actor, id, version) => {
      const saved = await frameworks.setArchived(actor, id, version, action)
      return { named: `‘${saved.title}’`, redirect: action === 'archive' ? '/external-frameworks' : show(id) }
    },
    (_actor, id) => show(id),
    (actor, id) => frameworks.getForChange(actor, id),
  )

  app.get('/external-frameworks/:id/priorities/new', async (request, reply) => {
    const framework = await frameworks.getForChange(actorOf(request), idParam(request))
    return priorityPage(request, reply, {
      title: `Add a priority to ${framework.title}`,
      framework,
      values: {},
      action: `${show(framework.id)}/priorities/new`,
    })
  })

  app.post('/external-frameworks/:id/priorities/new', async (request, reply) => {
    const actor = actorOf(request)
    const framework = await frameworks.getForChange(actor, idParam(request))
    const body = formBody(request)
    try {
      const created = await frameworks.addPriority(actor, framework.id, parseForm(priorityForm, body))
      setFlash(reply, `‘${created.title}’ added`)
      return reply.redirect(show(framework.id), 303)
    } catch (error) {
      if (error instanceof ConflictError) return refusedChange(request, reply, error, show(framework.id))
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return priorityPage(request, reply, {
        title: `Add a priority to ${framework.title}`,
        framework,
        values: body,
        errors: errorView(error.fields),
        action: `${show(framework.id)}/priorities/new`,
      })
    }
  })

  const priorityValues = (p: ExternalPriority) => ({ title: p.title, description: p.description })

  app.get('/external-priorities/:id/edit', async (request, reply) => {
    const { priority, framework } = await frameworks.getPriorityForChange(actorOf(request), idParam(request))
    return priorityPage(request, reply, {
      title: `Change ${priority.title}`,
      framework,
      priority,
      values: priorityValues(priority),
      version: priority.version,
      action: `/external-priorities/${priority.id}/edit`,
    })
  })

  app.post('/external-priorities/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    const { framework } = await frameworks.getPriorityForChange(actor, id)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      const saved = await frameworks.updatePriority(actor, id, version, parseForm(priorityForm, body))
      setFlash(reply, `‘${saved.title}’ saved`)
      return reply.redirect(show(framework.id), 303)
    } catch (error) {
      const { status, conflict, errors } = formRefusal(error)
      const { priority: latest } = await frameworks.getPriorityForChange(actor, id)
      reply.code(status)
      return priorityPage(request, reply, {
        title: `Change ${latest.title}`,
        framework,
        priority: latest,
        latest: conflict ? latest : null,
        values: body,
        version: conflict ? latest.version : body.version,
        errors,
        action: `/external-priorities/${id}/edit`,
      })
    }
  })

  for (const action of ['move', 'archive', 'restore'] as const) {
    app.post(`/external-priorities/:id/${action}`, async (request, reply) => {
      const actor = actorOf(request)
      const id = idParam(request)
      const { framework } = await frameworks.getPriorityForChange(actor, id)
      try {
        const body = formBody(request)
        const { version } = parseForm(versionField, body)
        if (action === 'move') {
          const { direction } = parseForm(moveForm, body)
          const moved = await frameworks.movePriority(actor, id, version, direction)
          setFlash(reply, `‘${moved.title}’ moved ${direction}`)
        } else {
          const saved = await frameworks.setPriorityArchived(actor, id, version, action)
          setFlash(reply, `‘${saved.title}’ ${action === 'archive' ? 'archived' : 'restored'}`)
        }
        return reply.redirect(show(framework.id), 303)
      } catch (error) {
        return refusedChange(request, reply, error, show(framework.id))
      }
    })
  }
}
