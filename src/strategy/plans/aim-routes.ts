import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { archivePage, archiveRoutes, editRoute, refusedChange } from '../../platform/http/record-routes.ts'
import type { PlanService } from './service.ts'
import type { Aim } from './repository.ts'
import { aimForm } from './schema.ts'

const formValues = (aim: Aim) => ({ number: String(aim.number), title: aim.title, expectedOutcome: aim.expected_outcome })

/** A plan's aims: added from the plan page, each numbered uniquely within its plan. */
export function aimRoutes(app: FastifyInstance, plans: PlanService): void {
  const showForm = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) => renderPage(request, reply, 'plans/views/aim-form.njk', data)

  app.get('/plans/:id/aims/new', async (request, reply) => {
    const actor = actorOf(request)
    const plan = await plans.get(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    const number = await plans.nextAimNumber(actor, plan.id)
    return showForm(request, reply, { title: `Add an aim to ${plan.title}`, plan, values: { number: String(number) }, action: `/plans/${plan.id}/aims` })
  })

  app.post('/plans/:id/aims', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const plan = await plans.get(actor, idParam(request))
    const body = formBody(request)
    try {
      const aim = await plans.addAim(actor, plan.id, parseForm(aimForm, body))
      setFlash(reply, `Aim ${aim.number} added`)
      return reply.redirect(`/plans/${plan.id}#aim-${aim.number}`, 303)
    } catch (error) {
      if (error instanceof ConflictError) return refusedChange(request, reply, error, `/plans/${plan.id}`)
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, {
        title: `Add an aim to ${plan.title}`,
        plan,
        values: body,
        errors: errorView(error.fields),
        action: `/plans/${plan.id}/aims`,
      })
    }
  })

  app.get('/aims/:id/edit', async (request, reply) => {
    const actor = actorOf(request)
    const { aim, plan } = await plans.getAim(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return showForm(request, reply, {
      title: `Change aim ${aim.number} of ${plan.title}`,
      plan,
      aim,
      values: formValues(aim),
      version: aim.version,
      action: `/aims/${aim.id}/edit`,
    })
  })

  editRoute(app, '/aims/:id/edit', {
    save: (actor, id, version, body) => plans.updateAim(actor, id, version, parseForm(aimForm, body)),
    saved: (saved) => ({ flash: `Aim ${saved.number} saved`, redirect: `/plans/${saved.plan_id}#aim-${saved.number}` }),
    latest: (actor, id) => plans.getAim(actor, id),
    version: (latest) => latest.aim.version,
    showForm: (request, reply, id, { aim, plan }, data) =>
      showForm(request, reply, {
        title: `Change aim ${aim.number} of ${plan.title}`,
        plan,
        aim,
        action: `/aims/${id}/edit`,
        ...data,
        latest: data.latest?.aim ?? null,
      }),
  })

  app.get('/aims/:id/archive', async (request, reply) => {
    const actor = actorOf(request)
    const { aim, plan } = await plans.getAim(actor, idParam(request))
    assertCan(actor, 'directory.edit')
    return archivePage(request, reply, {
      title: `Archive aim ${aim.number} of ${plan.title}?`,
      heading: `Archive aim ${aim.number}?`,
      caption: plan.title,
      explanation: `‘${aim.title}’ and its objectives will no longer be shown on the plan or counted in its progress. Nothing is deleted and you can restore the aim from the plan page at any time.`,
      action: `/aims/${aim.id}/archive`,
      version: aim.version,
      backTo: `/plans/${plan.id}`,
      button: 'Archive aim',
    })
  })

  archiveRoutes(
    app,
    '/aims',
    async (action, actor, id, version) => {
      const saved = action === 'archive' ? await plans.archiveAim(actor, id, version) : await plans.restoreAim(actor, id, version)
      return { named: `Aim ${saved.number}`, redirect: `/plans/${saved.plan_id}` }
    },
    async (actor, id) => `/plans/${(await plans.getAim(actor, id)).plan.id}`,
  )
}
