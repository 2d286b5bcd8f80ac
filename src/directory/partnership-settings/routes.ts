import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { formRefusal, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import type { Partnership } from './repository.ts'
import type { PartnershipSettingsService } from './service.ts'
import { settingsForm } from './schema.ts'

const formValues = (p: Partnership) => ({ name: p.name, description: p.description, areaCode: p.area_code ?? '', isPublished: p.is_published ? 'yes' : 'no' })

export function partnershipSettingsRoutes(app: FastifyInstance, settings: PartnershipSettingsService): void {
  async function showForm(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) {
    const { partnership, areas } = await settings.get(actorOf(request))
    return renderPage(request, reply, 'partnership-settings/views/form.njk', {
      title: 'Partnership settings',
      partnership,
      areaItems: [{ value: '', text: 'Not set' }, ...areas.map((a) => ({ value: a.code, text: `${a.name} (${a.code})` }))],
      values: formValues(partnership),
      version: partnership.version,
      errors: { list: [], fields: {} },
      ...data,
    })
  }

  app.get('/admin/partnership', async (request, reply) => showForm(request, reply, {}))

  app.post('/admin/partnership', async (request, reply) => {
    const actor = actorOf(request)
    const body = formBody(request)
    try {
      const { version } = parseForm(versionField, body)
      await settings.update(actor, version, parseForm(settingsForm, body))
      setFlash(reply, 'Partnership settings saved')
      return reply.redirect('/admin/partnership', 303)
    } catch (error) {
      const { status, conflict, errors } = formRefusal(error, '#name')
      reply.code(status)
      // After a conflict the form carries the latest version, so saving again is a deliberate choice.
      return showForm(request, reply, { values: body, errors, ...(conflict ? {} : { version: body.version }) })
    }
  })
}
