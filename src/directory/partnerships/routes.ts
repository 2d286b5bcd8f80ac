import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../../platform/db/database.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, type ErrorView } from '../../platform/http/forms.ts'
import { formBody } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ValidationError } from '../../platform/errors.ts'
import { formatUkDate } from '../../platform/dates/index.ts'
import { createPartnership, listPartnerships, localAuthorities } from './service.ts'
import { operatorOf } from './operator.ts'

/** The operator's pages: every partnership on the service, and creating one with its first admin invited. */
export function operatorRoutes(app: FastifyInstance, db: Db): void {
  async function showPage(request: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, unknown>; errors?: ErrorView } = {}) {
    const [partnerships, areas] = [await listPartnerships(db), await localAuthorities(db)]
    const values = extra.values ?? {}
    const areaItems = [
      { value: '', text: 'Select the local authority' },
      ...areas.map((a) => ({ value: a.code, text: `${a.name} (${a.code})`, selected: a.code === values.areaCode })),
    ]
    return renderPage(request, reply, 'partnerships/views/operator.njk', { title: 'Partnerships', partnerships, areaItems, values, errors: extra.errors })
  }

  app.get('/operator/partnerships', async (request, reply) => {
    operatorOf(request)
    return showPage(request, reply)
  })

  app.post('/operator/partnerships', async (request, reply) => {
    const operator = operatorOf(request)
    const body = formBody(request)
    try {
      const { partnership, firstAdmin } = await createPartnership(db, body, operator, { requireAdmin: true })
      const link = firstAdmin ? `${request.protocol}://${request.host}/join/${firstAdmin.token}` : ''
      setFlash(
        reply,
        firstAdmin
          ? `${partnership.name} has been created. We’ve invited ${firstAdmin.email} to be its first admin. Send them this link in a secure way. It works once and expires on ${formatUkDate(firstAdmin.expiresAt)}: ${link}`
          : `${partnership.name} has been created`,
      )
      return reply.redirect('/operator/partnerships', 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showPage(request, reply, { values: body, errors: errorView(error.fields) })
    }
  })
}
