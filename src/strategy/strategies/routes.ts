import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm } from '../../platform/http/forms.ts'
import { archivePage, archiveRoutes, editRoute } from '../../platform/http/record-routes.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ValidationError } from '../../platform/errors.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { dateParts } from '../../platform/http/date-input.ts'
import type { PlanService } from '../plans/index.ts'
import { objectiveStatusLabels, objectiveStatuses } from '../objectives/index.ts'
import type { StrategyService } from './service.ts'
import type { StrategyRow } from './repository.ts'
import { strategyForm } from './schema.ts'
import { periodText, strategyStatusLabels, strategyStatuses } from './model.ts'

const statusItems = strategyStatuses.map((value) => ({ value, text: strategyStatusLabels[value] }))
const labels = { strategyStatusLabels, objectiveStatusLabels, objectiveStatuses }

function formValues(strategy: StrategyRow) {
  return {
    title: strategy.title,
    summary: strategy.summary,
    ownerBodyId: strategy.owner_body_id ?? '',
    status: strategy.status,
    ...dateParts('startsOn', strategy.starts_on),
    ...dateParts('endsOn', strategy.ends_on),
  }
}

export function strategyRoutes(app: FastifyInstance, strategies: StrategyService, plans: PlanService): void {
  async function showForm(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) {
    const bodies = await strategies.bodies(actorOf(request))
    return renderPage(request, reply, 'strategies/views/form.njk', {
      bodyItems: [{ value: '', text: 'Select a body' }, ...bodies.map((b) => ({ value: b.id, text: b.name }))],
      statusItems,
      periodText,
      ...labels,
      ...data,
    })
  }

  app.get('/strategies', async (request, reply) => {
    const actor = actorOf(request)
    const all = await strategies.list(actor)
    return renderPage(request, reply, 'strategies/views/list.njk', {
      title: 'Strategies',
      strategies: all.filter((s) => !s.archived_at),
      archived: all.filter((s) => s.archived_at),
      canEdit: can(actor.role, 'directory.edit'),
      periodText,
      ...labels,
    })
  })

  app.get('/strategies/new', async (request, reply) => {
    assertCan(actorOf(request), 'directory.edit')
    return showForm(request, reply, { title: 'Add a strategy', values: { status: 'draft' }, action: '/strategies' })
  })

  app.post('/strategies', async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who cannot edit gets 403, not a form full of errors.
    assertCan(actor, 'directory.edit')
    const body = formBody(request)
    try {
      const created = await strategies.create(actor, parseForm(strategyForm, body))
      setFlash(reply, `Strategy ‘${created.title}’ added`)
      return reply.redirect(`/strategies/${created.id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, { title: 'Add a strategy', values: body, errors: errorView(error.fields), action: '/strategies' })
    }
  })

  app.get('/strategies/:id', async (request, reply) => {
    const actor = actorOf(request)
    const strategy = await strategies.get(actor, idParam(request))
    return renderPage(request, reply, 'strategies/views/show.njk', {
      title: strategy.title,
      strategy,
      plans: await plans.ofStrategy(actor, strategy.id),
      canEdit: can(actor.role, 'directory.edit'),
      periodText,
      ...labels,
    })
  })

  app.get('/strategies/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const strategy = await strategies.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return showForm(request, reply, {
      title: `Change ${strategy.title}`,
      strategy,
      values: formValues(strategy),
      version: strategy.version,
      action: `/strategies/${strategy.id}/edit`,
    })
  })

  editRoute(app, '/strategies/:id/edit', {
    save: (actor, id, version, body) => strategies.update(actor, id, version, parseForm(strategyForm, body)),
    saved: (saved) => ({ flash: `Strategy ‘${saved.title}’ saved`, redirect: `/strategies/${saved.id}` }),
    latest: (actor, id) => strategies.get(actor, id),
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      showForm(request, reply, { title: `Change ${latest.title}`, strategy: latest, action: `/strategies/${id}/edit`, ...data }),
  })

  app.get('/strategies/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    const strategy = await strategies.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return archivePage(request, reply, {
      title: `Archive ${strategy.title}?`,
      explanation:
        'Archived strategies are listed apart and cannot be chosen for new plans, but nothing is deleted: its plans stay as they are. You can restore it at any time.',
      action: `/strategies/${strategy.id}/archive`,
      version: strategy.version,
      backTo: `/strategies/${strategy.id}`,
      button: 'Archive strategy',
    })
  })

  archiveRoutes(
    app,
    '/strategies',
    async (action, actor, id, version) => {
      const saved = await strategies[action](actor, id, version)
      return { named: `Strategy ‘${saved.title}’`, redirect: `/strategies/${id}` }
    },
    (_actor, id) => `/strategies/${id}`,
  )
}
