import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView, formRefusal, parseForm, versionField } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import type { Actor } from '../../platform/audit/actor.ts'
import { stageLabels } from './model.ts'
import { ReadOnlyVersionError, type FrameworkService } from './service.ts'
import { dateValues } from '../../platform/http/date-input.ts'
import { adoptionForm, commitmentForm, consultationForm, moveForm, outcomeForm, versionDetailsForm } from './schema.ts'

type Version = Awaited<ReturnType<FrameworkService['version']>>
const kinds = ['outcomes', 'commitments'] as const
const noErrors = { list: [], fields: {} }

/** A form on one version: what its page shows, what its values start as, and what saving it does. */
interface VersionForm<S extends z.ZodType> {
  path: string
  template: string
  title: (found: Version, itemId: string | null) => string
  values: (found: Version, itemId: string | null) => Record<string, unknown>
  schema: S
  save: (actor: Actor, id: string, itemId: string | null, version: number, input: z.infer<S>) => Promise<string>
  /** Anything more the page needs, such as the bodies that may adopt. */
  extra?: (actor: Actor) => Promise<Record<string, unknown>>
}

export function frameworkRoutes(app: FastifyInstance, framework: FrameworkService): void {
  const labels = { stageLabels }
  const backTo = (id: string) => `/framework/versions/${id}`

  function refused(request: FastifyRequest, reply: FastifyReply, error: Error, id: string) {
    reply.code(409)
    return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message: error.message, backTo: backTo(id) })
  }

  /** Item-level addresses (an outcome or commitment of the version) must name one the version has. */
  function itemOf(request: FastifyRequest, found: Version, kind: (typeof kinds)[number] | null): string | null {
    if (!kind) return null
    const itemId = idParam(request, 'itemId')
    if (!found.content[kind].some((i) => i.id === itemId)) throw new NotFoundError(`The ${kind === 'outcomes' ? 'outcome' : 'commitment'}`)
    return itemId
  }

  async function forChange(request: FastifyRequest, reply: FastifyReply, kind: (typeof kinds)[number] | null) {
    const actor = actorOf(request)
    const id = idParam(request)
    if (kind) idParam(request, 'itemId')
    try {
      const found = await framework.getForChange(actor, id)
      return { actor, id, found, itemId: itemOf(request, found, kind) }
    } catch (error) {
      if (error instanceof ReadOnlyVersionError) return { refused: refused(request, reply, error, id) }
      throw error
    }
  }

  function versionForm<S extends z.ZodType>(form: VersionForm<S>, kind: (typeof kinds)[number] | null) {
    const show = (request: FastifyRequest, reply: FastifyReply, found: Version, itemId: string | null, data: Record<string, unknown>) =>
      renderPage(request, reply, form.template, {
        title: form.title(found, itemId),
        found,
        itemId,
        action: request.url.split('?')[0],
        bodies: [],
        errors: noErrors,
        ...data,
      })

    app.get(form.path, async (request, reply) => {
      const context = await forChange(request, reply, kind)
      if ('refused' in context) return context.refused
      const extra = (await form.extra?.(context.actor)) ?? {}
      return show(request, reply, context.found, context.itemId, {
        values: form.values(context.found, context.itemId),
        version: context.found.version.version,
        ...extra,
      })
    })

    app.post(form.path, async (request, reply) => {
      const context = await forChange(request, reply, kind)
      if ('refused' in context) return context.refused
      const { actor, id, itemId } = context
      const body = formBody(request)
      try {
        const { version } = parseForm(versionField, body)
        const message = await form.save(actor, id, itemId, version, parseForm(form.schema, body))
        setFlash(reply, message)
        return reply.redirect(backTo(id), 303)
      } catch (error) {
        if (error instanceof ReadOnlyVersionError) return refused(request, reply, error, id)
        const { status, conflict, errors } = formRefusal(error)
        const latest = await framework.version(actor, id)
        reply.code(status)
        const extra = (await form.extra?.(actor)) ?? {}
        return show(request, reply, latest, itemId, {
          values: body,
          // After a conflict the form carries the latest version, so saving again is a choice made having seen it.
          version: conflict ? latest.version.version : body.version,
          latest: conflict ? latest : null,
          errors,
          ...extra,
        })
      }
    })
  }

  app.get('/framework', async (request, reply) => {
    const actor = actorOf(request)
    const overview = await framework.overview(actor)
    return renderPage(request, reply, 'framework/views/framework.njk', {
      title: 'Strategic framework',
      ...overview,
      canEdit: framework.canEdit(actor),
      ...labels,
    })
  })

  const showNew = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    renderPage(request, reply, 'framework/views/details.njk', {
      title: 'Start the strategic framework',
      action: '/framework/new',
      errors: noErrors,
      values: {},
      ...data,
    })

  app.get('/framework/new', async (request, reply) => {
    framework.assertMayEdit(actorOf(request))
    return showNew(request, reply, {})
  })

  app.post('/framework/new', async (request, reply) => {
    const actor = actorOf(request)
    framework.assertMayEdit(actor)
    const body = formBody(request)
    try {
      const created = await framework.startFirstDraft(actor, parseForm(versionDetailsForm, body))
      setFlash(reply, 'The first draft of the strategic framework has been started')
      return reply.redirect(backTo(created.id), 303)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      reply.code(400)
      return showNew(request, reply, { values: body, errors: errorView(error.fields) })
    }
  })

  app.get('/framework/versions/:id', async (request, reply) => {
    const actor = actorOf(request)
    const found = await framework.version(actor, idParam(request))
    return renderPage(request, reply, 'framework/views/version.njk', {
      title: `Version ${found.version.number} of the strategic framework`,
      ...found,
      canEdit: framework.canEdit(actor),
      ...labels,
    })
  })

  app.post('/framework/versions/:id/new-draft', async (request, reply) => {
    const actor = actorOf(request)
    const id = idParam(request)
    framework.assertMayEdit(actor)
    try {
      const created = await framework.startNewDraft(actor, id)
      setFlash(reply, `Draft version ${created.number} started from the adopted framework`)
      return reply.redirect(backTo(created.id), 303)
    } catch (error) {
      if (error instanceof ReadOnlyVersionError) return refused(request, reply, error, id)
      throw error
    }
  })

  versionForm(
    {
      path: '/framework/versions/:id/edit',
      template: 'framework/views/details.njk',
      title: (f) => `Change version ${f.version.number} of the strategic framework`,
      values: (f) => ({ title: f.version.title, ambition: f.version.ambition, introduction: f.version.introduction }),
      schema: versionDetailsForm,
      save: async (actor, id, _item, version, input) => (await framework.updateDetails(actor, id, version, input), 'The framework’s details have been saved'),
    },
    null,
  )

  for (const kind of kinds) {
    const one = kind === 'outcomes' ? 'outcome' : 'commitment'
    const template = `framework/views/${one}.njk`
    const itemValues = (f: Version, itemId: string | null): Record<string, unknown> => {
      if (kind === 'outcomes') {
        const o = f.content.outcomes.find((i) => i.id === itemId)
        return o ? { title: o.title, description: o.description } : {}
      }
      const c = f.content.commitments.find((i) => i.id === itemId)
      return c ? { text: c.text, outcomeIds: c.outcomeIds } : { outcomeIds: [] }
    }
    const schema = kind === 'outcomes' ? outcomeForm : commitmentForm
    versionForm(
      {
        path: `/framework/versions/:id/${kind}/new`,
        template,
        title: (f) => `Add ${kind === 'outcomes' ? 'an outcome' : 'a commitment'} to version ${f.version.number}`,
        values: itemValues,
        schema,
        save: async (actor, id, _item, version, input) => {
          if (kind === 'outcomes') await framework.addOutcome(actor, id, version, outcomeForm.parse(input))
          else await framework.addCommitment(actor, id, version, commitmentForm.parse(input))
          return `The ${one} has been added`
        },
      },
      null,
    )
    versionForm(
      {
        path: `/framework/versions/:id/${kind}/:itemId/edit`,
        template,
        title: (f) => `Change ${kind === 'outcomes' ? 'an outcome' : 'a commitment'} of version ${f.version.number}`,
        values: itemValues,
        schema,
        save: async (actor, id, itemId, version, input) => {
          if (kind === 'outcomes') await framework.updateOutcome(actor, id, itemId!, version, outcomeForm.parse(input))
          else await framework.updateCommitment(actor, id, itemId!, version, commitmentForm.parse(input))
          return `The ${one} has been saved`
        },
      },
      kind,
    )

    // Moving and removing are buttons on the version's page: nothing to fill in but the version it was seen at.
    for (const act of ['move', 'remove'] as const) {
      app.post(`/framework/versions/:id/${kind}/:itemId/${act}`, async (request, reply) => {
        const context = await forChange(request, reply, kind)
        if ('refused' in context) return context.refused
        const { actor, id, itemId } = context
        try {
          const { version } = parseForm(versionField, formBody(request))
          if (act === 'move') {
            const { direction } = parseForm(moveForm, formBody(request))
            await framework.move(actor, id, kind, itemId!, version, direction)
            setFlash(reply, `The ${one} has been moved ${direction}`)
          } else {
            const label = await framework.remove(actor, id, kind, itemId!, version)
            setFlash(reply, `‘${label}’ has been removed from this version`)
          }
          return reply.redirect(backTo(id), 303)
        } catch (error) {
          if (!(error instanceof ConflictError || error instanceof ValidationError || error instanceof ReadOnlyVersionError)) throw error
          reply.code(error instanceof ValidationError ? 400 : 409)
          const message = error instanceof ValidationError ? Object.values(error.fields).join(' ') : error.message
          return renderPage(request, reply, 'errors/conflict.njk', { title: 'Nothing was changed', message, backTo: backTo(id) })
        }
      })
    }
  }

  versionForm(
    {
      path: '/framework/versions/:id/consult',
      template: 'framework/views/consult.njk',
      title: (f) => `Put version ${f.version.number} out for consultation`,
      values: (f) => ({ ...dateValues('startsOn', f.version.consultation_starts_on), ...dateValues('endsOn', f.version.consultation_ends_on) }),
      schema: consultationForm,
      save: async (actor, id, _item, version, input) => (await framework.consult(actor, id, version, input), 'The framework is out for consultation'),
    },
    null,
  )

  versionForm(
    {
      path: '/framework/versions/:id/adopt',
      template: 'framework/views/adopt.njk',
      title: (f) => `Adopt version ${f.version.number} of the strategic framework`,
      values: () => ({}),
      schema: adoptionForm,
      save: async (actor, id, _item, version, input) => (
        await framework.adopt(actor, id, version, input),
        'The framework has been adopted and is now in force'
      ),
      extra: async (actor) => ({ bodies: await framework.bodies(actor) }),
    },
    null,
  )
}
