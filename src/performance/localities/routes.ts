import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, formRefusal, parseForm } from '../../platform/http/forms.ts'
import { formBody } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { assertCan } from '../../platform/auth/model.ts'
import { NotFoundError, ValidationError } from '../../platform/errors.ts'
import { sendTable } from '../../platform/files/table-download.ts'
import type { LocalityService } from './service.ts'
import { localityEditForm, localityFilters, localityForm, type LocalityInput } from './schema.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { localityKindLabels, localityKinds, normaliseCode } from './model.ts'

/** An area code from the address; anything that cannot be one is not found rather than a database error. */
function codeParam(request: FastifyRequest): string {
  const value = (request.params as Record<string, string | undefined>).code ?? ''
  if (!/^[A-Za-z0-9-]{2,20}$/.test(value)) throw new NotFoundError()
  return normaliseCode(value)
}

const kindItems = localityKinds.map((value) => ({
  value,
  text: localityKindLabels[value],
  hint: { text: value === 'ward' ? 'An electoral ward, known by its ONS code' : 'A grouping the partnership plans and delivers by, such as a district' },
}))

/** The form's own checks and the register's together, so every mistake is reported at once. */
async function checkedForm(localities: LocalityService, actor: Actor, body: Record<string, unknown>): Promise<LocalityInput> {
  const parsed = localityForm.safeParse(body)
  if (parsed.success) return parsed.data
  const fields: Record<string, string> = {}
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message
  const kind = localityKinds.find((k) => k === body.kind)
  const more = await localities.problems(actor, {
    ...(kind && { kind }),
    code: typeof body.code === 'string' ? normaliseCode(body.code) : '',
    parentCode: typeof body.parentCode === 'string' ? body.parentCode.trim() : '',
  })
  const all: Record<string, string> = { ...more, ...fields }
  // In the order the form asks, so the summary reads down the page.
  throw new ValidationError(Object.fromEntries(['kind', 'code', 'name', 'parentCode'].filter((k) => all[k]).map((k) => [k, all[k]!])))
}

export function localityRoutes(app: FastifyInstance, localities: LocalityService): void {
  async function showForm(request: FastifyRequest, reply: FastifyReply, code: string | undefined, data: Record<string, unknown>) {
    const options = await localities.forChange(actorOf(request), code)
    return renderPage(request, reply, 'localities/views/form.njk', {
      ...options,
      kindItems,
      parentItems: [{ value: '', text: 'Select an area' }, ...options.parents.map((p) => ({ value: p.code, text: `${p.name} (${p.code})` }))],
      ...data,
    })
  }

  app.get('/localities', async (request, reply) => {
    const { format } = localityFilters.parse(request.query ?? {})
    const page = await localities.list(actorOf(request))
    if (format) {
      return sendTable(
        reply,
        {
          name: 'Localities and wards',
          columns: [
            { header: 'Code', width: 16 },
            { header: 'Name', width: 30 },
            { header: 'Kind' },
            { header: 'Part of', width: 30 },
            { header: 'Part of (code)', width: 16 },
            { header: 'Values' },
          ],
          rows: page.rows.map((a) => [a.code, a.name, localityKindLabels[a.kind as 'ward' | 'locality'] ?? a.kind, a.parentName, a.parent_code, a.valueCount]),
        },
        format,
      )
    }
    return renderPage(request, reply, 'localities/views/list.njk', { title: 'Localities and wards', ...page, localityKindLabels })
  })

  app.get('/localities/new', async (request, reply) => {
    assertCan(actorOf(request), 'directory.edit')
    return showForm(request, reply, undefined, { title: 'Add a locality or ward', values: {}, action: '/localities/new' })
  })

  app.post('/localities/new', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const body = formBody(request)
    try {
      const created = await localities.create(actor, await checkedForm(localities, actor, body))
      setFlash(reply, `${created.name} (${created.code}) added`)
      return reply.redirect('/localities', 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showForm(request, reply, undefined, { title: 'Add a locality or ward', values: body, errors: errorView(error.fields), action: '/localities/new' })
    }
  })

  app.get('/localities/:code/edit', async (request, reply) => {
    const code = codeParam(request)
    const { area, version } = await localities.forChange(actorOf(request), code)
    return showForm(request, reply, code, {
      title: `Change ${area!.name}`,
      values: { name: area!.name, parentCode: area!.parent_code ?? '' },
      version,
      action: `/localities/${code}/edit`,
    })
  })

  app.post('/localities/:code/edit', async (request, reply) => {
    const actor = actorOf(request)
    assertCan(actor, 'directory.edit')
    const code = codeParam(request)
    // Looked up before the form is read, so another partnership's code is not found whatever is sent.
    const { area } = await localities.forChange(actor, code)
    const body = formBody(request)
    try {
      const saved = await localities.update(actor, code, parseForm(localityEditForm, body))
      setFlash(reply, `${saved.name} (${saved.code}) saved`)
      return reply.redirect('/localities', 303)
    } catch (error) {
      const { status, conflict, errors } = formRefusal(error)
      const latest = await localities.forChange(actor, code)
      reply.code(status)
      return showForm(request, reply, code, {
        title: `Change ${area!.name}`,
        latest: conflict ? latest.area : null,
        values: body,
        // After a conflict the form carries the latest fingerprint, so saving again is a deliberate choice made having seen it.
        version: conflict ? latest.version : body.version,
        errors,
        action: `/localities/${code}/edit`,
      })
    }
  })
}
