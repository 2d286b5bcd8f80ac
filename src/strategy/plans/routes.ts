import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ValidationError } from '../../platform/errors.ts'
import { assertCan, can } from '../../platform/auth/model.ts'
import { archivePage, archiveRoutes, editRoute } from '../../platform/http/record-routes.ts'
import { periodText } from '../strategies/index.ts'
import { progressLabels } from './progress-labels.ts'
import type { PlanService } from './service.ts'
import type { PlanRow } from './repository.ts'
import { planForm } from './schema.ts'

const newPlanQuery = z.object({ strategy: z.string().uuid().optional().catch(undefined) })

function formValues(plan: PlanRow) {
  return { title: plan.title, summary: plan.summary, strategyId: plan.strategy_id ?? '', leadBodyId: plan.lead_body_id ?? '' }
}

export function planRoutes(app: FastifyInstance, plans: PlanService): void {
  async function showForm(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) {
    const { strategies, bodies } = await plans.options(actorOf(request))
    return renderPage(request, reply, 'plans/views/form.njk', {
      strategyItems: [
        { value: '', text: 'No strategy' },
        ...strategies.map((s) => ({ value: s.id, text: `${s.title} (${periodText(s.starts_on, s.ends_on)})` })),
      ],
      bodyItems: [{ value: '', text: 'No lead body named' }, ...bodies.map((b) => ({ value: b.id, text: b.name }))],
      ...data,
    })
  }

  app.get('/plans', async (request, reply) => {
    const actor = actorOf(request)
    const { plans: current, archived } = await plans.list(actor)
    return renderPage(request, reply, 'plans/views/list.njk', {
      title: 'Delivery plans',
      plans: current,
      archived,
      canEdit: can(actor.role, 'directory.edit'),
      ...progressLabels,
    })
  })

  app.get('/plans/new', async (request, reply) => {
    assertCan(actorOf(request), 'directory.edit')
    const { strategy } = newPlanQuery.parse(request.query ?? {})
    return showForm(request, reply, { title: 'Add a delivery plan', values: { strategyId: strategy ?? '' }, action: '/plans' })
  })

  app.post('/plans', async (request, reply) => {
    const actor = actorOf(request)
    // Before reading the form, so someone who cannot edit gets 403, not a form full of errors.
    assertCan(actor, 'directory.edit')
    const body = formBody(request)
    try {
      const created = await plans.create(actor, parseForm(planForm, body))
      setFlash(reply, `Plan ‘${created.title}’ added`)
      return reply.redirect(`/plans/${created.id}`, 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, { title: 'Add a delivery plan', values: body, errors: errorView(error.fields), action: '/plans' })
    }
  })

  app.get('/plans/:id', async (request, reply) => {
    const actor = actorOf(request)
    const page = await plans.page(actor, idParam(request))
    return renderPage(request, reply, 'plans/views/show.njk', {
      title: page.plan.title,
      ...page,
      canEdit: can(actor.role, 'directory.edit'),
      ...progressLabels,
    })
  })

  app.get('/plans/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const plan = await plans.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return showForm(request, reply, { title: `Change ${plan.title}`, plan, values: formValues(plan), version: plan.version, action: `/plans/${plan.id}/edit` })
  })

  editRoute(app, '/plans/:id/edit', {
    save: (actor, id, version, body) => plans.update(actor, id, version, parseForm(planForm, body)),
    saved: (saved) => ({ flash: `Plan ‘${saved.title}’ saved`, redirect: `/plans/${saved.id}` }),
    latest: (actor, id) => plans.get(actor, id),
    version: (latest) => latest.version,
    showForm: (request, reply, id, latest, data) =>
      showForm(request, reply, { title: `Change ${latest.title}`, plan: latest, action: `/plans/${id}/edit`, ...data }),
  })

  app.get('/plans/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    const plan = await plans.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return archivePage(request, reply, {
      title: `Archive ${plan.title}?`,
      explanation:
        'Archived plans are listed apart and their objectives no longer count as needing attention, but nothing is deleted. You can restore it at any time.',
      action: `/plans/${plan.id}/archive`,
      version: plan.version,
      backTo: `/plans/${plan.id}`,
      button: 'Archive plan',
    })
  })

  archiveRoutes(
    app,
    '/plans',
    async (action, actor, id, version) => {
      const saved = await plans[action](actor, id, version)
      return { named: `Plan ‘${saved.title}’`, redirect: `/plans/${id}` }
    },
    (_actor, id) => `/plans/${id}`,
  )
}
