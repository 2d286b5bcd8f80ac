import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, formRefusal, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import { londonToday } from '../../platform/dates/index.ts'
import { dateParts } from '../../platform/http/date-input.ts'
import { refusedChange } from '../../platform/http/record-routes.ts'
import { objectiveStatusLabels, ragLabels } from '../../strategy/objectives/index.ts'
import { isBlank } from './model.ts'
import type { ReportCardService } from './service.ts'
import { cardVersionField, commentaryForm, linkForm, reportCardForm } from './schema.ts'

const labels = { objectiveStatusLabels, ragLabels }

export function reportCardRoutes(app: FastifyInstance, cards: ReportCardService): void {
  async function showCard(request: FastifyRequest, reply: FastifyReply, indicatorId: string, data: Record<string, unknown> = {}) {
    const page = await cards.page(actorOf(request), indicatorId)
    return renderPage(request, reply, 'report-cards/views/show.njk', {
      title: `Report card: ${page.indicator.title}`,
      ...page,
      blank: isBlank(page.card),
      values: dateParts('writtenOn', londonToday()),
      ...labels,
      ...data,
    })
  }

  async function showEdit(request: FastifyRequest, reply: FastifyReply, indicatorId: string, data: Record<string, unknown> = {}) {
    const page = await cards.forChange(actorOf(request), indicatorId)
    const card = page.card
    return renderPage(request, reply, 'report-cards/views/edit.njk', {
      title: `Change the report card: ${page.indicator.title}`,
      ...page,
      values: { story: card?.story ?? '', partners: card?.partners ?? '', whatWorks: card?.what_works ?? '' },
      version: card?.version ?? 0,
      ...labels,
      ...data,
    })
  }

  app.get('/indicators/:id/report-card', async (request, reply) => showCard(request, reply, idParam(request)))

  app.get('/indicators/:id/report-card/edit', async (request, reply) => showEdit(request, reply, idParam(request)))

  app.post('/indicators/:id/report-card/edit', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    // Before reading the form, so someone who may not change the card gets 403, not a form full of errors.
    await cards.assertMayChange(actor, id)
    const body = formBody(request)
    try {
      const { version } = parseForm(cardVersionField, body)
      await cards.save(actor, id, version, parseForm(reportCardForm, body))
      setFlash(reply, 'Report card saved')
      return reply.redirect(`/indicators/${id}/report-card`, 303)
    } catch (error) {
      const { status, conflict, errors } = formRefusal(error)
      const latest = (await cards.forChange(actor, id)).card
      reply.code(status)
      return showEdit(request, reply, id, {
        values: body,
        latest: conflict ? latest : null,
        // After a conflict the form carries the latest version, so saving again is a deliberate choice made having seen it.
        version: conflict ? (latest?.version ?? 0) : body.version,
        errors,
      })
    }
  })

  app.post('/indicators/:id/report-card/objectives', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await cards.assertMayChange(actor, id)
    try {
      const { objectiveIds } = parseForm(linkForm, formBody(request))
      const { added } = await cards.link(actor, id, objectiveIds)
      setFlash(reply, added === 1 ? 'Objective linked' : `${added} objectives linked`)
      return reply.redirect(`/indicators/${id}/report-card/edit#actions`, 303)
    } catch (error) {
      if (error instanceof ConflictError) return refusedChange(request, reply, error, `/indicators/${id}/report-card`)
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showEdit(request, reply, id, { linkErrors: errorView(error.fields), errors: errorView(error.fields) })
    }
  })

  app.post('/indicators/:id/report-card/objectives/:objectiveId/remove', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    const objectiveId = idParam(request, 'objectiveId')
    try {
      const { objective } = await cards.unlink(actor, id, objectiveId)
      setFlash(reply, `‘${objective.title}’ is no longer linked`)
      return reply.redirect(`/indicators/${id}/report-card/edit#actions`, 303)
    } catch (error) {
      return refusedChange(request, reply, error, `/indicators/${id}/report-card`)
    }
  })

  app.post('/indicators/:id/commentary', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    await cards.assertMayChange(actor, id)
    const body = formBody(request)
    try {
      await cards.addCommentary(actor, id, parseForm(commentaryForm, body))
      setFlash(reply, 'Commentary added')
      return reply.redirect(`/indicators/${id}/report-card#commentary`, 303)
    } catch (error) {
      if (error instanceof ConflictError) return refusedChange(request, reply, error, `/indicators/${id}/report-card`)
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showCard(request, reply, id, { values: body, errors: errorView(error.fields) })
    }
  })
}
