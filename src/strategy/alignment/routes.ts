import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { formRefusal, parseForm } from '../../platform/http/forms.ts'
import { formBody, idParam, uuidOrNull } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { csvField, fingerprint } from './model.ts'
import type { AlignmentService } from './service.ts'
import { alignmentForm, matrixQuery } from './schema.ts'
import type { LocalKind } from './repository.ts'

const noErrors = { list: [], fields: {} }
const kindLabels: Record<LocalKind, string> = { outcome: 'Outcome', commitment: 'Commitment' }

export function alignmentRoutes(app: FastifyInstance, alignment: AlignmentService): void {
  const matrixUrl = (frameworkId: string) => `/alignment?framework=${frameworkId}`

  app.get('/alignment', async (request, reply) => {
    const actor = actorOf(request)
    const { framework } = matrixQuery.parse(request.query ?? {})
    const matrix = await alignment.matrix(actor, framework)
    return renderPage(request, reply, 'alignment/views/matrix.njk', {
      title: 'Alignment with regional and national priorities',
      ...matrix,
      kindLabels,
      canEdit: alignment.canEdit(actor),
    })
  })

  // The matrix as a spreadsheet: one row per outcome or commitment, one column per priority.
  app.get('/alignment.csv', async (request, reply) => {
    const actor = actorOf(request)
    const { framework } = matrixQuery.parse(request.query ?? {})
    const matrix = await alignment.matrix(actor, framework)
    const header = ['Type', 'Outcome or commitment', ...matrix.priorities.map((p) => p.title)]
    const lines = [
      header,
      ...matrix.rows.map((r) => [kindLabels[r.kind], r.label, ...matrix.priorities.map((p) => (r.aligned.includes(p.id) ? 'Aligned' : ''))]),
    ]
    const name = (matrix.framework?.title ?? 'alignment').toLowerCase().replace(/[^a-z0-9]+/g, '-')
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="alignment-${name}.csv"`)
      .send(`\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`)
  })

  for (const kind of ['outcome', 'commitment'] as const) {
    const path = `/alignment/${kind}s/:id/edit`
    const show = async (request: FastifyRequest, reply: FastifyReply, frameworkId: string | undefined, data: Record<string, unknown>) => {
      const found = await alignment.getForChange(actorOf(request), kind, idParam(request), frameworkId)
      return renderPage(request, reply, 'alignment/views/form.njk', {
        title: `Priorities ${kind === 'outcome' ? 'this outcome' : 'this commitment'} serves`,
        ...found,
        kind,
        kindLabels,
        action: request.url.split('?')[0],
        values: { priorityIds: found.aligned },
        aligned: fingerprint(found.aligned),
        errors: noErrors,
        ...data,
      })
    }

    app.get(path, async (request, reply) => show(request, reply, matrixQuery.parse(request.query ?? {}).framework, {}))

    app.post(path, async (request, reply) => {
      const actor = actorOf(request)
      const id = idParam(request)
      alignment.assertMayEdit(actor)
      const body = formBody(request)
      // Read only to re-show the form on the same framework, so anything but an id is no framework.
      const frameworkId = uuidOrNull(body.framework) ?? undefined
      try {
        const saved = await alignment.setAlignments(actor, kind, id, parseForm(alignmentForm, body))
        setFlash(reply, `Saved the ${saved.framework.title} priorities that ‘${saved.item.label}’ serves`)
        return reply.redirect(matrixUrl(saved.framework.id), 303)
      } catch (error) {
        const { status, conflict, errors } = formRefusal(error)
        reply.code(status)
        const chosen = ([] as unknown[]).concat(body.priorityIds ?? [])
        return show(request, reply, frameworkId, {
          values: { priorityIds: chosen },
          latest: conflict,
          // Without a conflict the form keeps the set it was opened with, so a change made meanwhile is still noticed.
          ...(conflict ? {} : { aligned: body.aligned ?? '' }),
          errors,
        })
      }
    })
  }
}
