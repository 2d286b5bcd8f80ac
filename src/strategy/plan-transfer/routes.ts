import { PassThrough } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../platform/http/request-context.ts'
import { renderPage } from '../../platform/http/render.ts'
import { errorView } from '../../platform/http/forms.ts'
import { formBody, idParam } from '../../platform/http/params.ts'
import { setFlash } from '../../platform/http/sessions.ts'
import { uploadedFile } from '../../platform/files/uploads.ts'
import { attachmentHeader, fileTypes } from '../../platform/files/file-types.ts'
import { maxRows, optionalColumns, requiredColumns } from './layout.ts'
import { countText, ImportRejected, type PlanTransferService } from './service.ts'
import { planCsv, writePlanWorkbook } from './write.ts'

/** More than this many problems means the wrong file; the first ones say enough to find out which. */
const shownProblems = 200
const title = 'Import a plan from a spreadsheet'

export function planTransferRoutes(app: FastifyInstance, transfer: PlanTransferService): void {
  async function showForm(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) {
    const { strategies, bodies } = await transfer.formOptions(actorOf(request))
    return renderPage(request, reply, 'plan-transfer/views/import.njk', {
      title,
      strategyItems: [{ value: '', text: 'None' }, ...strategies.map((s) => ({ value: s.id, text: s.title }))],
      bodyItems: [{ value: '', text: 'None' }, ...bodies.map((b) => ({ value: b.id, text: b.name }))],
      requiredColumns,
      optionalColumns,
      maxRowsText: maxRows.toLocaleString('en-GB'),
      values: {},
      errors: { list: [], fields: {} },
      ...data,
    })
  }

  app.get('/plans/import', async (request, reply) => showForm(request, reply, {}))

  app.post('/plans/import', async (request, reply) => {
    const actor = actorOf(request)
    // Before the form is read, so someone who may not import gets 403 rather than a list of errors.
    transfer.assertMayImport(actor)
    const body = formBody(request)
    const file = uploadedFile(body, 'file')
    try {
      const { plan, counts } = await transfer.importPlan(actor, body, file)
      setFlash(reply, `‘${plan.title}’ imported: ${countText(counts)}`)
      return reply.redirect(`/plans/${plan.id}`, 303)
    } catch (error) {
      if (!(error instanceof ImportRejected)) throw error
      reply.code(400)
      const { file: _file, _csrf: _token, ...values } = body
      return showForm(request, reply, {
        values,
        errors: errorView(error.fields),
        filename: file?.filename ?? '',
        problems: error.problems.slice(0, shownProblems),
        moreProblems: Math.max(0, error.problems.length - shownProblems),
        fileLost: file !== null,
      })
    }
  })

  app.get('/plans/:id/export.csv', async (request, reply) => {
    const plan = await transfer.planForExport(actorOf(request), idParam(request), 'csv')
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentHeader(plan.filename))
      .header('cache-control', 'private, no-store')
      .send(planCsv(plan.aims))
  })

  app.get('/plans/:id/export.xlsx', async (request, reply) => {
    const plan = await transfer.planForExport(actorOf(request), idParam(request), 'xlsx')
    const stream = new PassThrough()
    // Written as it is sent; a fault half way ends the download rather than sending a broken file as if whole.
    writePlanWorkbook(plan.title, plan.aims, stream).catch((error: Error) => stream.destroy(error))
    return reply
      .header('content-type', fileTypes['.xlsx']!.contentType)
      .header('content-disposition', attachmentHeader(plan.filename))
      .header('cache-control', 'private, no-store')
      .send(stream)
  })
}
